package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.ConsoleKeys.assertFocused;
import static org.lucarne.signaling.testing.ConsoleKeys.attached;
import static org.lucarne.signaling.testing.ConsoleKeys.hidden;
import static org.lucarne.signaling.testing.ConsoleKeys.openView;
import static org.lucarne.signaling.testing.ConsoleKeys.signIn;
import static org.lucarne.signaling.testing.ConsoleKeys.tabTo;
import static org.lucarne.signaling.testing.ConsoleKeys.visible;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.report.ReportPeriod;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.Chromium;

/**
 * The console's ward pages in a real Chromium, by the keyboard alone: a family contact's number refused by
 * the server and said next to its field, the patient's consent recorded with who and when, a tablet marked
 * cleaned, another's battery, last seen and "do not disturb" in its row, and another revoked by its ward manager; the outbox offered once the ward has messages, with the family's link in it; a ward manager's
 * reports as a chart, a table and a CSV file. The server has no SMS gateway nor mail server: messages go
 * to the outbox, as in the demo.
 */
@LucarneBrowserTest
class WardConsoleBrowserIT {
    private static final int TIMEOUT_MS = 15_000;
    private static final Pattern FAMILY_LINK = Pattern.compile("https://localhost:\\d+/v/[A-Za-z0-9_-]{43}#[A-Za-z0-9_-]{43}");
    private static TestServer server;
    private static Chromium chromium;
    private static StaffFixture staff;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> pageErrors = new ArrayList<>();

    @BeforeAll
    static void seed(TestServer testServer, Chromium browser) {
        server = testServer;
        chromium = browser;
        staff = new StaffFixture(server);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void aLandlineIsRefusedNextToItsFieldTheConsentSaysWhoRecordedItAndATabletIsMarkedCleaned() {
        staff.ward("pc", "Marie Curie");
        Member nurse = staff.member("nadia.patients", Role.NURSE, "pc");
        Page page = console(nurse);

        openView(page, "patients");
        page.waitForSelector("#patients-list tr.patient[data-patient-id=\"pc-patient\"]");
        tabTo(page, ".patient__open");
        page.keyboard().press("Enter");
        page.waitForSelector("#patient-page[data-patient-id=\"pc-patient\"] #contact-list tr.contact");
        assertEquals("Marie Curie", page.textContent("#patient-page-name"));
        assertEquals("No: no consent recorded", page.textContent("#patient-page-consent"));

        tabTo(page, "tr.contact[data-contact-id=\"pc-contact\"] .contact-edit");
        page.keyboard().press("Enter");
        page.waitForSelector("#contact-dialog[open]");
        assertFocused(page, "#contact-name");
        tabTo(page, "#contact-phone");
        page.keyboard().type("01 23 45 67 89");
        page.keyboard().press("Enter");
        page.waitForSelector("#contact-phone-error:not([hidden])");
        assertTrue(page.textContent("#contact-phone-error").startsWith("This is not a mobile number"),
                page.textContent("#contact-phone-error"));
        assertEquals("true", page.getAttribute("#contact-phone", "aria-invalid"));
        assertTrue(page.getAttribute("#contact-phone", "aria-describedby").contains("contact-phone-error"));
        assertFocused(page, "#contact-phone");
        page.keyboard().press("Control+A");
        page.keyboard().type("06 12 34 56 78");
        page.keyboard().press("Enter");
        page.waitForSelector("#contact-dialog", hidden());
        page.waitForFunction("() => document.querySelector('tr.contact[data-contact-id=\"pc-contact\"]').textContent.includes('+33612345678')");
        assertTrue(page.textContent("#patients-status").contains("is saved"), page.textContent("#patients-status"));

        tabTo(page, "#patient-consent");
        page.keyboard().press("Enter");
        page.waitForSelector("#patient-consent[aria-pressed=\"true\"]");
        assertTrue(page.textContent("#patient-page-consent").startsWith("Yes, recorded by Display nadia.patients on "),
                page.textContent("#patient-page-consent"));
        assertFocused(page, "#patient-consent");

        openView(page, "tablets");
        String tablet = "#tablet-list tr.tablet[data-tablet-id=\"pc-tablet\"]";
        page.waitForSelector(tablet + "[data-state=\"offline\"]");
        assertEquals("Never recorded", page.textContent(tablet + " .tablet__cleaned"));
        tabTo(page, tablet + " .tablet-cleaned");
        page.keyboard().press("Enter");
        page.waitForFunction("s => document.querySelector(s).textContent.includes('by Display nadia.patients')", tablet + " .tablet__cleaned");
        assertFocused(page, tablet + " .tablet-cleaned");
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void aTabletsRowShowsItsBatteryAndLastSeenAndANurseTurnsOnDoNotDisturb(@TempDir Path dir) {
        staff.ward("hb", "Henri Bosco");
        WsTestClient kiosk = new TabletTls(server, dir).kiosk("hb-tablet");
        CallSockets.next(kiosk, "welcome");
        assertFalse(CallSockets.next(kiosk, "do_not_disturb_state").has("until"));
        kiosk.send("{\"v\":1,\"type\":\"tablet_status\",\"appVersion\":\"0.1.0\",\"battery\":15,\"charging\":false}");
        try {
            Page page = console(staff.member("hugo.health", Role.NURSE, "hb"));
            openView(page, "tablets");
            String tablet = "#tablet-list tr.tablet[data-tablet-id=\"hb-tablet\"]";
            page.waitForFunction("s => { const b = document.querySelector(s); return b && b.textContent === 'Battery 15 %'; }",
                    tablet + " .tablet__battery");
            assertTrue(page.getAttribute(tablet + " .tablet__battery", "class").contains("tablet__battery--low"));
            assertTrue(page.textContent(tablet + " .tablet__seen").startsWith("Last seen "), page.textContent(tablet + " .tablet__seen"));
            assertEquals("App 0.1.0", page.textContent(tablet + " .tablet__version"));
            assertEquals("", page.textContent(tablet + " .tablet__dnd"));

            tabTo(page, tablet + " .tablet-dnd");
            page.keyboard().press("Enter");
            page.waitForSelector(tablet + " .tablet-dnd[data-on]");
            assertTrue(page.textContent(tablet + " .tablet__dnd").startsWith("Do not disturb until "),
                    page.textContent(tablet + " .tablet__dnd"));
            assertTrue(CallSockets.next(kiosk, "do_not_disturb_state").has("until"), "the tablet hears it at once");
            assertFocused(page, tablet + " .tablet-dnd");
            assertEquals(List.of(), pageErrors);
        } finally {
            kiosk.abort();
        }
    }

    @Test
    void aWardManagerRevokesATabletByTheKeyboard() {
        staff.ward("rv", "Rosa Vidal");
        Page page = console(staff.member("rita.revokes", Role.WARD_MANAGER, "rv"));
        openView(page, "tablets");
        String tablet = "#tablet-list tr.tablet[data-tablet-id=\"rv-tablet\"]";
        tabTo(page, tablet + " .tablet-revoke");
        page.keyboard().press("Enter");
        page.waitForSelector("#revoke-dialog[open]");
        assertFocused(page, "#revoke-form input[value=\"lost\"]");
        page.keyboard().press("Space");
        tabTo(page, "#revoke-yes");
        page.keyboard().press("Enter");
        page.waitForSelector("#revoke-dialog", hidden());
        page.waitForSelector(tablet + "[data-state=\"revoked\"]");
        assertEquals("Revoked", page.textContent(tablet + " .tablet__state"));
        assertEquals(0, page.locator(tablet + " button").count(), "nothing more to do with it");
        assertFocused(page, tablet + " th");
        assertEquals(List.of(), pageErrors);
    }

    @Test
    void theOutboxHoldsTheInvitationWithTheFamilysLinkAndAWardManagerReadsTheReports() {
        staff.ward("ob", "Louise Martin");
        var personal = server.server().personalData();
        server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE family_contact SET email = ?, channel = 'email' WHERE id = ?")) {
                ps.setString(1, personal.seal(SealedColumns.CONTACT_EMAIL, "ob-contact", "famille@example.org"));
                ps.setString(2, "ob-contact");
                ps.executeUpdate();
            }
            return null;
        });
        Member nurse = staff.member("olga.outbox", Role.NURSE, "ob");
        Member manager = staff.member("mona.manager", Role.WARD_MANAGER, "ob");
        // Booked now (past the ward's hours, whatever the hour), its invitation issued as a booking does.
        var db = server.server().database();
        Visit visit = new Visits(db, Clock.systemUTC()).create(NewVisit.lasting("ob-patient", "ob-tablet", Instant.now(),
                Duration.ofMinutes(30), false));
        db.inTransaction(c -> server.server().notifications().invitations().issue(c, visit, List.of("ob-contact"),
                "staff:" + nurse.id()));
        var dispatcher = server.server().notifications().dispatcher();
        dispatcher.kick();
        assertTrue(dispatcher.awaitIdle(Duration.ofSeconds(20)), "the invitation was written to the outbox");

        Page page = console(manager);
        page.waitForSelector("#nav-outbox", visible()); // the ward has messages: the navigation offers the outbox
        openView(page, "outbox");
        String message = "#outbox-list li.outbox-message[data-kind=\"invite\"]";
        page.waitForSelector(message);
        assertTrue(page.textContent(message + " .outbox-message__to").contains("famille@example.org"));
        assertTrue(page.textContent(message + " .outbox-message__subject").contains("Louise"));
        String link = page.getAttribute(message + " a.outbox-message__link", "href");
        assertTrue(FAMILY_LINK.matcher(link).matches(), link);
        assertEquals(link, page.textContent(message + " a.outbox-message__link"));

        openView(page, "reports");
        page.waitForSelector("#reports-chart svg.chart");
        List<String> days = page.locator("#reports-days tr.report-day").all().stream().map(r -> r.getAttribute("data-date")).toList();
        assertEquals(ReportPeriod.DEFAULT_DAYS, days.size(), "the server's period: 30 days up to today");
        assertEquals(ReportPeriod.DEFAULT_DAYS, page.locator("#reports-chart rect.chart__bar").count(), "a bar a day");
        assertEquals("1", page.getAttribute("#reports-chart rect.chart__bar:last-of-type", "data-value"), "today's visit");
        assertEquals("1", page.textContent("#reports-summary .report-total[data-figure=\"visits\"] dd"));
        String csv = (String) page.evaluate("() => fetch(document.querySelector('#reports-csv').href)"
                + ".then(async r => r.status + ' ' + r.headers.get('content-type') + '\\n' + await r.text())");
        assertTrue(csv.startsWith("200 text/csv"), csv);
        assertTrue(csv.contains(days.get(days.size() - 1)), "the CSV has the same days: " + csv);
        assertEquals(List.of(), pageErrors);
    }

    /** A phone waits with a contact's link: a nurse lets it in from the contact's devices, then resets the link. */
    @Test
    void aNurseLetsInAPhoneWaitingWithAContactsLinkThenResetsTheLink() {
        staff.ward("pd", "Marie Curie");
        Member nurse = staff.member("nadia.devices", Role.NURSE, "pd");
        Clock clock = server.server().clock();
        Visits visits = new Visits(server.server().database(), clock);
        Visit visit = visits.create(NewVisit.lasting("pd-patient", "pd-tablet", clock.instant(), Duration.ofHours(1), false));
        var invite = new org.lucarne.signaling.invite.Invites(server.server().database(), clock)
                .create("pd-contact", clock.instant(), visit.endsAt());
        visits.attachInvite(visit.id(), invite.id());
        WsTestClient first = family();
        TestDevice.create().bindOn(first, server.origin(), invite.id().value());
        WsTestClient second = family();
        second.send(CallSockets.challengeMe());
        String nonce = CallSockets.next(second, "e2ee_challenge").get("nonce").asText();
        TestDevice phone = TestDevice.create();
        second.send(phone.bindFrame(server.origin(), invite.id().value(), nonce));
        assertEquals("e2ee_link_taken", CallSockets.next(second).get("code").asText());

        Page page = console(nurse);
        openView(page, "patients");
        page.click("#patients-list tr.patient[data-patient-id=\"pd-patient\"] .patient__open");
        page.click("tr.contact[data-contact-id=\"pd-contact\"] .contact-devices");
        page.waitForSelector("#devices-dialog[open] li.device[data-state=\"waiting\"]");
        assertEquals(2, page.locator("#device-list li.device").count());
        page.click("li.device[data-device-id=\"" + phone.deviceIdText() + "\"] .device-admit");
        assertEquals("e2ee_bound", CallSockets.next(second).get("type").asText(), "the waiting phone hears it at once");
        page.waitForSelector("li.device[data-device-id=\"" + phone.deviceIdText() + "\"][data-state=\"bound\"]");

        page.click("#devices-reset");
        page.waitForSelector("#confirm-dialog[open]");
        page.click("#confirm-yes");
        page.waitForSelector("#devices-empty:not([hidden])");
        assertEquals(0, page.locator("#device-list li.device").count());
        assertEquals(List.of(), pageErrors);
        first.abort();
        second.abort();
    }

    private WsTestClient family() {
        WsTestClient f = WsTestClient.connect(server, server.origin());
        f.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
        CallSockets.next(f, "welcome");
        return f;
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The console in a new browser, signed in by the keyboard. */
    private Page console(Member m) {
        BrowserContext ctx = chromium.browser().newContext(new Browser.NewContextOptions().setLocale("en-GB")
                .setTimezoneId(server.server().config().staff().timeZone().getId()).setViewportSize(1024, 768));
        contexts.add(ctx);
        Page page = ctx.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.onPageError(e -> pageErrors.add(String.valueOf(e)));
        page.navigate(server.url("/staff"));
        page.waitForSelector("body[data-screen=\"sign-in\"]", attached());
        signIn(page, m);
        return page;
    }
}
