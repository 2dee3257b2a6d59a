package org.lucarne.bridge.dtls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A certificate fingerprint as carried in SDP {@code a=fingerprint} (RFC 8122 §5):
 * a hash function name from the IANA "Hash Function Textual Names" registry and the digest of the
 * DER certificate, written as uppercase hex pairs joined by colons.
 */
public final class CertificateFingerprint {
    /** RFC 8122 §5: md2 and md5 are not allowed; these are the names we accept. */
    private static final Map<String, String> JCA_NAMES = Map.of(
            "sha-1", "SHA-1",
            "sha-224", "SHA-224",
            "sha-256", "SHA-256",
            "sha-384", "SHA-384",
            "sha-512", "SHA-512");
    private static final String SUPPORTED = "sha-1, sha-224, sha-256, sha-384, sha-512";

    private final String hashFunction;
    private final byte[] digest;

    private CertificateFingerprint(String hashFunction, byte[] digest) {
        this.hashFunction = hashFunction;
        this.digest = digest;
    }

    /** Fingerprints a DER-encoded certificate. */
    public static CertificateFingerprint of(String hashFunction, byte[] derCertificate) {
        String name = checkedName(hashFunction);
        return new CertificateFingerprint(name, newDigest(name).digest(derCertificate));
    }

    /** Parses the SDP form {@code "sha-256 AB:CD:..."} (the value of a=fingerprint). */
    public static CertificateFingerprint parse(String sdpValue) {
        Objects.requireNonNull(sdpValue, "fingerprint");
        String trimmed = sdpValue.trim();
        int space = trimmed.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("fingerprint must be '<hash-function> <hex pairs>', got '"
                    + trimmed + "'");
        }
        return parse(trimmed.substring(0, space), trimmed.substring(space + 1).trim());
    }

    /** Parses a hash function name and colon-separated hex pairs, case-insensitively. */
    public static CertificateFingerprint parse(String hashFunction, String hexPairs) {
        String name = checkedName(hashFunction);
        int expected = newDigest(name).getDigestLength();
        String[] pairs = hexPairs.split(":", -1);
        if (pairs.length != expected) {
            throw new IllegalArgumentException("a " + name + " fingerprint has " + expected
                    + " hex pairs, got " + pairs.length);
        }
        byte[] digest = new byte[expected];
        for (int i = 0; i < expected; i++) {
            if (pairs[i].length() != 2) {
                throw new IllegalArgumentException("fingerprint byte " + (i + 1) + " is '" + pairs[i]
                        + "', expected two hex digits");
            }
            int hi = Character.digit(pairs[i].charAt(0), 16);
            int lo = Character.digit(pairs[i].charAt(1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("fingerprint byte " + (i + 1) + " is '" + pairs[i]
                        + "', not hex");
            }
            digest[i] = (byte) (hi << 4 | lo);
        }
        return new CertificateFingerprint(name, digest);
    }

    /** The lowercase hash function name, e.g. {@code sha-256}. */
    public String hashFunction() {
        return hashFunction;
    }

    public byte[] digest() {
        return digest.clone();
    }

    /** The uppercase hex pairs joined by colons, e.g. {@code AB:CD:...}. */
    public String hex() {
        StringBuilder sb = new StringBuilder(digest.length * 3);
        for (byte b : digest) {
            if (sb.length() > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)));
            sb.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
        }
        return sb.toString();
    }

    /** The SDP attribute value, {@code sha-256 AB:CD:...}. */
    public String toSdp() {
        return hashFunction + " " + hex();
    }

    /** Whether a DER certificate has this fingerprint, compared in constant time. */
    public boolean matches(byte[] derCertificate) {
        return MessageDigest.isEqual(digest, newDigest(hashFunction).digest(derCertificate));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CertificateFingerprint
                && hashFunction.equals(((CertificateFingerprint) o).hashFunction)
                && Arrays.equals(digest, ((CertificateFingerprint) o).digest);
    }

    @Override
    public int hashCode() {
        return 31 * hashFunction.hashCode() + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return toSdp();
    }

    private static String checkedName(String hashFunction) {
        Objects.requireNonNull(hashFunction, "hash function");
        String name = hashFunction.trim().toLowerCase(Locale.ROOT);
        if (!JCA_NAMES.containsKey(name)) {
            throw new IllegalArgumentException("unsupported fingerprint hash function '" + hashFunction
                    + "'; expected one of " + SUPPORTED + " (RFC 8122 §5)");
        }
        return name;
    }

    private static MessageDigest newDigest(String name) {
        try {
            return MessageDigest.getInstance(JCA_NAMES.get(name));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + JCA_NAMES.get(name), e);
        }
    }
}
