package org.lucarne.signaling.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.ManualScheduler;

/**
 * A ward's day, live (docs/protocol.md, "Staff", 6): the staff sockets of a ward hear
 * {@code ward_changed} when one of its visits changes, and only they; bursts are told at most once a
 * second. A real server whose timers are the test's ({@link ManualScheduler}): a put-off push happens
 * when the test moves time, never by waiting.
 */
class WardFeedIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ManualScheduler TIMERS = ManualScheduler.startingNow();
    @TempDir
    static Path dir;
    private static TestServer server;
    private static StaffFixture fixture;
    private static TabletTls tablets;
    private static int users;
    private final List<WsTestClient> sockets = new ArrayList<>();

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), TIMERS);
        fixture = new StaffFixture(server);
        tablets = new TabletTls(server, dir.resolve("tablets"));
        for (String w : List.of("ward-a", "ward-b", "burst-a", "burst-c", "kiosk-w")) {
            fixture.ward(w, "Patient of " + w);
        }
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(WsTestClient::abort);
        sockets.clear();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void pastEveryPushOfEarlierTests() {
        TIMERS.advance(Duration.ofSeconds(5));
    }

    private static WardFeed feed() {
        return server.server().staff().wardFeed();
    }

    @Test
    void theStaffOfTheWardHearItAndAnotherWardsStaffDoNot() {
        WsTestClient a = staffSocket(Role.NURSE, "ward-a");
        WsTestClient b = staffSocket(Role.WARD_MANAGER, "ward-b");

        feed().changed("ward-a");
        assertEquals("{\"v\":1,\"type\":\"ward_changed\",\"ward\":\"ward-a\"}", a.next(),
                "the hint carries the ward's id and nothing else");

        feed().changed("ward-b");
        assertEquals("ward-b", wardChanged(b), "b's first frame is of its own ward: pushes go out in order, and it"
                + " heard nothing of ward-a before");
        a.send("{\"v\":1,\"type\":\"ping\",\"seq\":1}");
        assertEquals("pong", type(a.next()), "a heard nothing of ward-b");
    }

    @Test
    void aBurstIsToldAtOnceThenOnceASecondLaterAndNoMore() {
        WsTestClient m = staffSocket(Role.NURSE, "burst-a", "burst-c");

        for (int i = 0; i < 5; i++) {
            feed().changed("burst-a");
        }
        assertEquals("burst-a", wardChanged(m));
        TIMERS.advance(Duration.ofMillis(999));
        feed().changed("burst-c");
        assertEquals("burst-c", wardChanged(m), "nothing more of burst-a within a second of its push");
        TIMERS.advance(Duration.ofMillis(1));
        assertEquals("burst-a", wardChanged(m), "the rest of the burst, a second after the first push");
        TIMERS.advance(Duration.ofSeconds(5));
        feed().changed("burst-c");
        assertEquals("burst-c", wardChanged(m), "five changes, two pushes");
    }

    @Test
    void aTabletComingOnlineAndGoingOfflineIsTold() {
        Instant now = TIMERS.clock().instant();
        new Visits(server.server().database(), TIMERS.clock()).create(
                new NewVisit("kiosk-w-patient", "kiosk-w-tablet", now, now.plus(Duration.ofHours(1)), false));
        StaffClient browser = signedIn(fixture.member("kioskwatch" + (++users), Role.NURSE, "kiosk-w"));
        WsTestClient nurse = socket(browser);
        assertEquals("offline", tabletState(browser, "kiosk-w"));

        WsTestClient kiosk = tablets.kiosk("kiosk-w-tablet");
        sockets.add(kiosk);
        assertEquals("kiosk-w", wardChanged(nurse), "online");
        assertEquals("online", tabletState(browser, "kiosk-w"));
        TIMERS.advance(Duration.ofSeconds(2));
        kiosk.abort();
        assertEquals("kiosk-w", wardChanged(nurse), "offline");
        assertEquals("offline", tabletState(browser, "kiosk-w"));
    }

    @Test
    void whoComesAndGoesInAVisitsCallIsToldAndListedByTheApi() {
        // Open now whatever the hour (the demo's own booking goes to the next morning late in the evening).
        DemoVisit visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), TIMERS.clock());
        Member member = fixture.member("watch" + (++users), Role.NURSE, "demo-ward-4");
        StaffClient browser = signedIn(member);
        WsTestClient nurse = socket(browser);
        WsTestClient stranger = staffSocket(Role.NURSE, "ward-b");
        JsonNode before = visitOf(browser, visit);
        assertEquals("offline", before.get("tablet").get("state").asText());
        assertEquals(0, before.get("participants").size());

        WsTestClient kiosk = tablets.kiosk(visit.tabletId());
        sockets.add(kiosk);
        next(kiosk, "welcome");
        assertEquals("demo-ward-4", wardChanged(nurse), "the tablet came online");
        assertEquals("online", visitOf(browser, visit).get("tablet").get("state").asText());

        TIMERS.advance(Duration.ofSeconds(2));
        WsTestClient family = WsTestClient.connect(server, server.origin());
        sockets.add(family);
        family.send("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"test\"}");
        next(family, "welcome");
        TestDevice.create().bindOn(family, server.origin(), visit.inviteId().value());
        family.send("{\"v\":1,\"type\":\"join\",\"invite\":\"" + visit.inviteId().value() + "\"}");
        next(family, "lobby");
        assertEquals("demo-ward-4", wardChanged(nurse), "someone waits in the lobby");
        assertEquals(List.of("family Jean Dupont waiting"), people(visitOf(browser, visit)));

        TIMERS.advance(Duration.ofSeconds(2));
        kiosk.send("{\"v\":1,\"type\":\"answer\",\"visit\":\"" + visit.visitId() + "\"}");
        next(family, "joined");
        assertEquals("demo-ward-4", wardChanged(nurse), "the patient answered: the call started");
        JsonNode inCall = visitOf(browser, visit);
        assertEquals(List.of("patient Marie Dupont in_call", "family Jean Dupont in_call"), people(inCall));
        assertEquals("in_call", inCall.get("tablet").get("state").asText());

        TIMERS.advance(Duration.ofSeconds(2));
        family.send("{\"v\":1,\"type\":\"leave\",\"visit\":\"" + visit.visitId() + "\"}");
        assertEquals("demo-ward-4", wardChanged(nurse), "the family member left");
        assertEquals(List.of("patient Marie Dupont in_call"), people(visitOf(browser, visit)));

        feed().changed("ward-b");
        assertEquals("ward-b", wardChanged(stranger), "another ward's nurse heard nothing of this visit");
    }

    // --- helpers

    private WsTestClient staffSocket(Role role, String... wards) {
        return socket(signedIn(fixture.member("feed" + (++users), role, wards)));
    }

    private static StaffClient signedIn(Member m) {
        StaffClient b = new StaffClient(server);
        b.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), TIMERS.clock());
        return b;
    }

    private WsTestClient socket(StaffClient b) {
        WsTestClient s = b.socket("staff");
        sockets.add(s);
        next(s, "welcome");
        return s;
    }

    /** The ward of the socket's next frame, which must be a {@code ward_changed}. */
    private static String wardChanged(WsTestClient c) {
        JsonNode n = read(c.next());
        assertEquals("ward_changed", n.get("type").asText(), n.toString());
        assertEquals(3, n.size(), "v, type and ward only: " + n);
        return n.get("ward").asText();
    }

    private static JsonNode visitOf(StaffClient b, DemoVisit visit) {
        StaffClient.Answer a = b.get("/api/wards/demo-ward-4/visits");
        assertEquals(200, a.status(), a.toString());
        for (JsonNode v : a.json().get("visits")) {
            if (v.get("id").asText().equals(visit.visitId())) {
                return v;
            }
        }
        throw new AssertionError("the visit is not in the ward's day: " + a);
    }

    /** The tablet's state in the first visit of the ward's day. */
    private static String tabletState(StaffClient b, String ward) {
        StaffClient.Answer a = b.get("/api/wards/" + ward + "/visits");
        assertEquals(200, a.status(), a.toString());
        assertEquals(1, a.json().get("visits").size(), a.toString());
        return a.json().get("visits").get(0).get("tablet").get("state").asText();
    }

    private static List<String> people(JsonNode visit) {
        List<String> out = new ArrayList<>();
        visit.get("participants").forEach(p -> {
            assertEquals(3, p.size(), "role, name and state only: " + p);
            out.add(p.get("role").asText() + " " + p.get("name").asText() + " " + p.get("state").asText());
        });
        return out;
    }

    private static JsonNode next(WsTestClient c, String type) {
        for (int i = 0; i < 20; i++) {
            JsonNode n = read(c.next());
            if (type.equals(n.get("type").asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + type);
    }

    private static String type(String frame) {
        return read(frame).get("type").asText();
    }

    private static JsonNode read(String frame) {
        try {
            return JSON.readTree(frame);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
