package org.lucarne.signaling.call.bridge;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * One media bridge the focus can drive: our {@code media-bridge} or a real JVB with its REST API
 * enabled. {@link #toString()} and {@link #name()} never show the secret.
 *
 * @param baseUri where its HTTP API is, always ending in {@code /}, for example {@code http://10.20.0.7:8080/}
 * @param secret  sent as {@code Authorization: Bearer <secret>} (RFC 6750 §2.1) when present
 */
public record Bridge(URI baseUri, Optional<String> secret) {
    public Bridge {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(secret, "secret");
        if (!baseUri.isAbsolute() || baseUri.getHost() == null || baseUri.getRawUserInfo() != null
                || baseUri.getRawQuery() != null || baseUri.getRawFragment() != null
                || !("http".equals(baseUri.getScheme()) || "https".equals(baseUri.getScheme()))) {
            throw new IllegalArgumentException("a bridge URL is http(s)://host[:port][/path] without user, query or "
                    + "fragment, not " + baseUri);
        }
        String path = baseUri.getRawPath() == null ? "" : baseUri.getRawPath();
        if (!path.endsWith("/")) {
            baseUri = URI.create(baseUri.getScheme() + "://" + baseUri.getRawAuthority() + path + "/");
        }
    }

    /** A bridge without a shared secret. */
    public static Bridge at(URI baseUri) {
        return new Bridge(baseUri, Optional.empty());
    }

    /** The bridge's address, for logs and error messages. */
    public String name() {
        return baseUri.toString();
    }

    /** The absolute URI of a path under the bridge's base, such as {@code colibri/v2/conferences}. */
    URI resolve(String relativePath) {
        return baseUri.resolve(relativePath);
    }

    @Override
    public String toString() {
        return "Bridge[" + name() + (secret.isPresent() ? ", secret set" : "") + "]";
    }
}
