package org.lucarne.signaling.enrol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.certs.TabletIds;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

/**
 * A tablet enrols itself through a real server over HTTPS (docs/api.md, "Tablet enrolment"): it asks with its own
 * key's request, staff approve it by the code it shows, its certificate opens the kiosk socket, and the CRL lists it
 * once revoked; wrong codes, refusals, expiry and a nurse are turned away.
 */
class EnrolmentIT {
    private static final String WARD = "w-enrol";
    private static final String BED = WARD + "-bed";
    @TempDir
    static Path dir;
    private static EnrolmentServer env;
    private StaffClient manager;
    private AuditRows audit;

    @BeforeAll
    static void start() {
        env = EnrolmentServer.start(dir, WARD, "manager");
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    /** A minute later than the last test (a fresh window for every limit), the manager signed in afresh. */
    @BeforeEach
    void aFreshMinuteAndTheManager() {
        env.timers().advance(Duration.ofMinutes(1));
        manager = signedIn(env.manager());
        audit = new AuditRows(env.server().server().database());
    }

    private static StaffClient signedIn(StaffFixture.Member m) {
        StaffClient c = new StaffClient(env.server());
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), env.timers().clock());
        return c;
    }

    private static String approval(String code) {
        return "{\"code\": \"" + code + "\", \"bed\": \"" + BED + "\", \"label\": \"Chambre 12\"}";
    }

    @Test
    void aTabletEnrolledByItsCodeOpensTheKioskSocketAndIsInTheCrlOnceRevoked() throws Exception {
        EnrollingTablet tablet = new EnrollingTablet(env.server());
        EnrollingTablet.Answer asked = tablet.ask("Tablette <b>12</b>");
        assertEquals(201, asked.status(), asked.toString());
        String request = asked.json().get("request").asText();
        String token = asked.json().get("pollToken").asText();
        String code = asked.json().get("code").asText();
        assertTrue(code.matches("[0-9]{4}-[0-9]{4}"), code);
        assertEquals(env.timers().clock().millis() + Duration.ofMinutes(15).toMillis(), asked.json().get("expiresAt").asLong());

        EnrollingTablet.Answer pending = tablet.poll(request, token);
        assertEquals("pending", pending.json().get("state").asText(), pending.toString());
        assertEquals(404, tablet.poll(request, "A".repeat(43)).status(), "a wrong token");
        assertEquals(404, tablet.poll("B".repeat(22), token).status(), "an unknown request");

        JsonNode listed = null;
        for (JsonNode p : manager.get("/api/enrolments").json().get("pending")) {
            listed = p.get("request").asText().equals(request) ? p : listed;
        }
        assertEquals(request, listed.get("request").asText());
        assertEquals("Tablette <b>12</b>", listed.get("device").asText(), "the device name as text");
        assertFalse(manager.get("/api/enrolments").raw().body().contains(code.replace("-", "")), "never the code");

        StaffClient.Answer approved = manager.post("/api/enrolments/approve", approval(code.replace("-", "")));
        assertEquals(201, approved.status(), approved.toString());
        String tabletId = approved.json().get("tablet").get("id").asText();
        assertEquals(request, approved.json().get("request").asText());
        assertEquals(BED, approved.json().get("tablet").get("bed").asText());
        List<AuditRows.Row> enrolled = audit.since("tablet.enrolled");
        assertEquals(1, enrolled.size());
        assertEquals("tablet:" + tabletId, enrolled.get(0).target());
        assertEquals(WARD, enrolled.get(0).ward());

        JsonNode done = tablet.poll(request, token).json();
        assertEquals("approved", done.get("state").asText());
        assertEquals(tabletId, done.get("tablet").asText());
        assertEquals(env.server().server().kioskOrigin(), done.get("kioskOrigin").asText());
        List<X509Certificate> chain = EnrollingTablet.chain(done.get("certificate").asText());
        assertEquals(2, chain.size());
        assertArrayEquals(tablet.keys().getPublic().getEncoded(), chain.get(0).getPublicKey().getEncoded());
        assertEquals(tabletId, TabletIds.of(chain.get(0)).orElseThrow());

        WsTestClient kiosk = WsTestClient.connect(tablet.kioskClient(env.tls(), done.get("certificate").asText()),
                env.tls().kioskWs(), env.tls().kioskOrigin());
        kiosk.send("{\"v\":1,\"type\":\"hello\",\"app\":\"kiosk\",\"appVersion\":\"it\"}");
        assertTrue(kiosk.next().contains("\"welcome\""));

        assertFalse(crl().isRevoked(chain.get(0)));
        assertEquals(200, manager.post("/api/tablets/" + tabletId + "/revoke", "{\"reason\": \"stolen\"}").status());
        assertEquals(1008, kiosk.awaitClose(5).code());
        X509CRL crl = crl();
        crl.verify(chain.get(1).getPublicKey());
        assertTrue(crl.isRevoked(chain.get(0)));
        assertEquals(env.timers().clock().instant().plus(Duration.ofHours(24)).getEpochSecond(),
                crl.getNextUpdate().toInstant().getEpochSecond());
    }

    static X509CRL crl() throws Exception {
        return crlOf(env.server());
    }

    /** {@code GET /crl/tablets.crl} of {@code server}, read by the JDK. */
    static X509CRL crlOf(TestServer of) throws Exception {
        EnrollingTablet.Answer a = EnrollingTablet.send(HttpRequest.newBuilder(URI.create(of.url("/crl/tablets.crl"))),
                of.httpClient());
        assertEquals(200, a.status());
        assertEquals("application/pkix-crl", a.raw().headers().firstValue("Content-Type").orElseThrow());
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(a.raw().body()));
    }

    @Test
    void wrongCodesAreUnknownAuditedAndAtMostFiveAMinutePerSession() {
        for (int i = 0; i < 5; i++) {
            StaffClient.Answer wrong = manager.post("/api/enrolments/approve", approval("0000-000" + i));
            assertEquals(404, wrong.status(), wrong.toString());
            assertEquals("unknown_code", wrong.error());
        }
        List<AuditRows.Row> failures = audit.since("tablet.enrolled");
        assertEquals(5, failures.size());
        assertTrue(failures.stream().allMatch(r -> r.outcome().equals("failure") && r.detailHas("unknown_code")));
        assertEquals(429, manager.post("/api/enrolments/approve", approval("00000009")).status());
        env.timers().advance(Duration.ofSeconds(31)); // the authenticator's next code
        assertEquals(404, signedIn(env.manager()).post("/api/enrolments/approve", approval("00000009")).status(),
                "another session has its own count");
        env.timers().advance(Duration.ofMinutes(1));
        assertEquals(404, manager.post("/api/enrolments/approve", approval("00000009")).status());
    }

    @Test
    void aRefusedRequestPollsRefusedAndAnUnansweredOneExpires() {
        EnrollingTablet tablet = new EnrollingTablet(env.server());
        JsonNode refused = tablet.ask("a").json();
        JsonNode ignored = tablet.ask("b").json();
        String path = "/api/enrolments/" + refused.get("request").asText() + "/refuse";
        assertEquals(204, manager.post(path, "").status());
        assertEquals(404, manager.post(path, "").status(), "refused once");
        assertEquals("refused", tablet.poll(refused.get("request").asText(), refused.get("pollToken").asText())
                .json().get("state").asText());
        assertEquals(1, audit.since("tablet.enrolment.refused").size());

        env.timers().advance(Duration.ofMinutes(15));
        assertEquals("expired", tablet.poll(ignored.get("request").asText(), ignored.get("pollToken").asText())
                .json().get("state").asText());
        StaffClient.Answer late = signedIn(env.manager()).post("/api/enrolments/approve",
                approval(ignored.get("code").asText()));
        assertEquals(404, late.status(), "an expired request's code is unknown");
    }

    @Test
    void aNurseMayNotEnrolTabletsAndIsAudited() {
        EnrollingTablet tablet = new EnrollingTablet(env.server());
        String code = tablet.ask(null).json().get("code").asText();
        StaffClient nurse = signedIn(new StaffFixture(env.server()).member("nurse-" + env.timers().clock().millis(), Role.NURSE,
                WARD));
        assertEquals(403, nurse.get("/api/enrolments").status());
        assertEquals(403, nurse.post("/api/enrolments/approve", approval(code)).status());
        assertEquals(403, nurse.post("/api/tablets/mdm", "{\"bed\": \"" + BED + "\", \"label\": \"x\"}").status());
        List<AuditRows.Row> refusals = audit.since("access.refused");
        assertEquals(3, refusals.size());
        assertTrue(refusals.stream().allMatch(r -> r.detailHas("action=tablet.enrol")));
        assertEquals(List.of(), audit.since("tablet.enrolled"));
    }

    @Test
    void badRequestsSayWhatWasWrongAndThePairingPageIsNotTaken() {
        EnrollingTablet tablet = new EnrollingTablet(env.server());
        String url = env.server().url("/enrol");
        EnrollingTablet.Answer garbage = tablet.post(url, "{\"csr\": \"-----BEGIN CERTIFICATE REQUEST-----\\nAA\"}");
        assertEquals(400, garbage.status());
        assertEquals("invalid_csr", garbage.error());
        EnrollingTablet.Answer missing = tablet.post(url, "{\"device\": \"x\"}");
        assertEquals("csr", missing.json().get("field").asText(), missing.toString());
        assertEquals(400, tablet.post(url, "{\"csr\": \"x\", \"device\": \"a\\nb\"}").status());
        assertEquals(400, tablet.post(url, "{\"csr\": \"x\", \"admin\": true}").status());
        assertEquals(405, EnrollingTablet.send(HttpRequest.newBuilder(URI.create(url)), env.server().httpClient()).status());

        EnrollingTablet.Answer pair = EnrollingTablet.send(HttpRequest.newBuilder(URI.create(env.server().url("/enrol/pair"))),
                env.server().httpClient());
        assertNotEquals("application/json", pair.raw().headers().firstValue("Content-Type").orElse("")
                .split(";")[0], "the web app answers /enrol/pair, not the enrolment servlet");
        EnrollingTablet.Answer onKioskPort = EnrollingTablet.send(HttpRequest.newBuilder(
                URI.create(env.server().server().kioskOrigin() + "/enrol")).POST(HttpRequest.BodyPublishers.noBody()),
                env.tls().client(env.tls().keys("w-enrol-tablet")));
        assertEquals(404, onKioskPort.status());
    }

    @Test
    void tenRequestsAMinuteFromOneAddressAndFiftyPendingInAll() {
        env.timers().advance(Enrolments.PENDING_FOR); // the other tests' requests expire
        EnrollingTablet tablet = new EnrollingTablet(env.server());
        int made = 0;
        while (made < Enrolments.MAX_PENDING) {
            for (int i = 0; i < EnrolServlet.PER_ADDRESS_PER_MINUTE && made < Enrolments.MAX_PENDING; i++, made++) {
                assertEquals(201, tablet.ask("t" + made).status());
            }
            if (made % EnrolServlet.PER_ADDRESS_PER_MINUTE == 0 && made < Enrolments.MAX_PENDING) {
                EnrollingTablet.Answer eleventh = tablet.ask("over");
                assertEquals(429, eleventh.status());
                assertEquals("too_many", eleventh.error());
            }
            env.timers().advance(Duration.ofMinutes(1));
        }
        EnrollingTablet.Answer full = tablet.ask("51st");
        assertEquals(429, full.status());
        assertTrue(full.json().get("message").asText().contains("waiting"), full.toString());
        env.timers().advance(Duration.ofMinutes(16));
        assertEquals(201, tablet.ask("room again").status(), "expired requests make room");
        env.timers().advance(Enrolments.PENDING_FOR);
    }
}
