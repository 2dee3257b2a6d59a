package org.lucarne.e2ee.safety;

import java.nio.charset.StandardCharsets;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Labels;

/** Safety codes (docs/e2ee.md "Safety codes"): 30-digit fingerprints, the 60-digit code of a pair, the 6-digit short code. */
public final class SafetyCode {
    public static final int ITERATIONS = 5200;

    private SafetyCode() {
    }

    /**
     * h = SHA-512(0x00 0x01 || label || IK_sig || IK_dh), then 5,199 times h = SHA-512(h || IK_sig || IK_dh);
     * the first 30 bytes as six 5-byte big-endian numbers, each mod 100,000, as 5 digits.
     */
    public static String fingerprint(PublicIdentity id) {
        byte[] sig = id.sigKey();
        byte[] dh = id.dhKey();
        byte[] h = Hashes.sha512(new byte[] {0x00, 0x01}, Labels.ascii(Labels.SAFETY_CODE), sig, dh);
        for (int i = 1; i < ITERATIONS; i++) {
            h = Hashes.sha512(h, sig, dh);
        }
        StringBuilder digits = new StringBuilder(30);
        for (int group = 0; group < 6; group++) {
            long n = 0;
            for (int k = 0; k < 5; k++) {
                n = (n << 8) | (h[group * 5 + k] & 0xFF);
            }
            digits.append(String.format("%05d", n % 100_000));
        }
        return digits.toString();
    }

    /** The two fingerprints, the smaller (as text) first: the same on both devices. */
    public static String safetyCode(PublicIdentity a, PublicIdentity b) {
        String fa = fingerprint(a);
        String fb = fingerprint(b);
        return fa.compareTo(fb) <= 0 ? fa + fb : fb + fa;
    }

    /** HKDF-SHA-256(IKM = the 60 digits as ASCII, salt = 32 × 0x00, info = label, L = 4) mod 1,000,000, 6 digits. */
    public static String shortCode(String safetyCode) {
        if (!safetyCode.matches("[0-9]{60}")) {
            throw new IllegalArgumentException("a safety code is 60 digits");
        }
        byte[] out = Hashes.hkdf(safetyCode.getBytes(StandardCharsets.US_ASCII), new byte[32],
                Labels.ascii(Labels.SHORT_SAFETY_CODE), 4);
        long n = ((out[0] & 0xFFL) << 24) | ((out[1] & 0xFFL) << 16) | ((out[2] & 0xFFL) << 8) | (out[3] & 0xFFL);
        return String.format("%06d", n % 1_000_000);
    }

    /** The 60 digits in 12 groups of 5, as shown. */
    public static String grouped(String safetyCode) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < safetyCode.length(); i += 5) {
            if (i > 0) {
                s.append(' ');
            }
            s.append(safetyCode, i, Math.min(i + 5, safetyCode.length()));
        }
        return s.toString();
    }
}
