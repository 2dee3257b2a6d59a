package org.lucarne.signaling.enrol;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lucarne.signaling.session.SessionTokens;

/**
 * The 8-digit code a tablet shows while it waits, {@code 1234-5678}, that staff type into the console: random,
 * made by the server, stored only as a hash. The same code typed with or without its dash is the same code.
 */
public final class EnrolmentCodes {
    private static final Pattern TYPED = Pattern.compile("([0-9]{4})-?([0-9]{4})");

    private EnrolmentCodes() {
    }

    /** Eight random digits, written {@code 1234-5678}. */
    public static String next(SecureRandom random) {
        String digits = String.format("%08d", random.nextInt(100_000_000));
        return digits.substring(0, 4) + "-" + digits.substring(4);
    }

    /** The eight digits of a typed code ({@code 12345678} or {@code 1234-5678}), if it is one. */
    public static Optional<String> digits(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        var m = TYPED.matcher(typed.strip());
        return m.matches() ? Optional.of(m.group(1) + m.group(2)) : Optional.empty();
    }

    /** What is stored of a code: hex SHA-256 of its eight digits. */
    public static String hash(String digits) {
        return SessionTokens.hash("enrol:" + digits);
    }
}
