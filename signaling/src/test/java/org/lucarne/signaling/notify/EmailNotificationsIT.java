package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.lucarne.certs.DevTlsMaterial;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.MailServerTls;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * A real mail server (GreenMail, SMTP over TLS with a certificate for localhost from a CA of the test's own,
 * which Lucarne trusts through notify.smtp.ca.certificate) receives the families' e-mails: the right
 * link and the visit's time in Europe/Paris, in plain text and HTML; the link from the e-mail admits to
 * that visit; and a mail server that offers no STARTTLS is never sent to in clear.
 */
class EmailNotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DevTlsMaterial TLS;

    static {
        TLS = MailServerTls.material(); // before GreenMail starts: one keystore for every test class
    }

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {
            ServerSetupTest.SMTPS.dynamicPort(), ServerSetupTest.SMTP.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("lucarne", "mailbox-password-42"))
            .withPerMethodLifecycle(false);

    private static NotifyServer n;
    private Family.Ids family;

    @BeforeAll
    static void start() {
        n = new NotifyServer(Instant.parse("2026-06-02T08:00:00Z"), Map.of(
                "LUCARNE_NOTIFY_SMTP_HOST", "localhost",
                "LUCARNE_NOTIFY_SMTP_PORT", Integer.toString(MAIL.getSmtps().getPort()),
                "LUCARNE_NOTIFY_SMTP_SECURITY", "tls",
                "LUCARNE_NOTIFY_SMTP_USERNAME", "lucarne",
                "LUCARNE_NOTIFY_SMTP_PASSWORD", "mailbox-password-42",
                "LUCARNE_NOTIFY_SMTP_FROM", "Hôpital Exemple <visites@hospital.example>",
                "LUCARNE_NOTIFY_SMTP_CA_CERTIFICATE", TLS.caCertificatePem().toString()));
    }

    @AfterAll
    static void stop() {
        if (n != null) {
            n.close();
        }
    }

    @BeforeEach
    void family() throws Exception {
        MAIL.purgeEmailFromAllMailboxes();
        family = n.family();
    }

    @Test
    void theEmailArrivesWithTheLinkAndTheVisitsTimeInParis() throws Exception {
        Instant start = n.timers.clock().instant().plus(Duration.ofHours(3));
        NotifyServer.Booked b = n.book(family, start, Duration.ofMinutes(30), family.jean());
        n.settle();
        assertTrue(MAIL.waitForIncomingEmail(5000, 1));
        MimeMessage m = MAIL.getReceivedMessages()[0];

        String from = DateTimeFormatter.ofPattern("HH'h'mm").format(start.atZone(Family.PARIS));
        String to = DateTimeFormatter.ofPattern("HH'h'mm").format(start.plus(Duration.ofMinutes(30)).atZone(Family.PARIS));
        assertEquals("Visite vidéo avec Marie le mardi 2 juin à " + from, m.getSubject());
        assertEquals(new InternetAddress("visites@hospital.example", "Hôpital Exemple"), m.getFrom()[0]);
        assertEquals(Family.JEAN_EMAIL, ((InternetAddress) m.getRecipients(Message.RecipientType.TO)[0]).getAddress());
        assertEquals("auto-generated", m.getHeader("Auto-Submitted")[0]);
        assertTrue(m.getContentType().startsWith("multipart/alternative"), m.getContentType());

        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        BodyPart plain = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertTrue(plain.isMimeType("text/plain"), plain.getContentType());
        assertTrue(html.isMimeType("text/html"), html.getContentType());
        String text = ((String) plain.getContent()).replace("\r\n", "\n"); // SMTP carries lines as CRLF
        String link = b.link(0, n.server.origin());
        assertTrue(text.startsWith("Bonjour Jean Dupont,"), text);
        assertTrue(text.contains("le mardi 2 juin, de " + from + " à " + to + " (heure de Paris)"), text);
        assertTrue(text.contains("\n" + link + "\n"), text);
        String page = (String) html.getContent();
        assertTrue(page.contains("<a href=\"" + link + "\""), page);
        assertFalse(page.contains("<img") || page.contains("src="), "no remote image, no tracking: " + page);

        StaffClient nurse = n.nurse(family);
        JsonNode jean = NotifyServer.invite(nurse, b.visit().id(), family.jean());
        assertEquals("sent", jean.get("status").asText());
        assertEquals("email", jean.get("channel").asText());
    }

    @Test
    void theLinkFromTheEmailAdmitsToThatVisit() throws Exception {
        NotifyServer.Booked b = n.book(family, n.timers.clock().instant(), Duration.ofMinutes(30), family.jean());
        n.settle();
        assertTrue(MAIL.waitForIncomingEmail(5000, 1));
        String text = (String) ((MimeMultipart) MAIL.getReceivedMessages()[0].getContent()).getBodyPart(0).getContent();
        Matcher link = Pattern.compile(Pattern.quote(n.server.origin()) + "/v/([A-Za-z0-9_-]{43})#([A-Za-z0-9_-]{43})")
                .matcher(text);
        assertTrue(link.find(), text);

        WsTestClient family = WsTestClient.connect(n.server, n.server.origin());
        try {
            family.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
            assertEquals("welcome", type(family));
            TestDevice.create().bindOn(family, n.server.origin(), link.group(1));
            family.send("{\"v\":1,\"type\":\"join\",\"invite\":\"" + link.group(1) + "\"}");
            JsonNode ready = JSON.readTree(family.next(5));
            assertEquals("visit_ready", ready.get("type").asText(), ready.toString());
            assertEquals(b.visit().id(), ready.get("visit").asText());
            assertEquals("lobby", type(family));
        } finally {
            family.abort();
        }
    }

    private static String type(WsTestClient c) throws IOException {
        return JSON.readTree(c.next(5)).get("type").asText();
    }

    @Test
    void aMailServerWithoutStarttlsIsNeverSentToInClear() throws Exception {
        try (NotifyServer plain = new NotifyServer(Instant.parse("2026-06-02T08:00:00Z"), Map.of(
                "LUCARNE_NOTIFY_SMTP_HOST", "localhost",
                "LUCARNE_NOTIFY_SMTP_PORT", Integer.toString(MAIL.getSmtp().getPort()),
                "LUCARNE_NOTIFY_SMTP_SECURITY", "starttls",
                "LUCARNE_NOTIFY_SMTP_FROM", "visites@hospital.example"))) {
            Family.Ids f = plain.family();
            NotifyServer.Booked b = plain.book(f, plain.timers.clock().instant().plus(Duration.ofHours(2)),
                    Duration.ofMinutes(30), f.jean());
            plain.settle();
            assertEquals(0, MAIL.getReceivedMessages().length);
            JsonNode jean = NotifyServer.invite(plain.nurse(f), b.visit().id(), f.jean());
            assertEquals("pending", jean.get("status").asText());
            assertEquals("mail_tls_failed", jean.get("reason").get("code").asText());
        }
    }
}
