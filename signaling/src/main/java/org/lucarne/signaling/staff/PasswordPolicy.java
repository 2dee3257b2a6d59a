package org.lucarne.signaling.staff;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a new staff password must be (OWASP ASVS V2.1, NIST SP 800-63B §5.1.1.2): 12 to 128
 * characters, not the username, not one of the most common passwords; no composition rules (no
 * "one digit and one symbol"), which only make passwords harder to remember, not to guess.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /**
     * What is wrong with {@code password} for the user {@code normalizedUsername}, as a sentence for the
     * person choosing it; empty when it is acceptable.
     */
    public static Optional<String> problem(String password, String normalizedUsername) {
        String p = Normalizer.normalize(password, Normalizer.Form.NFKC);
        int length = p.codePointCount(0, p.length());
        if (length < MIN_LENGTH) {
            return Optional.of("the password has " + length + " characters; it needs at least " + MIN_LENGTH
                    + " (a few words make a long password that is easy to remember)");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("the password has " + length + " characters; it may have at most " + MAX_LENGTH);
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (normalizedUsername != null && lower.equals(normalizedUsername)) {
            return Optional.of("the password may not be the username");
        }
        if (COMMON.contains(lower)) {
            return Optional.of("this password is one of the most common ones, which are tried first; choose another");
        }
        return Optional.empty();
    }

    private static Set<String> load() {
        Set<String> s = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the build");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    s.add(t.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(s);
    }
}
