package org.lucarne.signaling.notify;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Puts a {@link MessageContent} in words, in the contact's language, from the {@link MessageTemplates}:
 * the text message, and the e-mail's subject, plain text and HTML. Days and times are the ward's
 * ({@link MessageContent#zone()}). The patient is named by their first name only.
 */
final class MessageRenderer {
    /** The text message's budget: 2 segments of the GSM alphabet. */
    static final int SMS_MAX_SEGMENTS = 2;
    /** A name in a text message is cut to this many characters. */
    static final int SMS_NAME_LENGTH = 20;
    /** Words that come before a name and are not one: the first name is then the word after. */
    private static final Set<String> TITLES = Set.of("m", "mme", "mlle", "mr", "mrs", "ms", "miss", "dr", "pr",
            "madame", "monsieur", "mademoiselle", "docteur", "sir", "dame");

    /** What the family reads. */
    record Rendered(String sms, String subject, String text, String html) { }

    private final MessageTemplates templates;

    MessageRenderer(MessageTemplates templates) {
        this.templates = Objects.requireNonNull(templates, "templates");
    }

    Rendered render(MessageContent c) {
        String lang = MessageTemplates.languageFor(c.language());
        Locale locale = Locale.forLanguageTag(lang);
        ZonedDateTime start = c.start().atZone(c.zone());
        boolean sameYear = start.getYear() == c.now().atZone(c.zone()).getYear();
        DateTimeFormatter date = DateTimeFormatter.ofPattern(templates.get(lang, sameYear ? "format.date"
                : "format.date.year"), locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern(templates.get(lang, "format.time"), locale);
        String zone = MessageTemplates.fill(templates.get(lang, "zone"), k -> city(c));
        String patient = firstName(c.patientName());
        String kind = c.kind().stored();
        String link = c.link().orElse("");
        String phone = c.helpPhone().orElse("");
        String helpKind = c.helpPhone().isPresent() ? "phone" : "ward";

        Function<String, String> common = k -> switch (k) {
            case "contact" -> c.contactName().strip();
            case "date" -> date.format(start);
            case "time" -> time.format(start);
            case "end" -> time.format(c.end().atZone(c.zone()));
            case "zone" -> zone;
            case "phone" -> phone;
            default -> null;
        };
        String smsHelp = MessageTemplates.fill(templates.get(lang, "help.sms." + helpKind), common);
        String textHelp = MessageTemplates.fill(templates.get(lang, "help.text." + helpKind), common);

        String sms = SmsText.gsm(MessageTemplates.fill(templates.get(lang, kind + ".sms"), k -> switch (k) {
            case "patient" -> cut(patient, SMS_NAME_LENGTH);
            case "link" -> link;
            case "help" -> smsHelp;
            default -> common.apply(k);
        })).strip();
        String subject = MessageTemplates.fill(templates.get(lang, kind + ".subject"), k -> k.equals("patient")
                ? patient : common.apply(k)).strip();
        String textTemplate = templates.get(lang, kind + ".text");
        String text = MessageTemplates.fill(textTemplate, k -> switch (k) {
            case "patient" -> patient;
            case "link" -> link;
            case "help" -> textHelp;
            default -> common.apply(k);
        }).strip() + "\n";
        String html = html(lang, subject, textTemplate, k -> switch (k) {
            case "patient" -> patient;
            case "help" -> textHelp;
            default -> common.apply(k);
        }, link, templates.get(lang, "link.label"));
        return new Rendered(sms, subject, text, html);
    }

    /**
     * The HTML part: each paragraph of the plain-text template, escaped; the paragraph that is the link
     * alone becomes a button and the link written out (a reader whose mail program hides the button
     * still has it). No image, no style sheet, nothing fetched from elsewhere.
     */
    private String html(String lang, String subject, String textTemplate, Function<String, String> values,
                        String link, String linkLabel) {
        StringBuilder body = new StringBuilder();
        for (String paragraph : textTemplate.strip().split("\n\\s*\n")) {
            if (paragraph.strip().equals("{link}")) {
                String href = escape(link);
                body.append("<p style=\"margin:24px 0\"><a href=\"").append(href).append("\" style=\"display:inline-block;"
                        + "padding:14px 24px;background:#0b5cad;color:#ffffff;text-decoration:none;border-radius:6px;"
                        + "font-weight:bold\">").append(escape(linkLabel)).append("</a></p>\n");
                body.append("<p style=\"margin:0 0 16px;font-size:14px;word-break:break-all\"><a href=\"").append(href)
                        .append("\" style=\"color:#0b5cad\">").append(href).append("</a></p>\n");
                continue;
            }
            List<String> lines = new ArrayList<>();
            for (String line : paragraph.strip().split("\n")) {
                lines.add(escape(MessageTemplates.fill(line, values)));
            }
            body.append("<p style=\"margin:0 0 16px\">").append(String.join("<br>", lines)).append("</p>\n");
        }
        return MessageTemplates.fill(templates.html(), k -> switch (k) {
            case "lang" -> lang;
            case "title" -> escape(subject);
            case "body" -> body.toString().strip();
            default -> null;
        });
    }

    /** "Paris" for Europe/Paris, "New York" for America/New_York; the id itself for zones without a city. */
    private static String city(MessageContent c) {
        String id = c.zone().getId();
        int slash = id.lastIndexOf('/');
        return (slash >= 0 && !id.startsWith("Etc/") ? id.substring(slash + 1) : id).replace('_', ' ');
    }

    /**
     * The first name in a display name as the ward wrote it: its first word ("Marie" of "Marie Dupont"),
     * or, after a title, the title and the next word ("Mme Dupont"), so that nobody is called "Mme".
     */
    static String firstName(String displayName) {
        String[] words = displayName.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
            return displayName.strip();
        }
        String first = words[0].toLowerCase(Locale.ROOT).replace(".", "");
        if (words.length > 1 && TITLES.contains(first)) {
            return words[0] + " " + words[1];
        }
        return words[0];
    }

    private static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
