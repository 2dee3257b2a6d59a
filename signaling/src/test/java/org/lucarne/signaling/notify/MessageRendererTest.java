package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MessageRendererTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final MessageRenderer RENDERER = new MessageRenderer(MessageTemplates.load());
    /** A link on a 40-character origin: the longest the SMS budget is written for. */
    private static final String LONG_LINK = "https://visites-video.chu-exemple-nord.fr/v/" + "A".repeat(43) + "#"
            + "b".repeat(43);
    private static final Instant NOW = paris("2026-09-01T09:00");

    private static Instant paris(String local) {
        return LocalDateTime.parse(local).atZone(PARIS).toInstant();
    }

    private static MessageContent content(MessageKind kind, String lang, String patient, Instant start,
                                          Optional<String> phone) {
        return new MessageContent(kind, lang, patient, "Jean-Christophe de La Fontaine-Marchand", start,
                start.plusSeconds(3600), PARIS, kind.carriesLink() ? Optional.of(LONG_LINK) : Optional.empty(), phone,
                NOW);
    }

    @ParameterizedTest
    @EnumSource(MessageKind.class)
    void everyTextMessageFitsInTwoSegmentsWithLongValues(MessageKind kind) {
        // The longest day and month names, a date next year, a 20-character name, a 20-character number.
        Instant start = paris("2027-09-29T23:45");
        for (String lang : MessageTemplates.LANGUAGES) {
            String sms = RENDERER.render(content(kind, lang, "Marie-Bernadette-Anne Dupont", start,
                    Optional.of("+33 (0)1 23 45 67 89"))).sms();
            assertTrue(SmsText.isGsm(sms), lang + " " + kind + ": " + sms);
            assertTrue(SmsText.segments(sms) <= MessageRenderer.SMS_MAX_SEGMENTS, lang + " " + kind + " is "
                    + SmsText.septets(sms) + " characters: " + sms);
        }
    }

    @Test
    void frenchInviteSaysTheDayAndTimeInTheWardsZoneWithTheLink() {
        MessageRenderer.Rendered r = RENDERER.render(content(MessageKind.INVITE, "fr", "Marie Dupont",
                paris("2026-10-25T15:00"), Optional.of("01 23 45 67 89")));
        assertEquals("Visite vidéo avec Marie le dimanche 25 octobre à 15h00 (heure de Paris). A l'heure de la visite,"
                + " ouvrez ce lien : " + LONG_LINK + " Aide : 01 23 45 67 89", r.sms());
        assertEquals("Visite vidéo avec Marie le dimanche 25 octobre à 15h00", r.subject());
        assertTrue(r.text().startsWith("Bonjour Jean-Christophe de La Fontaine-Marchand,\n\n"), r.text());
        assertTrue(r.text().contains("le dimanche 25 octobre, de 15h00 à 16h00 (heure de Paris)"), r.text());
        assertTrue(r.text().contains("Vous pouvez l'ouvrir avant, pour vérifier votre caméra et votre micro."), r.text());
        assertTrue(r.text().contains("\n\n" + LONG_LINK + "\n\n"), r.text());
        assertTrue(r.text().endsWith("Besoin d'aide ? Appelez le 01 23 45 67 89.\n"), r.text());
    }

    @Test
    void englishReminderWithoutHelpNumberSendsToTheWard() {
        MessageRenderer.Rendered r = RENDERER.render(content(MessageKind.REMINDER, "en", "Mme Dupont",
                paris("2026-03-29T15:00"), Optional.empty()));
        assertEquals("Reminder: video visit with Mme Dupont on Sunday 29 March at 15:00 (Paris time). Your link: "
                + LONG_LINK + " Help: call the ward.", r.sms());
        assertTrue(r.text().contains("Need help? Call the ward that invited you."), r.text());
    }

    @Test
    void cancelledMessageCarriesNoLink() {
        MessageRenderer.Rendered r = RENDERER.render(content(MessageKind.CANCELLED, "en", "Marie", paris("2026-03-29T15:00"),
                Optional.empty()));
        assertFalse(r.sms().contains("https://"), r.sms());
        assertFalse(r.text().contains("https://"), r.text());
        assertFalse(r.html().contains("https://"), r.html());
        assertTrue(r.sms().contains("is cancelled"), r.sms());
    }

    @Test
    void aVisitNextYearSaysTheYear() {
        MessageRenderer.Rendered r = RENDERER.render(content(MessageKind.INVITE, "en", "Marie", paris("2027-01-04T10:30"),
                Optional.empty()));
        assertTrue(r.subject().endsWith("on Monday 4 January 2027 at 10:30"), r.subject());
    }

    @Test
    void unknownLanguageGetsEnglish() {
        MessageRenderer.Rendered r = RENDERER.render(content(MessageKind.INVITE, "de", "Marie", paris("2026-10-01T10:30"),
                Optional.empty()));
        assertTrue(r.sms().startsWith("Video visit with Marie"), r.sms());
    }

    @Test
    void htmlPartIsEscapedHasTheLinkAsAButtonAndFetchesNothing() {
        MessageContent c = new MessageContent(MessageKind.INVITE, "fr", "<b>Marie</b>", "Jean & \"Lou\"",
                paris("2026-10-01T10:30"), paris("2026-10-01T11:00"), PARIS, Optional.of(LONG_LINK), Optional.empty(),
                NOW);
        String html = RENDERER.render(c).html();
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"fr\">"), html);
        assertTrue(html.contains("Bonjour Jean &amp; &quot;Lou&quot;,"), html);
        assertTrue(html.contains("&lt;b&gt;Marie&lt;/b&gt;"), html);
        assertFalse(html.contains("<b>"), html);
        assertTrue(html.contains("<a href=\"" + LONG_LINK + "\""), html);
        assertTrue(html.contains(">Ouvrir la visite vidéo</a>"), html);
        assertFalse(Pattern.compile("<img|src=|url\\(|<link|<script", Pattern.CASE_INSENSITIVE).matcher(html).find(), html);
        assertFalse(html.contains("{"), "every placeholder filled: " + html);
    }

    @Test
    void firstNameIsTheFirstWordOrTheTitleAndTheNextWord() {
        assertEquals("Marie", MessageRenderer.firstName("Marie Dupont"));
        assertEquals("Marie-Anne", MessageRenderer.firstName("  Marie-Anne   Dupont "));
        assertEquals("Mme Dupont", MessageRenderer.firstName("Mme Dupont"));
        assertEquals("M. Martin", MessageRenderer.firstName("M. Martin Jean"));
        assertEquals("Dr Watson", MessageRenderer.firstName("Dr Watson"));
        assertEquals("Mme", MessageRenderer.firstName("Mme"));
        assertEquals("Lou", MessageRenderer.firstName("Lou"));
    }
}
