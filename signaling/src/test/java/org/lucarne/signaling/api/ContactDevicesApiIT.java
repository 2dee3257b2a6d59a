package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * A contact's devices through the staff API, every exchange held against docs/api/openapi.yaml: the list, a waiting
 * device let in or refused (and the waiting page told at once), a reset after which the next browser binds, and
 * another ward's staff answered {@code 404}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContactDevicesApiIT {
    private static final OpenApiDocument DOC = OpenApiDocument.load();
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;
    private TestVisit visit;
    private DocumentedApi nurse;
    private DocumentedApi stranger;
    private final TestDevice phone = TestDevice.create();
    private final TestDevice laptop = TestDevice.create();

    @BeforeAll
    static void start() {
        timers = ManualScheduler.startingNow();
        server = TestServer.start(Map.of(), timers);
        sockets = new CallSockets(server, dir.resolve("tablets"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void twoDevicesOfJean() {
        visit = sockets.book(timers.clock(), Duration.ofHours(1));
        StaffFixture fixture = new StaffFixture(server);
        nurse = signedIn(fixture.member("nurse-" + visit.wardId(), Role.NURSE, visit.wardId()));
        fixture.ward("elsewhere-" + visit.wardId(), "Someone Else");
        stranger = signedIn(fixture.member("stranger-" + visit.wardId(), Role.NURSE, "elsewhere-" + visit.wardId()));
        assertEquals("e2ee_bound", sockets.bind(sockets.hello("family"), visit.invite(), phone).get("type").asText());
    }

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    private DocumentedApi signedIn(StaffFixture.Member m) {
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), timers.clock());
        return new DocumentedApi(DOC, server, c);
    }

    private WsTestClient waitingLaptop() {
        WsTestClient page = sockets.hello("family");
        JsonNode answer = sockets.bind(page, visit.invite(), laptop);
        assertEquals("e2ee_link_taken", answer.get("code").asText(), answer.toString());
        return page;
    }

    private String devices() {
        return "/api/contacts/" + visit.contactId() + "/devices";
    }

    @Test
    @Order(1)
    void staffSeeTheWaitingDeviceAndLetItIn() {
        WsTestClient page = waitingLaptop();
        AuditRows audit = new AuditRows(server.server().database());
        JsonNode list = nurse.get(devices()).json().get("devices");
        assertEquals(2, list.size());
        Map<String, String> states = new java.util.HashMap<>();
        list.forEach(d -> states.put(d.get("device").asText(), d.get("state").asText()));
        assertEquals(Map.of(phone.deviceIdText(), "bound", laptop.deviceIdText(), "waiting"), states);

        Answer admitted = nurse.post(devices() + "/" + laptop.deviceIdText() + "/admit", "{}");
        assertEquals(200, admitted.status(), admitted.toString());
        assertEquals("bound", admitted.json().get("state").asText());
        assertEquals("staff", admitted.json().get("decidedBy").asText());
        assertEquals("e2ee_bound", next(page).get("type").asText(), "the waiting page hears it at once");
        assertEquals(409, nurse.post(devices() + "/" + laptop.deviceIdText() + "/refuse", "{}").status());
        assertTrue(audit.since("e2ee.device.admitted").get(0).actor().startsWith("staff:"));
        page.send(visit.join());
        next(page, "visit_ready");
    }

    @Test
    @Order(1)
    void staffRefuseAWaitingDeviceAndItIsToldSo() {
        WsTestClient page = waitingLaptop();
        Answer refused = nurse.post(devices() + "/" + laptop.deviceIdText() + "/refuse", "{}");
        assertEquals(200, refused.status(), refused.toString());
        assertEquals("refused", refused.json().get("state").asText());
        assertEquals("e2ee_refused", next(page).get("type").asText());
    }

    @Test
    @Order(1)
    void aResetTakesTheContactsDevicesOutAndTheNextBrowserBinds() {
        waitingLaptop();
        Answer reset = nurse.post(devices() + "/reset", "{}");
        assertEquals(200, reset.status(), reset.toString());
        assertEquals(2, reset.json().get("removed").asInt());
        assertEquals(0, nurse.get(devices()).json().get("devices").size());
        TestDevice third = TestDevice.create();
        assertEquals("e2ee_bound", sockets.bind(sockets.hello("family"), visit.invite(), third).get("type").asText());
    }

    @Test
    @Order(1)
    void anotherWardsStaffAndAnotherContactsDeviceAre404() {
        waitingLaptop();
        assertEquals(404, stranger.get(devices()).status());
        assertEquals(404, stranger.post(devices() + "/" + laptop.deviceIdText() + "/admit", "{}").status());
        assertEquals(404, stranger.post(devices() + "/reset", "{}").status());
        assertEquals(404, nurse.post("/api/contacts/" + visit.contactId() + "/devices/" + "A".repeat(22) + "/admit", "{}")
                .status());
        assertEquals(400, nurse.client().post(devices() + "/" + laptop.deviceIdText() + "/admit", "{\"why\":1}").status());
    }

    @Test
    @Order(99)
    void everyOperationOfTheDevicesAnsweredWithSuccess() {
        Set<String> missing = DOC.operations().stream().filter(o -> "devices".equals(o.node().path("tags").path(0).asText()))
                .map(OpenApiDocument.Operation::key).filter(k -> !DocumentedApi.SUCCEEDED.contains(k))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of(), missing);
    }
}
