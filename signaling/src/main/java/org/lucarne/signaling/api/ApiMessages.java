package org.lucarne.signaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The sentence an error code means to a person, in their language: {@code error.staff.<code>} of the
 * console's own message files ({@code web-client/app/i18n/{fr,en}.json}), so the API and the console say
 * the same. The language is the first of French or English that the request's {@code Accept-Language}
 * accepts; English otherwise.
 */
public final class ApiMessages {
    static final String FILES = "lucarne-web-client/i18n/";
    private final Map<String, Map<String, String>> byLanguage = new HashMap<>();

    private ApiMessages() {
    }

    /** The messages bundled with the web client. */
    public static ApiMessages bundled() {
        ApiMessages m = new ApiMessages();
        for (String lang : new String[] {"en", "fr"}) {
            m.byLanguage.put(lang, load(FILES + lang + ".json"));
        }
        return m;
    }

    /** The sentence for {@code code} in the language {@code acceptLanguage} prefers, if there is one. */
    public Optional<String> of(String code, String acceptLanguage) {
        return Optional.ofNullable(byLanguage.get(language(acceptLanguage)).get("error.staff." + code));
    }

    /** {@code fr} or {@code en}: the first of them the header accepts (q > 0), by its order of preference. */
    public static String language(String acceptLanguage) {
        if (acceptLanguage == null) {
            return "en";
        }
        String best = "en";
        double bestQ = -1;
        for (String part : acceptLanguage.split(",")) {
            String[] pieces = part.strip().split(";");
            String tag = pieces[0].strip().toLowerCase(Locale.ROOT);
            double q = 1.0;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].strip();
                if (p.startsWith("q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            String primary = tag.split("-")[0];
            if ((primary.equals("fr") || primary.equals("en")) && q > 0 && q > bestQ) {
                best = primary;
                bestQ = q;
            }
        }
        return best;
    }

    private static Map<String, String> load(String resource) {
        try (InputStream in = ApiMessages.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from this build (the web client's messages)");
            }
            JsonNode root = Json.MAPPER.readTree(in);
            Map<String, String> out = new HashMap<>();
            root.fields().forEachRemaining(e -> {
                if (e.getKey().startsWith("error.staff.") && e.getValue().isTextual()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
