package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.MutableClock;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;

/** Local sign-in over the real API (docs/staff-api.md, "Sign-in"), time moved by a test clock. */
class SignInIT {
    private static final MutableClock CLOCK = new MutableClock(Instant.now());
    private static TestServer server;
    private static StaffFixture fixture;
    private static int users;
    private AuditRows audit;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        fixture = new StaffFixture(server);
        fixture.ward("w1", "Marie Dupont");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Every test starts after the throttle's window and in a new TOTP step. */
    @BeforeEach
    void later() {
        CLOCK.advance(Duration.ofMinutes(16));
        audit = new AuditRows(server.server().database());
    }

    private static Member member() {
        return fixture.member("nurse" + (++users), Role.NURSE, "w1");
    }

    private static String creds(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    @Test
    void passwordThenCodeOpensASessionInAHostOnlySecureCookie() {
        Member m = member();
        StaffClient browser = new StaffClient(server);
        Answer p = browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals(200, p.status(), p.toString());
        assertEquals("code", p.json().get("next").asText());
        assertTrue(p.raw().headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("__Host-lucarne-signin=")
                && c.contains("Secure") && c.contains("HttpOnly") && c.contains("SameSite=Strict") && c.contains("Path=/")));
        Answer c = browser.post("/api/auth/code", "{\"code\":\"" + StaffClient.code(m.secret(), CLOCK) + "\"}");
        assertEquals(200, c.status(), c.toString());
        String cookie = c.raw().headers().allValues("Set-Cookie").stream()
                .filter(x -> x.startsWith("__Host-lucarne-session=")).findFirst().orElseThrow();
        for (String attribute : new String[] {"Path=/", "Secure", "HttpOnly", "SameSite=Strict"}) {
            assertTrue(cookie.contains(attribute), cookie);
        }
        assertFalse(cookie.contains("Domain"), cookie);
        assertEquals(m.username(), c.json().get("user").get("username").asText());
        assertEquals(900, c.json().get("idleTimeoutSeconds").asInt());

        Answer s = browser.get("/api/session");
        assertEquals(200, s.status());
        assertEquals(m.id(), s.json().get("user").get("id").asText());
        assertEquals("nurse", s.json().get("user").get("role").asText());
        assertEquals("w1", s.json().get("user").get("wards").get(0).get("id").asText());
        assertEquals(CLOCK.instant().plus(Duration.ofHours(12)).toEpochMilli(), s.json().get("expiresAt").asLong());
        assertEquals("no-store", s.raw().headers().firstValue("Cache-Control").orElse(""));
        AuditRows.Row in = audit.since("sign_in").get(0);
        assertEquals("staff:" + m.id(), in.actor());
        assertEquals("success", in.outcome());
        assertTrue(in.detailHas("factor=totp"), in.detail());
        assertEquals("127.0.0.1", in.address());
    }

    @Test
    void usernamesAreFoundWhateverTheirCase() {
        Member m = member();
        StaffClient browser = new StaffClient(server);
        JsonNode session = browser.signIn("  " + m.username().toUpperCase() + " ", StaffFixture.PASSWORD, m.secret(), CLOCK);
        assertEquals(m.id(), session.get("user").get("id").asText());
    }

    @Test
    void anUnknownUserGetsExactlyTheAnswerOfAWrongPasswordAfterTheSameArgon2Work() {
        Member m = member();
        StaffClient browser = new StaffClient(server);
        long before = server.server().staff().hasher().computations();
        Answer wrong = browser.post("/api/auth/password", creds(m.username(), "not the password at all"));
        long afterWrong = server.server().staff().hasher().computations();
        Answer unknown = browser.post("/api/auth/password", creds("nobody-" + m.username(), "not the password at all"));
        long afterUnknown = server.server().staff().hasher().computations();

        assertEquals(401, wrong.status());
        assertEquals(wrong.status(), unknown.status());
        assertEquals(wrong.raw().body(), unknown.raw().body());
        assertEquals("bad_credentials", unknown.error());
        assertEquals(wrong.raw().headers().map().keySet(), unknown.raw().headers().map().keySet());
        assertEquals(1, afterWrong - before, "a wrong password runs Argon2 once");
        assertEquals(1, afterUnknown - afterWrong, "an unknown user runs it once too, on a dummy hash");
        List<AuditRows.Row> failures = audit.since("sign_in");
        assertEquals("staff:" + m.id(), failures.get(0).actor());
        assertTrue(failures.get(0).detailHas("reason=wrong_password"));
        assertEquals("anonymous", failures.get(1).actor());
        assertTrue(failures.get(1).detailHas("reason=unknown_user"));
        assertTrue(failures.stream().allMatch(r -> r.outcome().equals("failure")));
    }

    @Test
    void aWrongCodeIsRefusedAndTheRightOneThenSignsIn() {
        Member m = member();
        StaffClient browser = new StaffClient(server);
        browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        String right = StaffClient.code(m.secret(), CLOCK);
        String wrong = right.equals("000000") ? "111111" : "000000";
        Answer refused = browser.post("/api/auth/code", "{\"code\":\"" + wrong + "\"}");
        assertEquals(401, refused.status());
        assertEquals("bad_code", refused.error());
        assertEquals(200, browser.post("/api/auth/code", "{\"code\":\"" + right + "\"}").status());
        AuditRows.Row failure = audit.since("sign_in.second_factor").get(0);
        assertEquals("failure", failure.outcome());
        assertTrue(failure.detailHas("reason=wrong_code"));
    }

    @Test
    void aCodeAlreadyUsedIsRefusedEvenInANewSignIn() {
        Member m = member();
        String code = StaffClient.code(m.secret(), CLOCK);
        StaffClient first = new StaffClient(server);
        first.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals(200, first.post("/api/auth/code", "{\"code\":\"" + code + "\"}").status());

        StaffClient second = new StaffClient(server);
        second.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        Answer replay = second.post("/api/auth/code", "{\"code\":\"" + code + "\"}");
        assertEquals(401, replay.status());
        assertEquals("bad_code", replay.error());
        assertTrue(audit.since("sign_in.second_factor").get(0).detailHas("reason=replayed_code"));
        CLOCK.advance(Duration.ofSeconds(30));
        assertEquals(200, second.post("/api/auth/code", "{\"code\":\"" + StaffClient.code(m.secret(), CLOCK) + "\"}")
                .status(), "the next step's code is new");
    }

    @Test
    void aRecoveryCodeWorksOnceInsteadOfACode() {
        Member m = member();
        List<String> codes = new ArrayList<>(ReadableCodes.recoveryCodes(new SecureRandom()));
        server.server().database().inTransaction(c -> {
            server.server().staff().secondFactors().replaceRecoveryCodes(c, m.id(), codes);
            return null;
        });
        StaffClient browser = new StaffClient(server);
        browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        Answer in = browser.post("/api/auth/code", "{\"recoveryCode\":\"" + codes.get(3).toUpperCase() + "\"}");
        assertEquals(200, in.status(), in.toString());
        AuditRows.Row used = audit.since("sign_in.recovery_code").get(0);
        assertTrue(used.detailHas("left=9"), used.detail());

        StaffClient again = new StaffClient(server);
        again.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        Answer twice = again.post("/api/auth/code", "{\"recoveryCode\":\"" + codes.get(3) + "\"}");
        assertEquals(401, twice.status());
        assertEquals("bad_code", twice.error());
        assertTrue(audit.since("sign_in.second_factor").get(0).detailHas("reason=wrong_recovery_code"));
        Answer both = again.post("/api/auth/code", "{\"code\":\"123456\",\"recoveryCode\":\"" + codes.get(4) + "\"}");
        assertEquals(400, both.status(), "a code or a recovery code, not both");
    }

    @Test
    void afterFiveFailuresEachAttemptWaitsLongerWithoutCheckingThePassword() {
        Member m = member();
        StaffClient browser = new StaffClient(server);
        for (int i = 0; i < 5; i++) {
            assertEquals(401, browser.post("/api/auth/password", creds(m.username(), "wrong password " + i)).status());
        }
        long work = server.server().staff().hasher().computations();
        Answer slow = browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals(429, slow.status());
        assertEquals("too_many_attempts", slow.error());
        assertEquals(1, slow.json().get("retryAfterSeconds").asLong());
        assertEquals("1", slow.raw().headers().firstValue("Retry-After").orElse(""));
        assertEquals(work, server.server().staff().hasher().computations(), "no password was checked");

        CLOCK.advance(Duration.ofSeconds(1));
        assertEquals(401, browser.post("/api/auth/password", creds(m.username(), "wrong again")).status());
        Answer slower = browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals(2, slower.json().get("retryAfterSeconds").asLong(), "2^(6-5) s after the sixth failure");
        CLOCK.advance(Duration.ofSeconds(2));
        browser.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);

        StaffClient later = new StaffClient(server);
        assertEquals(401, later.post("/api/auth/password", creds(m.username(), "one typo")).status(),
                "a complete sign-in started the account's count afresh");
    }

    @Test
    void anUnknownUsernameIsThrottledAsAKnownOne() {
        StaffClient browser = new StaffClient(server);
        for (int i = 0; i < 5; i++) {
            browser.post("/api/auth/password", creds("ghost-" + users, "guess " + i));
        }
        Answer slow = browser.post("/api/auth/password", creds("ghost-" + users, "guess"));
        assertEquals(429, slow.status());
    }

    @Test
    void aNewAccountChangesItsOneTimePasswordEnrolsAnAppAndGetsTenRecoveryCodes() {
        Member m = fixture.newcomer("newcomer" + (++users), Role.NURSE, "one-time-pass-word", "w1");
        StaffClient browser = new StaffClient(server);
        Answer p = browser.post("/api/auth/password", creds(m.username(), "one-time-pass-word"));
        assertEquals("change_password", p.json().get("next").asText());
        assertEquals(409, browser.post("/api/auth/code", "{\"code\":\"123456\"}").status(), "not at that step yet");
        Answer weak = browser.post("/api/auth/change-password", "{\"newPassword\":\"short\"}");
        assertEquals(400, weak.status());
        assertEquals("weak_password", weak.error());
        Answer same = browser.post("/api/auth/change-password", "{\"newPassword\":\"one-time-pass-word\"}");
        assertEquals("weak_password", same.error(), "not the one-time password again");
        Answer changed = browser.post("/api/auth/change-password", "{\"newPassword\":\"my own long password\"}");
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("enrol", changed.json().get("next").asText());

        Answer first = browser.post("/api/auth/enrol", null);
        Answer enrol = browser.post("/api/auth/enrol", "{}");
        assertEquals(200, enrol.status(), enrol.toString());
        String secret = enrol.json().get("secret").asText();
        assertNotEquals(first.json().get("secret").asText(), secret, "a new secret each time");
        assertEquals("otpauth://totp/Lucarne:" + m.username() + "?secret=" + secret
                + "&issuer=Lucarne&algorithm=SHA1&digits=6&period=30", enrol.json().get("otpauthUri").asText());
        Answer wrong = browser.post("/api/auth/enrol/confirm", "{\"code\":\"" + StaffClient.code(first.json().get("secret")
                .asText(), CLOCK) + "\"}");
        assertEquals("bad_code", wrong.error(), "the first secret was replaced");
        Answer confirmed = browser.post("/api/auth/enrol/confirm", "{\"code\":\"" + StaffClient.code(secret, CLOCK) + "\"}");
        assertEquals(200, confirmed.status(), confirmed.toString());
        JsonNode codes = confirmed.json().get("recoveryCodes");
        assertEquals(10, codes.size());
        assertTrue(codes.get(0).asText().matches("[0-9a-z]{5}-[0-9a-z]{5}"));
        assertEquals(m.id(), confirmed.json().get("session").get("user").get("id").asText());
        browser.csrf(confirmed.json().get("session").get("csrf").asText());
        assertEquals(200, browser.get("/api/session").status());
        List<String> actions = audit.since().stream().map(AuditRows.Row::action).toList();
        assertTrue(actions.containsAll(List.of("password.changed", "second_factor.enrolled", "sign_in")), actions.toString());

        CLOCK.advance(Duration.ofSeconds(30));
        StaffClient next = new StaffClient(server);
        JsonNode again = next.signIn(m.username(), "my own long password", secret, CLOCK);
        assertEquals(m.id(), again.get("user").get("id").asText(), "next time: password and code");
    }

    @Test
    void aSignInInProgressEndsAfterFiveMinutes() {
        Member m = member();
        StaffClient browser = new StaffClient(server);
        browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        CLOCK.advance(Duration.ofMinutes(5));
        Answer late = browser.post("/api/auth/code", "{\"code\":\"" + StaffClient.code(m.secret(), CLOCK) + "\"}");
        assertEquals(401, late.status());
        assertEquals("sign_in_expired", late.error());
        Answer none = new StaffClient(server).post("/api/auth/code", "{\"code\":\"123456\"}");
        assertEquals("sign_in_expired", none.error(), "no sign-in at all");
    }

    @Test
    void aDisabledAccountIsToldSoOnlyWithTheRightPassword() {
        Member m = member();
        server.server().database().inTransaction(c -> server.server().staff().accounts().change(c, m.id(),
                new StaffAccounts.Changes(java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty(), java.util.Optional.of(false))));
        StaffClient browser = new StaffClient(server);
        assertEquals("bad_credentials", browser.post("/api/auth/password", creds(m.username(), "wrong")).error());
        Answer right = browser.post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals(403, right.status());
        assertEquals("account_disabled", right.error());
    }

    @Test
    void signInRefusedFromAnotherSitesPage() {
        Member m = member();
        Answer foreign = new StaffClient(server).origin("https://evil.example")
                .post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals(403, foreign.status());
        assertEquals("csrf", foreign.error());
        Answer none = new StaffClient(server).origin(null)
                .post("/api/auth/password", creds(m.username(), StaffFixture.PASSWORD));
        assertEquals("csrf", none.error());
    }

    @Test
    void aHashWithWeakerParametersIsReplacedAtTheNextSignIn() {
        Member m = member();
        String weak = new PasswordHasher(PasswordHasher.FLOOR, new SecureRandom(), 1).hash(StaffFixture.PASSWORD);
        server.server().database().inTransaction(c -> {
            server.server().staff().accounts().setPassword(c, m.id(), weak, false);
            return null;
        });
        new StaffClient(server).signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
        String stored = server.server().database().inTransaction(c -> server.server().staff().accounts()
                .passwordHash(c, m.id())).orElseThrow();
        assertTrue(stored.startsWith("$argon2id$v=19$m=47104,t=2,p=1$"), stored);
        assertTrue(server.server().staff().hasher().verify(stored, StaffFixture.PASSWORD).matches());
    }

    @Test
    void methodsSayWhatSignInIsOffered() {
        Answer a = new StaffClient(server).get("/api/auth/methods");
        assertEquals(200, a.status());
        assertTrue(a.json().get("local").asBoolean());
        assertFalse(a.json().get("sso").asBoolean());
    }
}
