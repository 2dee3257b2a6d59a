package org.lucarne.signaling.staff;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Usernames are compared, indexed and stored in one form: NFKC-normalized, trimmed and in lower
 * case, so {@code Marie.Dupont} and {@code marie.dupont} are one account, and the blind index
 * (purpose {@value #INDEX_PURPOSE}) can be recomputed from the stored, sealed value.
 */
public final class Usernames {
    public static final String INDEX_PURPOSE = "username";
    public static final int MAX_LENGTH = 64;
    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._@-]{1,63}");

    private Usernames() {
    }

    public static String normalize(String typed) {
        return Normalizer.normalize(typed.strip(), Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** What is wrong with a new (normalized) username, or empty. */
    public static Optional<String> problem(String normalized) {
        if (!ALLOWED.matcher(normalized).matches()) {
            return Optional.of("a username is 2 to " + MAX_LENGTH + " letters, digits and . _ @ -, starting with a"
                    + " letter or digit");
        }
        return Optional.empty();
    }
}
