package org.lucarne.signaling.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.ManualScheduler;

/**
 * A real server for the notification tests, on the test's clock and timers: families seeded ({@link Family}),
 * visits booked through the server's own {@code VisitInvitations}, the dispatcher run to the end of a round,
 * and a nurse of each family's ward signed in to the staff API.
 */
final class NotifyServer implements AutoCloseable {
    final ManualScheduler timers;
    final TestServer server;
    private int families;

    NotifyServer(Instant start, Map<String, String> env) {
        this.timers = new ManualScheduler(new org.lucarne.testing.ManualClock(start));
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("LUCARNE_TIME_ZONE", "Europe/Paris");
        this.server = TestServer.start(all, timers);
        settle();
    }

    Database db() {
        return server.server().database();
    }

    /** A family of its own on a ward of its own. */
    Family.Ids family() {
        String prefix = "f" + (++families) + "x" + Long.toHexString(System.nanoTime() % 0xffffff);
        return db().inTransaction(c -> Family.seed(c, server.server().personalData(),
                new WardSettingsStore(db(), timers.clock(), Family.PARIS), prefix, timers.clock().millis()));
    }

    /** Books a visit of the family's patient and invites {@code contacts}, as booking does. */
    Booked book(Family.Ids ids, Instant start, Duration length, String... contacts) {
        Visit v = new Visits(db(), timers.clock()).create(NewVisit.lasting(ids.patient(), ids.tablet(), start, length,
                false));
        List<Invite> invites = db().inTransaction(c -> server.server().notifications().invitations().issue(c, v,
                List.of(contacts), "staff:test"));
        return new Booked(v, invites);
    }

    record Booked(Visit visit, List<Invite> invites) {
        String link(int i, String origin) {
            return invites.get(i).link(origin);
        }
    }

    /** Runs what the timers have due now, then waits for the round of sending they started. */
    void settle() {
        timers.runDue();
        server.server().notifications().dispatcher().kick();
        if (!server.server().notifications().dispatcher().awaitIdle(Duration.ofSeconds(20))) {
            throw new AssertionError("the dispatcher did not finish its round within 20 s");
        }
    }

    /** Moves the clock (the timers' tasks run on the way), then lets a round of sending finish. */
    void advance(Duration by) {
        timers.advance(by);
        settle();
    }

    void advanceTo(Instant t) {
        timers.advanceTo(t);
        settle();
    }

    /** A nurse of the family's ward, signed in. */
    StaffClient nurse(Family.Ids ids) {
        StaffFixture.Member m = new StaffFixture(server).member("nurse-" + ids.ward(), Role.NURSE, ids.ward());
        StaffClient client = new StaffClient(server);
        client.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), timers.clock());
        return client;
    }

    /** The contact's entry of {@code GET /api/visits/{id}/invites}. */
    static JsonNode invite(StaffClient staff, String visitId, String contactId) {
        StaffClient.Answer a = staff.get("/api/visits/" + visitId + "/invites");
        if (a.status() != 200) {
            throw new AssertionError("invites of visit " + visitId + ": " + a);
        }
        for (JsonNode i : a.json().get("invites")) {
            if (i.get("contact").get("id").asText().equals(contactId)) {
                return i;
            }
        }
        throw new AssertionError("no invite of " + contactId + " in " + a);
    }

    @Override
    public void close() {
        server.close();
    }
}
