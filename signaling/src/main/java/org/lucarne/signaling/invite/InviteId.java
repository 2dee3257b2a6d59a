package org.lucarne.signaling.invite;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The public part of a family link, {@code https://HOST/v/{inviteId}#{secret}}: 256 random
 * bits as 43 base64url characters. It is a bearer credential, so the database keeps only
 * {@link #hash()} and {@link #toString()} shows only the start of that hash.
 */
public final class InviteId {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String value;

    private InviteId(String value) {
        this.value = value;
    }

    /** A fresh random id. */
    public static InviteId generate() {
        return generate(RANDOM);
    }

    public static InviteId generate(SecureRandom random) {
        return new InviteId(RandomToken.next(random));
    }

    /**
     * The id in a link path, or empty unless {@code text} is exactly the canonical form:
     * 43 base64url characters, no padding, no whitespace.
     */
    public static Optional<InviteId> parse(String text) {
        return RandomToken.isWellFormed(text) ? Optional.of(new InviteId(text)) : Optional.empty();
    }

    /** The 43 characters that go in the link. */
    public String value() {
        return value;
    }

    /** SHA-256 of the ASCII {@link #value()}, lower-case hex: what the database stores. */
    public String hash() {
        return sha256Hex(value);
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InviteId other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.US_ASCII), other.value.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "InviteId[hash " + hash().substring(0, 12) + "…]";
    }
}
