package org.lucarne.signaling.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.booking.BookingFixture.count;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.VisitException;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.testing.ManualClock;

/** Moving and cancelling visits through the rules, and a ward's free slots of a day, on every dialect. */
abstract class BookingChangesContract extends StorageContract {
    static final Duration MIN30 = Duration.ofMinutes(30);
    static final Duration HOUR = Duration.ofHours(1);
    static final String BY = "staff:u1";

    private ManualClock clock;
    private Bookings bookings;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(BookingsContract.paris(2026, 3, 2, 8, 0)); // Monday
        BookingFixture.seed(db, clock);
        bookings = BookingFixture.bookings(db, clock);
    }

    private static Instant paris(int month, int day, int hour, int minute) {
        return BookingsContract.paris(2026, month, day, hour, minute);
    }

    private Bookings.Booked book(String patient, Instant start, Duration length, String... contacts) {
        return bookings.book(new Bookings.Request(patient, Optional.empty(), start, length, List.of(contacts)), BY, null);
    }

    private Visit find(String id) {
        return new Visits(db, clock).find(id).orElseThrow();
    }

    // --- moving

    @Test
    void aMoveFollowsTheRulesWithItsOwnSlotLeftOutAndItsInvitesFollow() {
        Bookings.Booked b = book("patient-1", paris(3, 2, 11, 0), HOUR, "c1");
        AuditRows audit = new AuditRows(db);
        Visit moved = bookings.reschedule(b.visit().id(), Optional.of(paris(3, 2, 11, 30)), Optional.empty(), BY, "192.0.2.9");
        assertEquals(paris(3, 2, 11, 30), moved.startsAt(), "over its own old slot: no clash with itself");
        assertEquals(paris(3, 2, 12, 30), moved.endsAt(), "as long as it was");
        assertEquals(moved, find(b.visit().id()));
        Invite invite = b.invites().get(0);
        assertEquals(1, count(db, "SELECT count(*) FROM invite WHERE id_hash = ? AND not_before = "
                + moved.startsAt().toEpochMilli() + " AND not_after = " + moved.endsAt().toEpochMilli(), invite.id().hash()));
        List<AuditRows.Row> rows = audit.since();
        assertEquals(List.of("visit.changed"), rows.stream().map(AuditRows.Row::action).toList());
        assertTrue(rows.get(0).detailHas("starts=" + paris(3, 2, 11, 0) + ">" + paris(3, 2, 11, 30)), rows.get(0).detail());
        assertEquals("192.0.2.9", rows.get(0).address());
        clock.set(paris(3, 2, 11, 0));
        assertEquals(ErrorCode.VISIT_NOT_STARTED, ((JoinDecision.Refused) new JoinRules(db, clock)
                .family(invite.id().value())).code(), "the link opens at the new start");
        clock.set(paris(3, 2, 11, 30));
        assertTrue(new JoinRules(db, clock).family(invite.id().value()).admitted());
    }

    @Test
    void aMoveIsRefusedByTheSameRulesAndChangesNothing() {
        Visit a = book("patient-1", paris(3, 2, 11, 0), HOUR).visit();
        book("patient-1", paris(3, 2, 14, 0), HOUR);
        book("patient-1", paris(3, 2, 16, 0), HOUR);
        BookingRefused busy = assertThrows(BookingRefused.class, () -> bookings.reschedule(a.id(),
                Optional.of(paris(3, 2, 14, 30)), Optional.empty(), BY, null));
        assertEquals(BookingRule.TABLET_BUSY, busy.rule());
        assertEquals(3, busy.suggestions().size());
        assertEquals(paris(3, 2, 11, 0), find(a.id()).startsAt(), "unchanged");
        assertEquals(BookingRule.OUTSIDE_VISITING_HOURS, assertThrows(BookingRefused.class, () -> bookings.reschedule(
                a.id(), Optional.of(paris(3, 2, 19, 30)), Optional.empty(), BY, null)).rule());
        assertEquals(BookingRule.LENGTH_NOT_ALLOWED, assertThrows(BookingRefused.class, () -> bookings.reschedule(
                a.id(), Optional.empty(), Optional.of(Duration.ofMinutes(50)), BY, null)).rule());
        bookings.reschedule(a.id(), Optional.of(paris(3, 2, 18, 0)), Optional.empty(), BY, null);
        assertEquals(BookingRule.DAILY_CAP_REACHED, assertThrows(BookingRefused.class, () -> book("patient-1",
                paris(3, 2, 12, 0), MIN30)).rule(), "moving within the day keeps the count at 3");
        Visit tomorrow = bookings.reschedule(a.id(), Optional.of(paris(3, 3, 10, 0)), Optional.of(MIN30), BY, null);
        assertEquals(MIN30, Duration.between(tomorrow.startsAt(), tomorrow.endsAt()));
        book("patient-1", paris(3, 2, 12, 0), MIN30);
    }

    @Test
    void aVisitThatHasStartedOrIsOverIsNotMoved() {
        Visit v = book("patient-1", paris(3, 2, 11, 0), HOUR).visit();
        clock.set(paris(3, 2, 11, 5));
        assertEquals(BookingRule.VISIT_STARTED, assertThrows(BookingRefused.class, () -> bookings.reschedule(v.id(),
                Optional.of(paris(3, 2, 15, 0)), Optional.empty(), BY, null)).rule());
        clock.set(paris(3, 2, 12, 0));
        assertEquals(BookingRule.VISIT_OVER, assertThrows(BookingRefused.class, () -> bookings.reschedule(v.id(),
                Optional.of(paris(3, 2, 15, 0)), Optional.empty(), BY, null)).rule());
        assertEquals(VisitException.Problem.UNKNOWN_VISIT, assertThrows(VisitException.class, () -> bookings.reschedule(
                "nope", Optional.of(paris(3, 2, 15, 0)), Optional.empty(), BY, null)).problem());
    }

    // --- cancelling

    @Test
    void aCancelledVisitAdmitsNobodyIsAuditedAndFreesTheTabletAtOnceBeforeItsStart() {
        Bookings.Booked b = book("patient-1", paris(3, 2, 11, 0), HOUR, "c1");
        AuditRows audit = new AuditRows(db);
        Bookings.Cancelled done = bookings.cancel(b.visit().id(), BY, "192.0.2.7");
        assertTrue(done.now());
        assertEquals(Optional.of(VisitEndReason.CANCELLED), find(b.visit().id()).endReason());
        List<AuditRows.Row> rows = audit.since();
        assertEquals(List.of("visit.cancelled"), rows.stream().map(AuditRows.Row::action).toList());
        assertEquals("visit:" + b.visit().id(), rows.get(0).target());
        assertEquals("w", rows.get(0).ward());
        assertTrue(rows.get(0).detailHas("before_start"), rows.get(0).detail());
        clock.set(paris(3, 2, 11, 0));
        assertEquals(ErrorCode.VISIT_ENDED, ((JoinDecision.Refused) new JoinRules(db, clock)
                .family(b.invites().get(0).id().value())).code());
        clock.set(paris(3, 2, 8, 0));
        book("patient-1", paris(3, 2, 11, 0), HOUR);
    }

    @Test
    void aVisitCancelledDuringItsCallFreesTheTabletAfterTheCleaningBuffer() {
        Visit v = book("patient-1", paris(3, 2, 11, 0), HOUR).visit();
        clock.set(paris(3, 2, 11, 5));
        callStarted(v);
        clock.set(paris(3, 2, 11, 20));
        bookings.cancel(v.id(), BY, null);
        BookingRefused e = assertThrows(BookingRefused.class, () -> book("patient-1", paris(3, 2, 11, 30), MIN30));
        assertEquals(BookingRule.TABLET_BUSY, e.rule());
        assertTrue(e.getMessage().contains("11:00 to 11:20"), "used until it was cancelled: " + e.getMessage());
        assertEquals(paris(3, 2, 11, 45), e.suggestions().get(0).start());
        book("patient-1", paris(3, 2, 11, 35), MIN30);
    }

    @Test
    void aVisitCancelledDuringItsSlotBeforeAnyCallFreesTheTabletAtOnce() {
        Visit v = book("patient-1", paris(3, 2, 11, 0), HOUR).visit();
        clock.set(paris(3, 2, 11, 10));
        bookings.cancel(v.id(), BY, null); // nobody answered on the tablet: nothing was used, nothing to clean
        assertEquals(paris(3, 2, 11, 15), book("patient-1", paris(3, 2, 11, 15), MIN30).visit().startsAt());
    }

    /** What the call keeps on the visit's row when the tablet answers ({@code visit.call_started_at}). */
    private void callStarted(Visit v) {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("UPDATE visit SET call_started_at = ? WHERE id = ?")) {
                ps.setLong(1, clock.millis());
                ps.setString(2, v.id());
                return ps.executeUpdate();
            }
        });
    }

    @Test
    void cancellingTwiceChangesNothingAndAnOverVisitCannotBeCancelled() {
        Visit v = book("patient-1", paris(3, 2, 11, 0), HOUR).visit();
        bookings.cancel(v.id(), BY, null);
        AuditRows audit = new AuditRows(db);
        assertFalse(bookings.cancel(v.id(), BY, null).now());
        assertEquals(List.of(), audit.since());
        Visit w = book("patient-1", paris(3, 2, 14, 0), HOUR).visit();
        clock.set(paris(3, 2, 15, 0));
        assertEquals(BookingRule.VISIT_OVER, assertThrows(BookingRefused.class, () -> bookings.cancel(w.id(), BY, null))
                .rule());
        assertTrue(find(w.id()).endReason().isEmpty());
    }

    // --- a ward's day

    @Test
    void aWardsFreeSlotsOfADayAreEachTabletsOnTheDayTheClocksGoForward() {
        book("patient-1", Instant.parse("2026-03-29T08:00:00Z"), HOUR); // 10:00–11:00 CEST
        WardCalendar calendar = new WardCalendar(db, new org.lucarne.signaling.ward.WardSettingsStore(db, clock,
                BookingFixture.PARIS), SealedRows.newKeys(), clock);
        List<WardCalendar.TabletSlots> free = calendar.free("w", Optional.empty(), LocalDate.of(2026, 3, 29), HOUR);
        assertEquals(List.of("tablet-1", "tablet-2"), free.stream().map(t -> t.tablet().id()).toList(),
                "by label; not the revoked one");
        List<Slot> one = free.get(0).slots();
        List<Slot> two = free.get(1).slots();
        assertEquals(37, two.size(), "10:00 to 19:00 CEST every 15 minutes");
        assertEquals(Instant.parse("2026-03-29T08:00:00Z"), two.get(0).start());
        assertEquals(Instant.parse("2026-03-29T17:00:00Z"), two.get(two.size() - 1).start());
        assertEquals(Instant.parse("2026-03-29T09:15:00Z"), one.get(0).start(), "after the visit and its cleaning");
        assertEquals(32, one.size(), "11:15 to 19:00");
        assertEquals(Optional.of("patient-1"), free.get(0).tablet().patientId());
        assertEquals(List.of("tablet-2"), calendar.free("w", Optional.of("tablet-2"), LocalDate.of(2026, 3, 29), HOUR)
                .stream().map(t -> t.tablet().id()).toList());
    }
}
