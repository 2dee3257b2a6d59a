package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.testing.ConsoleKeys.assertFocused;
import static org.lucarne.signaling.testing.ConsoleKeys.attached;
import static org.lucarne.signaling.testing.ConsoleKeys.hidden;
import static org.lucarne.signaling.testing.ConsoleKeys.signIn;
import static org.lucarne.signaling.testing.ConsoleKeys.tabBackTo;
import static org.lucarne.signaling.testing.ConsoleKeys.tabTo;
import static org.lucarne.signaling.testing.ConsoleKeys.typeCredentials;
import static org.lucarne.signaling.testing.ConsoleKeys.visible;
import static org.lucarne.signaling.testing.AxeScan.assertNoViolations;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.demo.DemoStaff;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuthenticatorApp;
import org.lucarne.signaling.testing.LucarneBrowserTest;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.Chromium;

/**
 * The staff console in a real Chromium against a real server, driven by the keyboard alone (Tab,
 * typing, Enter, Escape; never a click), through its DOM contract (web-client/README.md). Accounts,
 * wards and visits are seeded through the server's own Java code; codes come from an authenticator
 * app written from RFC 6238.
 */
@LucarneBrowserTest
class StaffConsoleBrowserIT {
    private static final int TIMEOUT_MS = 15_000;
    private static final Pattern ONE_TIME_PASSWORD = Pattern.compile("[0-9a-z]{5}(-[0-9a-z]{5}){3}");
    private static final Pattern RECOVERY_CODE = Pattern.compile("[0-9a-z]{5}-[0-9a-z]{5}");
    private static TestServer server;
    private static Chromium chromium;
    private static StaffFixture staff;
    private static ZoneId zone;
    private final List<BrowserContext> contexts = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    @BeforeAll
    static void seed(TestServer testServer, Chromium browser) {
        server = testServer;
        chromium = browser;
        staff = new StaffFixture(server);
        zone = server.server().config().staff().timeZone();
        staff.ward("cardio", "Marie Curie");
        staff.ward("neuro", "Louis Pasteur");
        bookForToday("cardio");
        bookForToday("neuro");
    }

    /** A visit on the ward's tablet from now to the end of the hospital's day: one of today's visits. */
    private static void bookForToday(String ward) {
        Instant now = Instant.now();
        Instant midnight = LocalDate.now(zone).plusDays(1).atStartOfDay(zone).toInstant();
        new Visits(server.server().database(), Clock.systemUTC())
                .create(new NewVisit(ward + "-patient", ward + "-tablet", now, midnight, false));
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void nurseSignsInWithPasswordAndCodeSeesHerWardsVisitsAndSignsOutByKeyboardAlone() {
        Member nurse = staff.member("nina.cardio", Role.NURSE, "cardio");
        Page page = open("en-GB");
        int socketsBefore = server.server().connections().count();

        signIn(page, nurse);
        page.waitForSelector("#visit-list tr.visit", visible());
        assertFocused(page, "#today-heading");
        assertEquals("Display nina.cardio", page.textContent("#account-name"));
        assertEquals("Nurse", page.textContent("#account-role"));
        assertTrue(page.isHidden("#nav-users") && page.isHidden("#nav-audit"), "a nurse sees only the visits");
        assertEquals(LocalDate.now(zone).toString(), page.getAttribute("#today-date", "data-date"));
        List<String> patients = page.locator("#visit-list .visit__patient").allTextContents();
        assertEquals(List.of("Marie Curie"), patients, "her ward's visit, with the patient's name");
        assertFalse(page.content().contains("Louis Pasteur"), "nothing of the other ward");
        Object otherWard = page.evaluate("url => fetch(url).then(r => r.status)",
                "/api/wards/neuro/visits?date=" + LocalDate.now(zone));
        assertTrue(List.of(403, 404).contains(otherWard), "the other ward's visits are refused: " + otherWard);
        problems.removeIf(p -> p.contains("status of " + otherWard)); // that refusal was the point
        page.waitForSelector("#connection[data-state=\"connected\"]", attached());
        page.reload();
        waitForScreen(page, "console"); // the session is resumed, not asked for again
        page.waitForSelector("#visit-list tr.visit", visible());

        tabTo(page, ".visit__patient");
        page.keyboard().press("Enter");
        page.waitForSelector("#patient-dialog[open] #patient-facts:not([hidden])", visible());
        assertEquals("Marie Curie", page.textContent("#patient-name"));
        page.keyboard().press("Escape");
        page.waitForSelector("#patient-dialog", hidden());
        assertTrue((Boolean) page.evaluate("() => document.activeElement.matches('.visit__patient')"),
                "Escape closes the record and the cursor is back on the patient");

        tabBackTo(page, "#sign-out");
        page.keyboard().press("Enter");
        waitForScreen(page, "sign-in");
        assertEquals("You have signed out.", page.textContent("#staff-notice"));
        assertFocused(page, "#sign-in-username");
        assertFalse(page.content().contains("Marie Curie"), "no patient's name is left on the page");
        assertTrue(page.isHidden("#connection"));
        page.waitForCondition(() -> server.server().connections().count() == socketsBefore,
                new Page.WaitForConditionOptions().setTimeout(TIMEOUT_MS));
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void adminCreatesAnAccountAndSeesItsOneTimePasswordOnce() {
        Member admin = staff.member("ada.admin", Role.ADMIN, "cardio");
        Page page = open("en-GB");
        signIn(page, admin);
        tabTo(page, "#nav-users");
        page.keyboard().press("Enter");
        page.waitForSelector("#user-list tr.user[data-username=\"ada.admin\"]", visible());
        assertFocused(page, "#users-heading");

        tabTo(page, "#user-create");
        page.keyboard().press("Enter");
        page.waitForSelector("#user-dialog[open]", visible());
        assertFocused(page, "#user-username");
        page.keyboard().type("nadia.neuro");
        page.keyboard().press("Tab");
        page.keyboard().type("Nadia Neuro");
        tabTo(page, "#user-ward-neuro");
        page.keyboard().press("Space");
        page.keyboard().press("Enter");

        page.waitForSelector("#otp-dialog[open]", visible());
        String oneTimePassword = page.textContent("#one-time-password");
        assertTrue(ONE_TIME_PASSWORD.matcher(oneTimePassword).matches(), oneTimePassword);
        assertTrue(page.textContent("#otp-intro").contains("Nadia Neuro"));
        page.keyboard().press("Escape");
        page.waitForSelector("#otp-dialog", hidden());
        page.waitForFunction("() => document.querySelector('#one-time-password').textContent === ''"); // shown once
        String row = "#user-list tr.user[data-username=\"nadia.neuro\"]";
        page.waitForSelector(row, visible());
        assertEquals("false", page.getAttribute(row, "data-second-factor"));
        String cells = page.textContent(row);
        assertTrue(cells.contains("Nadia Neuro") && cells.contains("Nurse") && cells.contains("Ward neuro"), cells);

        // The audit trail has the account's creation, by this admin, with ids only.
        tabTo(page, "#nav-audit");
        page.keyboard().press("Enter");
        page.waitForSelector("#audit-list tr.audit-entry[data-action=\"user.created\"]", visible());
        assertFocused(page, "#audit-heading");
        String created = page.textContent("#audit-list tr.audit-entry[data-action=\"user.created\"]");
        assertTrue(created.contains("staff:" + admin.id()), created);
        assertFalse(created.contains("Nadia"), "ids, not names: " + created);

        // The new colleague's first sign-in, with that password: they are asked to choose their own.
        Page newcomer = open("en-GB");
        typeCredentials(newcomer, "nadia.neuro", oneTimePassword);
        waitForScreen(newcomer, "change-password");
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void theSignInAndTodayMeetWcag22AA() {
        Member nurse = staff.member("wanda.cardio", Role.NURSE, "cardio");
        Page page = open("en-GB");
        page.waitForSelector("html[lang=\"en\"]:not(.i18n-pending)", attached());
        assertNoViolations(page, "staff sign-in");
        signIn(page, nurse);
        page.waitForSelector("#visit-list tr.visit", visible());
        page.waitForSelector("#connection[data-state=\"connected\"]", attached());
        assertNoViolations(page, "staff Today");
    }

    @Test
    void firstSignInChangesTheOneTimePasswordEnrolsTheAppAndShowsTheRecoveryCodesInFrench() {
        staff.newcomer("louise.first", Role.NURSE, "k7m2p-9xq4w-4hq7t-w2cmz", "cardio");
        Page page = open("fr-FR");
        assertEquals("Connexion", page.textContent("#sign-in-heading"));
        typeCredentials(page, "louise.first", "k7m2p-9xq4w-4hq7t-w2cmz");

        waitForScreen(page, "change-password");
        assertFocused(page, "#new-password");
        page.keyboard().type("une phrase assez longue");
        page.keyboard().press("Tab");
        page.keyboard().type("une phrase assez longue");
        page.keyboard().press("Enter");

        waitForScreen(page, "enrol");
        page.waitForSelector("#enrol-qr svg[role=\"img\"]", visible());
        String shownKey = page.textContent("#enrol-secret");
        assertTrue(shownKey.matches("[A-Z2-7]{4}( [A-Z2-7]{1,4})+"), "the key in groups of four: " + shownKey);
        assertFocused(page, "#enrol-code");
        page.keyboard().type(AuthenticatorApp.code(shownKey, Instant.now()));
        page.keyboard().press("Enter");

        waitForScreen(page, "recovery-codes");
        List<String> codes = page.locator("#recovery-code-list li").allTextContents();
        assertEquals(10, codes.size(), codes::toString);
        assertTrue(codes.stream().allMatch(c -> RECOVERY_CODE.matcher(c).matches()), codes::toString);
        tabTo(page, "#recovery-done");
        page.keyboard().press("Enter");

        waitForScreen(page, "console");
        page.waitForSelector("#visit-list tr.visit", visible());
        assertEquals(List.of("Marie Curie"), page.locator("#visit-list .visit__patient").allTextContents());
        assertEquals(0, page.locator("#recovery-code-list li").count(), "the recovery codes are gone from the page");
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    @Test
    void aSessionEndedByAnAdminBringsBackTheSignInAndSaysSo() {
        Member nurse = staff.member("nora.cardio", Role.NURSE, "cardio");
        Page page = open("en-GB");
        signIn(page, nurse);
        page.waitForSelector("#visit-list tr.visit", visible());
        page.waitForSelector("#connection[data-state=\"connected\"]", attached());

        // As "End sessions" in the console does: the server ends them and closes their sockets.
        var sessions = server.server().staff().sessions();
        List<String> ended = server.server().database().inTransaction(c ->
                sessions.endAll(c, nurse.id(), org.lucarne.signaling.session.EndReason.ENDED_BY_ADMIN, null));
        sessions.announce(ended);

        waitForScreen(page, "sign-in");
        assertEquals("Your session ended; please sign in again.", page.textContent("#staff-notice"));
        assertFocused(page, "#sign-in-username");
        assertFalse(page.content().contains("Marie Curie"), "no patient's name is left on the page");
        assertEquals(List.of(), problemsBeyondNotSignedIn().stream().filter(p -> !p.contains("WebSocket")).toList());
    }

    @Test
    void theDemosNurseSignsInFromTheBannersLoginAndSeesTheDemoVisitWithThePatientsName() {
        OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
        var s = server.server().staff();
        DemoStaff.Login nurse = DemoStaff.seed(s.accounts(), s.secondFactors(), s.sessions(), s.hasher(),
                server.server().audit()).get(0);
        String secret = URI.create(nurse.otpauthUri()).getQuery().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        Page page = open("en-GB");
        typeCredentials(page, nurse.username(), nurse.password());
        waitForScreen(page, "code");
        page.keyboard().type(AuthenticatorApp.code(secret, Instant.now()));
        page.keyboard().press("Enter");
        waitForScreen(page, "console");
        page.waitForSelector("#visit-list tr.visit", visible());
        assertEquals(List.of("Marie Dupont"), page.locator("#visit-list .visit__patient").allTextContents());
        assertEquals(nurse.displayName(), page.textContent("#account-name"));
        assertEquals(List.of(), problemsBeyondNotSignedIn());
    }

    // --- helpers -------------------------------------------------------------------------------

    private Page open(String locale) {
        BrowserContext ctx = chromium.browser().newContext(new Browser.NewContextOptions()
                .setLocale(locale).setTimezoneId(zone.getId()).setViewportSize(1024, 768));
        contexts.add(ctx);
        Page page = ctx.newPage();
        page.setDefaultTimeout(TIMEOUT_MS);
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                problems.add(m.text());
            }
        });
        page.onPageError(e -> problems.add(String.valueOf(e)));
        assertEquals(200, page.navigate(server.url("/staff")).status());
        waitForScreen(page, "sign-in");
        return page;
    }

    private static void waitForScreen(Page page, String screen) {
        page.waitForSelector("body[data-screen=\"" + screen + "\"]", attached());
    }

    /** Chromium logs the console's first GET /api/session (401 before signing in) as an error: expected. */
    private List<String> problemsBeyondNotSignedIn() {
        return problems.stream().filter(p -> !p.contains("the server responded with a status of 401")).toList();
    }
}
