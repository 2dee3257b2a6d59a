package org.lucarne.signaling.invite;

import java.security.SecureRandom;

/**
 * The fragment of a family link, {@code https://HOST/v/{inviteId}#{secret}}: 256 random bits
 * as 43 base64url characters. Browsers never send a fragment to the server. The invite table keeps only the
 * invite id's hash; the whole link is kept sealed ({@code invite_link}) only until its visit is over, so that a
 * reminder or a resend can carry it again (docs/security.md, "Messages to families"). The family browser is to
 * mix it into its first end-to-end handshake (docs/e2ee.md).
 */
public final class LinkSecret {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private LinkSecret(String value) {
        this.value = value;
    }

    public static LinkSecret generate() {
        return generate(RANDOM);
    }

    public static LinkSecret generate(SecureRandom random) {
        return new LinkSecret(RandomToken.next(random));
    }

    /** The 43 characters that go after {@code #}. */
    public String value() {
        return value;
    }

    /** The 32 random bytes. */
    public byte[] bytes() {
        return RandomToken.decode(value);
    }

    @Override
    public String toString() {
        return "LinkSecret[hidden]";
    }
}
