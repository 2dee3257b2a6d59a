package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallPages.waitForCallState;
import static org.lucarne.signaling.testing.ConsoleKeys.assertFocused;
import static org.lucarne.signaling.testing.ConsoleKeys.hidden;
import static org.lucarne.signaling.testing.ConsoleKeys.openView;
import static org.lucarne.signaling.testing.ConsoleKeys.signIn;
import static org.lucarne.signaling.testing.ConsoleKeys.tabTo;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.microsoft.playwright.Page;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.certs.DevTlsMaterial;
import org.lucarne.signaling.testing.MailServerTls;
import org.lucarne.signaling.call.CallPages;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.Chromium;

/**
 * Booking from the console's week view, end to end, in real Chromium against a real server whose
 * e-mails go to a real mail server (GreenMail over SMTP with TLS): a nurse, by the keyboard alone,
 * books a free time of the week; the invitation arrives by e-mail; its link opens the family page of
 * that visit; the family joins and the tablet rings and answers; the nurse cancels the visit from
 * Today and the family page and the tablet see the call end, cancelled. And a booking refused for a
 * rule shows the rule and the suggested times, one of which books it.
 *
 * <p>The hospital's time zone is the one where it is around noon now, so that the ward's visiting
 * hours (08:00–20:00) hold "now" whenever the test runs.
 */
class BookingConsoleBrowserIT {
    private static final DevTlsMaterial TLS;
    private static final Pattern FAMILY_LINK = Pattern.compile("https://localhost:\\d+/v/[A-Za-z0-9_-]{43}#[A-Za-z0-9_-]{43}");

    static {
        TLS = MailServerTls.material(); // before GreenMail starts: one keystore for every test class
    }

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(new ServerSetup[] {ServerSetupTest.SMTPS.dynamicPort()})
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("lucarne", "mailbox-password-42"))
            .withPerMethodLifecycle(false);

    private static ZoneId zone;
    private static TestServer server;
    private static Chromium chromium;
    private static StaffFixture staff;

    @TempDir
    Path dir;
    private CallPages pages;
    private final List<String> pageErrors = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        zone = zoneNearNoon(Instant.now());
        server = TestServer.start(Map.of(
                "LUCARNE_TIME_ZONE", zone.getId(),
                "LUCARNE_NOTIFY_POLL_SECONDS", "1",
                "LUCARNE_NOTIFY_SMTP_HOST", "localhost",
                "LUCARNE_NOTIFY_SMTP_PORT", Integer.toString(MAIL.getSmtps().getPort()),
                "LUCARNE_NOTIFY_SMTP_SECURITY", "tls",
                "LUCARNE_NOTIFY_SMTP_USERNAME", "lucarne",
                "LUCARNE_NOTIFY_SMTP_PASSWORD", "mailbox-password-42",
                "LUCARNE_NOTIFY_SMTP_FROM", "Hôpital Exemple <visites@hospital.example>",
                "LUCARNE_NOTIFY_SMTP_CA_CERTIFICATE", TLS.caCertificatePem().toString()));
        chromium = Chromium.launchTrusting(server.caCertificate());
        staff = new StaffFixture(server);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @AfterEach
    void closePages() {
        if (pages != null) {
            pages.close();
        }
    }

    @Test
    void aNurseBooksAFreeTimeTheEmailsLinkBringsTheFamilyTheTabletRingsAndCancellingEndsTheCall() throws Exception {
        Ward w = ward("bk", "Marie Dupont", "Jean Dupont", "jean.dupont@example.org", "email");
        Member nurse = staff.member("nina.booking", Role.NURSE, w.id());
        pages = new CallPages(server, chromium);
        Page kiosk = pages.kiosk(w.tablet(), dir);
        Page console = pages.staffConsole();
        console.onPageError(e -> pageErrors.add(String.valueOf(e)));
        signIn(console, nurse);

        openView(console, "week");
        String today = LocalDate.now(zone).toString();
        String free = "#week-list tr.week-tablet[data-tablet-id=\"" + w.tablet() + "\"] td.week-cell[data-date=\"" + today
                + "\"] button.week-free";
        console.waitForSelector(free);
        tabTo(console, free);
        console.keyboard().press("Enter");
        console.waitForSelector("#booking-dialog[open]");
        assertFocused(console, "#booking-time");
        assertEquals("Marie Dupont", console.textContent("#booking-patient"));
        assertEquals(today, console.inputValue("#booking-date"));
        assertEquals("30", console.inputValue("#booking-length"), "half an hour, one of the ward's lengths");
        assertTrue(console.isChecked("#booking-contacts input[value=\"" + w.contact() + "\"]"), "the allowed contact is ticked");
        console.keyboard().press("Enter");

        console.waitForSelector("#booking-done:not([hidden])");
        String invited = "#booking-invites li.booked-invite[data-contact-id=\"" + w.contact() + "\"][data-channel=\"email\"]";
        assertTrue(console.textContent(invited).contains("Jean Dupont") && console.textContent(invited).contains("by e-mail"),
                console.textContent(invited));
        assertFalse(console.isVisible(invited + " .booked-invite__copy"), "a contact reached by e-mail gets no link to copy");
        assertFocused(console, "#booking-close");
        console.keyboard().press("Enter");
        console.waitForSelector("#booking-dialog", hidden());
        String booked = "#week-list li.week-visit[data-status=\"ready\"]";
        console.waitForSelector(booked);
        String visitId = console.getAttribute(booked, "data-visit-id");
        console.waitForFunction("() => document.getElementById('week-status').textContent.startsWith('Visit booked for Marie Dupont')");

        assertTrue(MAIL.waitForIncomingEmail(20_000, 1), "the invitation reaches the mail server");
        MimeMessage mail = MAIL.getReceivedMessages()[0];
        assertEquals("jean.dupont@example.org", mail.getAllRecipients()[0].toString());
        String text = (String) ((MimeMultipart) mail.getContent()).getBodyPart(0).getContent();
        Matcher link = FAMILY_LINK.matcher(text);
        assertTrue(link.find(), text);

        Page family = pages.family(link.group());
        family.focus("#join-call");
        family.keyboard().press("Enter");
        waitForCallState(family, "lobby");
        kiosk.waitForSelector("body[data-kiosk-screen=\"incoming\"]");
        assertTrue(kiosk.textContent("#kiosk-caller").contains("Jean Dupont"), "the tablet rings, saying who calls");
        kiosk.click("#kiosk-answer");
        waitForCallState(family, "in-call");
        waitForCallState(kiosk, "in-call");

        openView(console, "today");
        String row = "#visit-list tr.visit[data-visit-id=\"" + visitId + "\"]";
        console.waitForSelector(row + "[data-status=\"in_call\"]");
        tabTo(console, row + " .visit__cancel");
        console.keyboard().press("Enter");
        console.waitForSelector("#confirm-dialog[open]");
        assertFocused(console, "#confirm-no");
        assertTrue(console.textContent("#confirm-message").contains("it ends at once"), console.textContent("#confirm-message"));
        console.keyboard().press("Shift+Tab");
        assertFocused(console, "#confirm-yes");
        console.keyboard().press("Enter");

        family.waitForSelector("body[data-end-reason=\"cancelled\"]");
        kiosk.waitForSelector("body[data-kiosk-screen=\"ended\"]");
        assertTrue(family.isVisible("#call-end") && !family.textContent("#call-end-message").isBlank());
        console.waitForSelector(row + "[data-status=\"cancelled\"]");
        assertTrue(console.textContent("#visits-status").contains("is cancelled"), console.textContent("#visits-status"));
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aBookingRefusedForARuleShowsTheRuleAndItsSuggestionsAndTakingOneBooksIt() {
        Ward w = ward("rf", "Paul Martin", "Léa Martin", null, "none");
        Member nurse = staff.member("nora.refused", Role.NURSE, w.id());
        Member colleague = staff.member("carl.colleague", Role.NURSE, w.id());
        pages = new CallPages(server, chromium);
        Page console = pages.staffConsole();
        console.onPageError(e -> pageErrors.add(String.valueOf(e)));
        signIn(console, nurse);
        openView(console, "week");
        String free = "#week-list tr.week-tablet[data-tablet-id=\"" + w.tablet() + "\"] td.week-cell[data-date=\""
                + LocalDate.now(zone) + "\"] button.week-free";
        console.waitForSelector(free);
        tabTo(console, free);
        long start = Long.parseLong(console.getAttribute(free, "data-start"));
        console.keyboard().press("Enter");
        console.waitForSelector("#booking-dialog[open]");
        assertFocused(console, "#booking-time");

        // Meanwhile a colleague books that tablet at that very time.
        StaffClient other = new StaffClient(server);
        other.signIn(colleague.username(), StaffFixture.PASSWORD, colleague.secret(), Clock.systemUTC());
        StaffClient.Answer taken = other.post("/api/visits", "{\"patient\":\"" + w.patient() + "\",\"start\":" + start
                + ",\"length\":30,\"contacts\":[]}");
        assertEquals(201, taken.status(), taken.toString());

        console.keyboard().press("Enter");
        console.waitForSelector("#booking-error[data-rule=\"tablet_busy\"]");
        assertEquals("The tablet is in use then (or being cleaned). Choose one of the times suggested.",
                console.textContent("#booking-error"));
        List<String> suggested = console.locator("#booking-suggestions button.booking-suggestion").all().stream()
                .map(b -> b.getAttribute("data-start")).toList();
        assertFalse(suggested.isEmpty(), "the next free times are offered");
        assertTrue(suggested.size() <= 3, suggested::toString);
        long first = Long.parseLong(suggested.get(0));
        long takenEnd = start + Duration.ofMinutes(30 + 15).toMillis(); // its slot and the cleaning buffer
        assertTrue(first >= takenEnd, "after the colleague's visit and the cleaning: " + Instant.ofEpochMilli(first));
        assertTrue(console.evaluate("() => document.activeElement.matches('button.booking-suggestion')").equals(true),
                "the cursor is on the first suggestion");
        console.keyboard().press("Enter");

        console.waitForSelector("#booking-done:not([hidden])");
        String invited = "#booking-invites li.booked-invite[data-contact-id=\"" + w.contact() + "\"][data-channel=\"none\"]";
        assertTrue(FAMILY_LINK.matcher(console.textContent(invited + " .booked-invite__link")).matches(),
                "a contact without a channel gets the link to copy: " + console.textContent(invited));
        assertFocused(console, invited + " .booked-invite__copy");
        console.keyboard().press("Escape");
        console.waitForSelector("#booking-dialog", hidden());
        console.waitForFunction("() => document.getElementById('week-status').textContent.startsWith('Visit booked for Paul Martin')");
        LocalDate day = Instant.ofEpochMilli(first).atZone(zone).toLocalDate();
        StaffClient.Answer thatDay = other.get("/api/wards/" + w.id() + "/visits?date=" + day);
        assertTrue(thatDay.json().get("visits").findValuesAsText("startsAt").contains(Long.toString(first)),
                "booked at the suggested time: " + thatDay);
        String mine = "#week-list li.week-visit[data-visit-id]";
        console.waitForSelector(mine);
        assertFocused(console, "li.week-visit");
        assertEquals(List.of(), pageErrors);
    }

    // --- the ward --------------------------------------------------------------------------------

    private record Ward(String id, String patient, String tablet, String contact) { }

    /** A ward of its own (visits 08:00–20:00 every day, no reminders), its bed, tablet, patient and one family contact. */
    private static Ward ward(String prefix, String patientName, String contactName, String email, String channel) {
        Ward w = new Ward(prefix + "-ward", prefix + "-patient", prefix + "-tablet", prefix + "-contact");
        var db = server.server().database();
        var personal = server.server().personalData();
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new WardSettings.Span(8 * 60, 20 * 60)));
        }
        WardSettings settings = new WardSettings(zone, hours, List.of(Duration.ofMinutes(15), Duration.ofMinutes(30),
                Duration.ofMinutes(60)), Duration.ofMinutes(15), 4, List.of());
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('" + w.id() + "', 'Ward " + prefix + "')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('" + prefix + "-bed', '" + w.id() + "', 'Bed 3')");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('" + w.tablet() + "', '" + prefix
                        + "-bed', 'Tablet bed 3', 0)");
            }
            SealedRows.patient(c, personal, w.patient(), prefix + "-bed", patientName);
            SealedRows.contact(c, personal, w.contact(), w.patient(), contactName, System.currentTimeMillis());
            try (PreparedStatement ps = c.prepareStatement("UPDATE family_contact SET email = ?, language = 'fr', channel = ?"
                    + " WHERE id = ?")) {
                ps.setString(1, personal.sealNullable(SealedColumns.CONTACT_EMAIL, w.contact(), email));
                ps.setString(2, channel);
                ps.setString(3, w.contact());
                ps.executeUpdate();
            }
            new WardSettingsStore(db, Clock.systemUTC(), zone).save(c, w.id(), settings, "test");
            return null;
        });
        return w;
    }

    /** Of a few regions around the world, the one whose clock is nearest noon now. */
    static ZoneId zoneNearNoon(Instant now) {
        return List.of("Pacific/Honolulu", "America/Los_Angeles", "America/New_York", "America/Sao_Paulo", "Europe/Paris",
                        "Asia/Dubai", "Asia/Kolkata", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland")
                .stream().map(ZoneId::of)
                .min(Comparator.comparingInt(z -> Math.abs(now.atZone(z).toLocalTime().toSecondOfDay() - 12 * 3600)))
                .orElseThrow();
    }
}
