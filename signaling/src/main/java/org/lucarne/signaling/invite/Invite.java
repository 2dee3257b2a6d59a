package org.lucarne.signaling.invite;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A just-created invite: the only time its id and link secret exist together, since neither
 * is stored. Build the link with {@link #link(String)}, hand it over, and let this go.
 */
public record Invite(InviteId id, LinkSecret secret, InviteRecord details) {

    /** {@code https://HOST/v/{inviteId}#{secret}} for the server's public origin. */
    public String link(String publicOrigin) {
        return link(publicOrigin, id, secret);
    }

    /**
     * {@code https://HOST/v/{inviteId}#{secret}}.
     *
     * @param publicOrigin {@code https://host[:port]}, a trailing {@code /} tolerated
     * @throws IllegalArgumentException when it is not such an origin
     */
    public static String link(String publicOrigin, InviteId id, LinkSecret secret) {
        String origin = publicOrigin.endsWith("/")
                ? publicOrigin.substring(0, publicOrigin.length() - 1) : publicOrigin;
        try {
            URI uri = new URI(origin);
            boolean ok = "https".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawPath().isEmpty()
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (!ok) {
                throw new IllegalArgumentException("public origin must look like https://host[:port], not '"
                        + publicOrigin + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("public origin is not a valid URI: '" + publicOrigin + "'", e);
        }
        return origin + "/v/" + id.value() + "#" + secret.value();
    }
}
