package org.lucarne.signaling.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.TabletTls;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;

/**
 * Real sockets to a test server for the call tests: visits of their own (each on a fresh ward,
 * bed, tablet, patient and family contact, so that no other test's kiosk or timer hears of them),
 * kiosks by their tablet's certificate, family pages by invite, and frames read by type.
 */
public final class CallSockets implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestServer server;
    private final TabletTls tablets;
    private final List<WsTestClient> opened = new ArrayList<>();
    private final java.util.Map<String, TestDevice> devices = new java.util.concurrent.ConcurrentHashMap<>();

    public CallSockets(TestServer server, Path dir) {
        this.server = server;
        this.tablets = new TabletTls(server, dir);
    }

    /** A visit of one tablet, open from the clock's instant for {@code length}, with its family invite. */
    public record TestVisit(String wardId, String patientId, String tabletId, String contactId, String visitId,
                     String invite, String inviteHash, Instant endsAt) {

        public String join() {
            return joinWith(invite);
        }

        public static String joinWith(String invite) {
            return "{\"v\":1,\"type\":\"join\",\"invite\":\"" + invite + "\"}";
        }

        /** A message that names only this visit: {@code answer}, {@code leave}, {@code end}… */
        public String msg(String type) {
            return "{\"v\":1,\"type\":\"" + type + "\",\"visit\":\"" + visitId + "\"}";
        }
    }

    /** Marie Dupont in a bed of her own, visited by Jean Dupont. */
    public TestVisit book(Clock clock, Duration length) {
        return book(clock, length, "Marie Dupont", "Jean Dupont");
    }

    public TestVisit book(Clock clock, Duration length, String patientName, String contactName) {
        String s = Long.toHexString(System.nanoTime());
        Database db = server.server().database();
        db.inTransaction(c -> {
            insert(c, "INSERT INTO ward (id, name) VALUES (?, ?)", "ward-" + s, "Ward " + s);
            insert(c, "INSERT INTO bed (id, ward_id, label) VALUES (?, ?, ?)", "bed-" + s, "ward-" + s, "Bed 1");
            SealedRows.patient(c, server.server().personalData(), "pat-" + s, "bed-" + s, patientName);
            insert(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES (?, ?, ?, ?)", "tab-" + s,
                    "bed-" + s, "Tablet", clock.millis());
            SealedRows.contact(c, server.server().personalData(), "con-" + s, "pat-" + s, contactName, clock.millis());
            return null;
        });
        Instant now = clock.instant();
        Visits visits = new Visits(db, clock);
        Visit visit = visits.create(NewVisit.lasting("pat-" + s, "tab-" + s, now, length, false));
        Invite invite = new Invites(db, clock).create("con-" + s, now, visit.endsAt());
        visits.attachInvite(visit.id(), invite.id());
        return new TestVisit("ward-" + s, "pat-" + s, "tab-" + s, "con-" + s, visit.id(), invite.id().value(),
                invite.id().hash(), visit.endsAt());
    }

    private static void insert(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The visit's tablet, greeted, told of its next visit and its circle: its next frame is {@code visit_ready}. */
    public WsTestClient kiosk(TestVisit visit) {
        return kiosk(visit.tabletId());
    }

    public WsTestClient kiosk(String tabletId) {
        WsTestClient k = greetedKiosk(tabletId);
        next(k, "do_not_disturb_state");
        next(k, "e2ee_circle");
        return k;
    }

    /**
     * The tablet's kiosk, said hello and told of its next visit: its next frame is {@code do_not_disturb_state}
     * (docs/protocol.md, "Tablet").
     */
    public WsTestClient greetedKiosk(String tabletId) {
        WsTestClient k = opened(tablets.kiosk(tabletId));
        next(k, "welcome");
        next(k, "next_visit");
        return k;
    }

    /**
     * A family page that bound the visit's invite, then joined with it: always the same browser for one invite (its
     * device made at the first call), as a reload or a second tab would be.
     */
    public WsTestClient family(TestVisit visit) {
        return family(visit, devices.computeIfAbsent(visit.invite(), i -> TestDevice.create()));
    }

    /**
     * A family page that bound the visit's invite to {@code device} (the first, or one let in), then joined. A link
     * that cannot be bound any more (revoked, its visit over) is refused again by the join, which a test reads.
     */
    public WsTestClient family(TestVisit visit, TestDevice device) {
        WsTestClient f = hello("family");
        JsonNode bound = bind(f, visit.invite(), device);
        if ("e2ee_bound".equals(bound.get("type").asText())) {
            next(f, "e2ee_circle");
        } else if (!"error".equals(bound.get("type").asText()) || "e2ee_link_taken".equals(bound.get("code").asText())) {
            throw new AssertionError("the family page could not bind its link: " + bound);
        }
        f.send(visit.join());
        return f;
    }

    /**
     * The page asks for a challenge and binds {@code invite} to {@code device} as the browser does
     * (docs/protocol.md, "Devices and circles"): the server's answer to {@code e2ee_bind}.
     */
    public JsonNode bind(WsTestClient page, String invite, TestDevice device) {
        page.send(challengeMe());
        String nonce = next(page, "e2ee_challenge").get("nonce").asText();
        page.send(device.bindFrame(server.origin(), invite, nonce));
        return next(page);
    }

    /** The page proves {@code device} (bound earlier) with a fresh challenge: the server's answer. */
    public JsonNode prove(WsTestClient page, TestDevice device) {
        page.send(challengeMe());
        String nonce = next(page, "e2ee_challenge").get("nonce").asText();
        page.send(device.helloFrame(server.origin(), nonce));
        return next(page);
    }

    /** {@code e2ee_hello} without fields: give me a challenge. */
    public static String challengeMe() {
        return "{\"v\":1,\"type\":\"e2ee_hello\"}";
    }

    public WsTestClient hello(String app) {
        WsTestClient c = opened(WsTestClient.connect(server, server.origin()));
        c.send("{\"v\":1,\"type\":\"hello\",\"app\":\"" + app + "\",\"appVersion\":\"test\"}");
        next(c, "welcome");
        return c;
    }

    private WsTestClient opened(WsTestClient c) {
        synchronized (opened) {
            opened.add(c);
        }
        return c;
    }

    /** Drops every socket this test opened. */
    @Override
    public void close() {
        synchronized (opened) {
            opened.forEach(WsTestClient::abort);
            opened.clear();
        }
    }

    // --- frames

    /** The very next frame, within 5 s. */
    public static JsonNode next(WsTestClient c) {
        try {
            return JSON.readTree(c.next(5));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The kiosk asks to admit nobody: its visit's executor answers {@code participant_unknown},
     * after anything a timer or a join posted there; that answer must be the kiosk's very next frame.
     */
    public static void assertNothingYet(WsTestClient kiosk, TestVisit visit) {
        assertNothingYet(kiosk, visit.visitId());
    }

    /** As {@link #assertNothingYet(WsTestClient, TestVisit)}, for the visit of that id. */
    public static void assertNothingYet(WsTestClient kiosk, String visitId) {
        kiosk.send("{\"v\":1,\"type\":\"admit\",\"visit\":\"" + visitId + "\",\"participant\":\"nobody\"}");
        JsonNode n = next(kiosk);
        if (!"error".equals(n.get("type").asText()) || !"participant_unknown".equals(n.get("code").asText())) {
            throw new AssertionError("nothing was to happen before the probe's answer, got " + n);
        }
    }

    /** The next frame of {@code type}, skipping others but failing on an error, within 5 s. */
    public static JsonNode next(WsTestClient c, String type) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < end) {
            JsonNode n = next(c);
            if (type.equals(n.get("type").asText())) {
                return n;
            }
            if ("error".equals(n.get("type").asText())) {
                throw new AssertionError("waiting for " + type + ", got " + n);
            }
        }
        throw new AssertionError("no " + type + " within 5 s");
    }
}
