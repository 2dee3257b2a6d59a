package org.lucarne.signaling.notify;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The texts families receive, from the templates beside this class ({@code messages_fr.properties},
 * {@code messages_en.properties}, {@code email.html}), read and checked once at start: every key in
 * both languages, no placeholder the renderer does not fill. Placeholders are {@code {name}}.
 */
final class MessageTemplates {
    /** The languages messages are written in; a contact of any other language gets {@link #FALLBACK}'s. */
    static final List<String> LANGUAGES = List.of("fr", "en");
    static final String FALLBACK = "en";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final Set<String> FORMAT_KEYS = Set.of("format.date", "format.date.year", "format.time", "zone",
            "link.label");
    private static final Set<String> HELP_KEYS = Set.of("help.sms.phone", "help.sms.ward", "help.text.phone",
            "help.text.ward");
    /** What the message templates may name. */
    static final Set<String> MESSAGE_PLACEHOLDERS = Set.of("patient", "contact", "date", "time", "end", "zone", "link",
            "help");

    private final Map<String, Map<String, String>> byLanguage;
    private final String html;

    private MessageTemplates(Map<String, Map<String, String>> byLanguage, String html) {
        this.byLanguage = byLanguage;
        this.html = html;
    }

    /** The templates shipped with Lucarne. */
    static MessageTemplates load() {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String lang : LANGUAGES) {
            Properties p = new Properties();
            try (Reader r = reader("messages_" + lang + ".properties")) {
                p.load(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Map<String, String> m = new HashMap<>();
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
            check(lang, m);
            all.put(lang, Map.copyOf(m));
        }
        String html;
        try (Reader r = reader("email.html")) {
            StringBuilder b = new StringBuilder();
            char[] buf = new char[4096];
            for (int n; (n = r.read(buf)) > 0; ) {
                b.append(buf, 0, n);
            }
            html = b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checkPlaceholders("email.html", html, Set.of("lang", "title", "body"));
        return new MessageTemplates(Map.copyOf(all), html);
    }

    private static Reader reader(String name) {
        InputStream in = MessageTemplates.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the message template " + name + " is missing from the build");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    private static void check(String lang, Map<String, String> m) {
        for (String k : FORMAT_KEYS) {
            require(lang, m, k);
        }
        checkPlaceholders(lang + " zone", m.get("zone"), Set.of("city"));
        for (String k : HELP_KEYS) {
            checkPlaceholders(lang + " " + k, require(lang, m, k), Set.of("phone"));
        }
        for (MessageKind kind : MessageKind.values()) {
            for (String part : List.of("sms", "subject", "text")) {
                String key = kind.stored() + "." + part;
                checkPlaceholders(lang + " " + key, require(lang, m, key), MESSAGE_PLACEHOLDERS);
            }
        }
    }

    private static String require(String lang, Map<String, String> m, String key) {
        String v = m.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("the " + lang + " message templates lack " + key);
        }
        return v;
    }

    private static void checkPlaceholders(String where, String text, Set<String> allowed) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!allowed.contains(m.group(1))) {
                throw new IllegalStateException("the message template " + where + " names {" + m.group(1)
                        + "}, which is none of " + allowed);
            }
        }
    }

    /** The language whose texts a contact of {@code language} gets. */
    static String languageFor(String language) {
        return language != null && LANGUAGES.contains(language) ? language : FALLBACK;
    }

    /** One text of {@code language} ({@link #languageFor} applied). */
    String get(String language, String key) {
        String v = byLanguage.get(languageFor(language)).get(key);
        if (v == null) {
            throw new IllegalArgumentException("no message template " + key);
        }
        return v;
    }

    String html() {
        return html;
    }

    /** {@code template} with each {@code {name}} replaced by {@code values.apply(name)}. */
    static String fill(String template, Function<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.apply(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? "" : v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
