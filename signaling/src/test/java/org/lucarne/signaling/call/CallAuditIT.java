package org.lucarne.signaling.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.call.CallSockets.next;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.call.CallSockets.TestVisit;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.DatabaseSettings;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;
import org.lucarne.testing.ManualScheduler;

/**
 * What the calls leave in the audit trail, over real sockets: the entries of a call's life, in
 * order, with ids only; refused joins; the end of a call when nobody answers, and when the server
 * stops. Entries are written off the visits' executors, so the test waits for them (5 s at most).
 */
class CallAuditIT {
    @TempDir
    static Path dir;
    private static ManualScheduler timers;
    private static TestServer server;
    private static CallSockets sockets;

    /** The columns of an entry a test looks at; {@code address} and ward/patient checked where they matter. */
    record Entry(long seq, String actor, String action, String target, String ward, String patient, String address,
                 String outcome, String detail) {
        String brief() {
            return actor + " " + action + (detail == null ? "" : " " + detail);
        }
    }

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

    @AfterEach
    void closeSockets() {
        sockets.close();
    }

    @Test
    void aCallsLifeLeavesItsEntriesInOrderWithIdsOnly() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        String tablet = "tablet:" + visit.tabletId();
        String family = "family:" + visit.contactId();
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient page = sockets.family(visit);
        next(page, "lobby");
        next(kiosk, "ring");
        kiosk.send(visit.msg("answer"));
        next(page, "joined");
        page.send(visit.msg("leave"));
        next(kiosk, "participant_left");
        page.send(visit.join());
        next(page, "joined");
        kiosk.send(visit.msg("end"));
        next(page, "ended");

        List<String> expected = List.of(
                family + " invite.opened invite=" + visit.inviteHash(),
                tablet + " call.joined role=patient",
                family + " call.joined role=family",
                tablet + " call.started",
                family + " call.left reason=left",
                family + " invite.opened invite=" + visit.inviteHash(),
                family + " call.joined role=family",
                tablet + " call.left reason=ended",
                family + " call.left reason=ended",
                tablet + " call.ended reason=ended");
        List<Entry> entries = awaitEntries("visit:" + visit.visitId(), e -> e.size() >= expected.size());
        assertEquals(expected, entries.stream().map(Entry::brief).toList());
        for (Entry e : entries) {
            assertEquals(visit.wardId(), e.ward(), e.toString());
            assertEquals(visit.patientId(), e.patient(), e.toString());
            assertEquals("success", e.outcome(), e.toString());
            String all = String.join(" ", e.actor(), e.target(), String.valueOf(e.detail()));
            assertTrue(!all.contains("Dupont") && !all.contains(visit.invite()), "ids only: " + e);
        }
        assertEquals("127.0.0.1", entries.get(0).address(), "the address the invite was opened from");
        assertEquals("127.0.0.1", entries.get(1).address(), "the address a participant joined from");
    }

    @Test
    void aRingNobodyAnswersEndsACallThatNeverStarted() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        WsTestClient kiosk = sockets.kiosk(visit);
        WsTestClient page = sockets.family(visit);
        next(kiosk, "ring");
        timers.advance(server.server().config().calls().ringTimeout());
        next(page, "ended");

        List<Entry> entries = awaitEntries("visit:" + visit.visitId(), e -> e.size() >= 2);
        assertEquals(List.of("family:" + visit.contactId() + " invite.opened invite=" + visit.inviteHash(),
                "system call.ended reason=no_answer"), entries.stream().map(Entry::brief).toList());
    }

    @Test
    void refusedJoinsAreRecordedButTextThatIsNoInviteIsNot() {
        TestVisit visit = sockets.book(timers.clock(), Duration.ofHours(1));
        TestVisit otherTablets = sockets.book(timers.clock(), Duration.ofHours(1));
        long before = lastSeq();
        WsTestClient stranger = sockets.hello("family");
        stranger.send(TestVisit.joinWith("not-an-invite"));
        next(stranger, "error");
        String guessed = "A".repeat(43);
        stranger.send(TestVisit.joinWith(guessed));
        next(stranger, "error");
        new Invites(server.server().database(), timers.clock()).revoke(InviteId.parse(visit.invite()).orElseThrow());
        stranger.send(visit.join());
        assertEquals("invite_revoked", next(stranger, "error").get("code").asText());
        WsTestClient wrongKiosk = sockets.kiosk(otherTablets);
        wrongKiosk.send(visit.msg("answer"));
        assertEquals("wrong_visit", next(wrongKiosk, "error").get("code").asText());

        List<Entry> refused = awaitSince(before, e -> e.size() >= 3).stream()
                .filter(e -> e.action().equals("access.refused")).toList();
        assertEquals(List.of(
                "anonymous access.refused invite:" + InviteId.parse(guessed).orElseThrow().hash()
                        + " request=join code=invite_invalid",
                "anonymous access.refused invite:" + visit.inviteHash() + " request=join code=invite_revoked",
                "tablet:" + otherTablets.tabletId() + " access.refused visit:" + visit.visitId()
                        + " request=answer code=wrong_visit"),
                refused.stream().map(e -> e.actor() + " " + e.action() + " " + e.target() + " " + e.detail()).toList(),
                "the garbage invite left nothing: it would come before the guessed one");
        refused.forEach(e -> assertEquals("refused", e.outcome(), e.toString()));
        refused.forEach(e -> assertEquals("127.0.0.1", e.address(), e.toString()));
    }

    @Test
    void aServerThatStopsEndsTheCallsInProgressInTheTrail() {
        ManualScheduler ownTimers = ManualScheduler.startingNow();
        TestServer own = TestServer.start(Map.of(), ownTimers);
        TestVisit visit;
        try (CallSockets ownSockets = new CallSockets(own, dir.resolve("own-tablets"))) {
            visit = ownSockets.book(ownTimers.clock(), Duration.ofHours(1));
            WsTestClient kiosk = ownSockets.kiosk(visit);
            WsTestClient page = ownSockets.family(visit);
            next(kiosk, "ring");
            kiosk.send(visit.msg("answer"));
            next(page, "joined");
            own.close();
        }
        var db = own.server().config().database();
        try (Database reopened = Database.open(new DatabaseSettings(db.jdbcUrl(), null, null))) {
            List<String> last = entries(reopened, "visit:" + visit.visitId(), 0).stream()
                    .map(Entry::brief).toList();
            assertEquals(List.of(
                    "tablet:" + visit.tabletId() + " call.left reason=server_stopped",
                    "family:" + visit.contactId() + " call.left reason=server_stopped",
                    "system call.ended reason=server_stopped"), last.subList(last.size() - 3, last.size()));
        }
    }

    // --- reading the trail

    private static long lastSeq() {
        return awaitSince(0, e -> true).stream().mapToLong(Entry::seq).max().orElse(0);
    }

    private static List<Entry> awaitEntries(String target, Predicate<List<Entry>> done) {
        return await(() -> entries(server.server().database(), target, 0), done);
    }

    private static List<Entry> awaitSince(long seq, Predicate<List<Entry>> done) {
        return await(() -> entries(server.server().database(), null, seq), done);
    }

    private static List<Entry> await(java.util.function.Supplier<List<Entry>> read, Predicate<List<Entry>> done) {
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Entry> now = read.get();
        while (!done.test(now)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("the audit trail did not get there within 5 s: " + now);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            now = read.get();
        }
        return now;
    }

    /** The entries after {@code afterSeq}, of {@code target} if not null, in order. */
    private static List<Entry> entries(Database db, String target, long afterSeq) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, actor, action, target, ward_id, patient_id,"
                    + " address, outcome, detail FROM audit_entry WHERE seq > ?"
                    + (target == null ? "" : " AND target = ?") + " ORDER BY seq")) {
                ps.setLong(1, afterSeq);
                if (target != null) {
                    ps.setString(2, target);
                }
                List<Entry> all = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        all.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9)));
                    }
                }
                return all;
            }
        });
    }
}
