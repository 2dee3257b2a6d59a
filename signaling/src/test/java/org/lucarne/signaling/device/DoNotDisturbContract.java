package org.lucarne.signaling.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.testing.ManualClock;

/**
 * "Do not disturb" stored and read on every dialect: until the next booked visit (a cancelled one does not
 * count), its end at a visit's start, the sweep that records its end, and who hears of each change.
 */
abstract class DoNotDisturbContract extends StorageContract {
    /** 09:00 UTC; the hospital is on UTC here, so the day ends at 24:00 UTC. */
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T09:00:00Z"));
    private final List<String> told = new ArrayList<>();
    private DoNotDisturb dnd;

    @BeforeEach
    void aTabletWithItsPatient() {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'w1', 'Bed 1')");
                st.executeUpdate("INSERT INTO patient (id, bed_id, display_name) VALUES ('p1', 'b1', 'sealed')");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('t1', 'b1', 'T1', 0)");
            }
            return null;
        });
        dnd = new DoNotDisturb(db, new AuditTrail(db, clock), new DoNotDisturbRule(clock, ZoneOffset.UTC));
        dnd.tellChangesTo((tablet, ward, until) -> told.add(tablet + " " + ward + " "
                + until.map(Instant::toString).orElse("off")));
    }

    private void visit(String id, Instant start, Long endedAt) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit (id, patient_id, tablet_id, starts_at,"
                    + " ends_at, auto_answer, created_at, ended_at, end_reason) VALUES (?, 'p1', 't1', ?, ?, FALSE, 0, ?, ?)")) {
                ps.setString(1, id);
                ps.setLong(2, start.toEpochMilli());
                ps.setLong(3, start.plus(Duration.ofMinutes(30)).toEpochMilli());
                ps.setObject(4, endedAt);
                ps.setObject(5, endedAt == null ? null : "cancelled");
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Test
    void untilTheNextVisitIsItsStartAndACancelledVisitDoesNotCount() {
        visit("cancelled", Instant.parse("2026-03-10T11:00:00Z"), clock.millis());
        visit("booked", Instant.parse("2026-03-10T14:00:00Z"), null);
        assertEquals(Optional.of(Instant.parse("2026-03-10T14:00:00Z")), dnd.onUntilNextVisit("t1", "10.0.0.1"));
        assertEquals(Optional.of(Instant.parse("2026-03-10T14:00:00Z")), dnd.until("t1"));
        assertEquals(List.of("t1 w1 2026-03-10T14:00:00Z"), told);
    }

    @Test
    void withNoVisitLaterTodayItLastsUntilMidnight() {
        visit("tomorrow", Instant.parse("2026-03-11T08:00:00Z"), null);
        assertEquals(Optional.of(Instant.parse("2026-03-11T00:00:00Z")), dnd.onUntilNextVisit("t1", "10.0.0.1"));
    }

    @Test
    void aVisitBookedAfterItWasSetEndsItAtItsStartAndTheSweepRecordsThat() {
        Instant asked = Instant.parse("2026-03-10T18:00:00Z");
        assertEquals(Optional.of(asked), dnd.set("t1", asked, "staff:u1", "10.0.0.2"));
        visit("later", Instant.parse("2026-03-10T12:00:00Z"), null);
        assertEquals(Optional.of(Instant.parse("2026-03-10T12:00:00Z")), dnd.until("t1"));
        AuditRows audit = new AuditRows(db).mark();
        told.clear();

        clock.set(Instant.parse("2026-03-10T12:00:00Z"));
        assertFalse(dnd.on("t1"), "off from the visit's start, whatever the sweep");
        dnd.sweep();
        assertEquals(List.of("t1 w1 off"), told);
        List<AuditRows.Row> off = audit.since("tablet.dnd.off");
        assertEquals(1, off.size());
        assertEquals("system", off.get(0).actor());
        assertEquals("w1", off.get(0).ward());
        assertEquals("reason=visit_started", off.get(0).detail());
        dnd.sweep();
        assertEquals(1, audit.since("tablet.dnd.off").size(), "recorded once");
    }

    @Test
    void turningItOffIsRecordedOnceAndOffAgainChangesNothing() {
        dnd.set("t1", clock.instant().plus(Duration.ofHours(1)), "staff:u1", "10.0.0.2");
        AuditRows audit = new AuditRows(db).mark();
        assertTrue(dnd.off("t1", "tablet:t1", "10.0.0.3"));
        assertFalse(dnd.off("t1", "tablet:t1", "10.0.0.3"));
        List<AuditRows.Row> off = audit.since("tablet.dnd.off");
        assertEquals(1, off.size());
        assertEquals("tablet:t1", off.get(0).actor());
        assertEquals("10.0.0.3", off.get(0).address());
        assertEquals(Optional.empty(), dnd.until("t1"));
    }

    @Test
    void turnedOnAgainItTakesTheNewTime() {
        dnd.set("t1", clock.instant().plus(Duration.ofHours(1)), "staff:u1", null);
        dnd.set("t1", clock.instant().plus(Duration.ofHours(2)), "staff:u2", null);
        assertEquals(Optional.of(clock.instant().plus(Duration.ofHours(2))), dnd.until("t1"));
    }
}
