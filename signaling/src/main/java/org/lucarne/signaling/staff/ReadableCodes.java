package org.lucarne.signaling.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Codes people read from paper or a screen and type back: recovery codes ({@code k7m2p-9xq4w}) and
 * one-time passwords ({@code 4hq7t-w2cmz-p9d3k-r6vxe}). Crockford's base32 alphabet in lower case
 * (no i, l, o, u), 5 bits a character, in groups of 5. Typing is forgiving: case, spaces and
 * hyphens do not matter, and o, i, l are read as 0, 1, 1.
 */
public final class ReadableCodes {
    static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    /** Characters of a recovery code: 10, so 50 bits. */
    public static final int RECOVERY_CODE_CHARS = 10;
    public static final int RECOVERY_CODES = 10;
    /** Characters of a one-time password: 20, so 100 bits. */
    public static final int ONE_TIME_PASSWORD_CHARS = 20;

    private ReadableCodes() {
    }

    /** A code of {@code chars} random characters (a multiple of 5), grouped by 5 with hyphens. */
    public static String random(SecureRandom random, int chars) {
        StringBuilder s = new StringBuilder(chars + chars / 5);
        for (int i = 0; i < chars; i++) {
            if (i > 0 && i % 5 == 0) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    /** Ten new recovery codes, all different. */
    public static List<String> recoveryCodes(SecureRandom random) {
        List<String> codes = new ArrayList<>(RECOVERY_CODES);
        while (codes.size() < RECOVERY_CODES) {
            String c = random(random, RECOVERY_CODE_CHARS);
            if (!codes.contains(c)) {
                codes.add(c);
            }
        }
        return codes;
    }

    /** A new one-time password for a new or reset account. */
    public static String oneTimePassword(SecureRandom random) {
        return random(random, ONE_TIME_PASSWORD_CHARS);
    }

    /**
     * What someone typed for a recovery code, as the code's canonical characters (no hyphen), or empty
     * when it cannot be one.
     */
    public static Optional<String> normalizeRecoveryCode(String typed) {
        if (typed == null || typed.length() > 64) {
            return Optional.empty();
        }
        StringBuilder s = new StringBuilder(RECOVERY_CODE_CHARS);
        for (char c : typed.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == ' ' || c == '-') {
                continue;
            }
            char k = switch (c) {
                case 'o' -> '0';
                case 'i', 'l' -> '1';
                default -> c;
            };
            if (ALPHABET.indexOf(k) < 0) {
                return Optional.empty();
            }
            s.append(k);
        }
        return s.length() == RECOVERY_CODE_CHARS ? Optional.of(s.toString()) : Optional.empty();
    }

    /** What is stored of a recovery code: hex SHA-256 of its canonical characters. */
    public static String hashRecoveryCode(String normalized) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
