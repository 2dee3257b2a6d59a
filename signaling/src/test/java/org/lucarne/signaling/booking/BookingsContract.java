package org.lucarne.signaling.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lucarne.signaling.booking.BookingFixture.PARIS;
import static org.lucarne.signaling.booking.BookingFixture.count;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.visit.JoinDecision;
import org.lucarne.signaling.visit.JoinRules;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.ManualClock;

/**
 * Booking through the rules on every dialect, in Europe/Paris, on ordinary days and across both changes
 * of the clocks in 2026 (29 March, 25 October): each rule's refusal and its suggestions, what a booking
 * stores, and two bookings of one tablet at once.
 */
abstract class BookingsContract extends StorageContract {
    static final Duration MIN30 = Duration.ofMinutes(30);
    static final Duration HOUR = Duration.ofHours(1);
    static final String BY = "staff:u1";

    private ManualClock clock;
    private Bookings bookings;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(paris(2026, 3, 2, 8, 0)); // Monday
        BookingFixture.seed(db, clock);
        bookings = BookingFixture.bookings(db, clock);
    }

    static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
    }

    private Bookings.Booked book(String patient, Instant start, Duration length, String... contacts) {
        return bookings.book(new Bookings.Request(patient, Optional.empty(), start, length, List.of(contacts)), BY,
                "192.0.2.7");
    }

    private BookingRefused refused(BookingRule rule, Bookings.Request r) {
        long before = count(db, "SELECT count(*) FROM visit");
        long invites = count(db, "SELECT count(*) FROM invite");
        AuditRows audit = new AuditRows(db);
        BookingRefused e = assertThrows(BookingRefused.class, () -> bookings.book(r, BY, null));
        assertEquals(rule, e.rule(), e.getMessage());
        assertEquals(before, count(db, "SELECT count(*) FROM visit"), "nothing stored");
        assertEquals(invites, count(db, "SELECT count(*) FROM invite"), "no invite issued");
        assertEquals(List.of(), audit.since(), "nothing audited");
        if (!rule.aboutTime()) {
            assertEquals(List.of(), e.suggestions(), "no other time would do");
        }
        return e;
    }

    private static Bookings.Request request(String patient, Instant start, Duration length, String... contacts) {
        return new Bookings.Request(patient, Optional.empty(), start, length, List.of(contacts));
    }

    private static List<Slot> slots(Duration length, Instant... starts) {
        List<Slot> out = new ArrayList<>();
        for (Instant s : starts) {
            out.add(Slot.of(s, length));
        }
        return out;
    }

    @Test
    void aBookingStoresItsVisitItsInvitesAndItsAuditEntriesTogether() {
        AuditRows audit = new AuditRows(db);
        Instant start = paris(2026, 3, 2, 11, 0);
        Bookings.Booked b = book("patient-1", start, HOUR, "c1");
        Visit v = b.visit();
        assertEquals("tablet-1", v.tabletId(), "the tablet of the bed, not the revoked one");
        assertEquals(start, v.startsAt());
        assertEquals(start.plus(HOUR), v.endsAt());
        assertEquals(Optional.of(v), new Visits(db, clock).find(v.id()));
        assertEquals(1, count(db, "SELECT count(*) FROM visit WHERE id = ? AND booked_by = 'staff:u1'", v.id()));
        assertEquals(1, b.invites().size());
        Invite invite = b.invites().get(0);
        assertEquals("c1", invite.details().contactId());
        assertEquals(start, invite.details().notBefore());
        assertEquals(start.plus(HOUR), invite.details().notAfter());
        assertEquals(1, count(db, "SELECT count(*) FROM visit_invite WHERE visit_id = ? AND invite_id_hash = ?", v.id(),
                invite.id().hash()));
        List<AuditRows.Row> rows = audit.since();
        assertEquals(List.of("visit.booked", "invite.issued"), rows.stream().map(AuditRows.Row::action).toList());
        assertEquals(BY, rows.get(0).actor());
        assertEquals("visit:" + v.id(), rows.get(0).target());
        assertEquals("w", rows.get(0).ward());
        assertEquals("patient-1", rows.get(0).patient());
        assertEquals("192.0.2.7", rows.get(0).address());
        assertTrue(rows.get(0).detailHas("tablet=tablet-1") && rows.get(0).detailHas("invites=1"), rows.get(0).detail());
        assertEquals("invite:" + invite.id().hash(), rows.get(1).target());
        assertTrue(rows.get(1).detailHas("contact=c1") && rows.get(1).detailHas("visit=" + v.id()), rows.get(1).detail());
        clock.set(start);
        JoinDecision d = new JoinRules(db, clock).family(invite.id().value());
        assertTrue(d.admitted(), "the link admits to the visit at its start: " + d);
    }

    @Test
    void aBookingTakesTheGivenTabletOrTheBedsAndThePatientsConsent() {
        BookingFixture.exec(db, "UPDATE patient SET auto_answer = TRUE WHERE id = 'patient-2'");
        Visit v = bookings.book(new Bookings.Request("patient-2", Optional.of("tablet-2"), paris(2026, 3, 2, 11, 0), HOUR,
                List.of()), BY, null).visit();
        assertEquals("tablet-2", v.tabletId());
        assertTrue(v.autoAnswer(), "the patient's recorded consent");
        assertFalse(book("patient-1", paris(2026, 3, 2, 11, 0), HOUR).visit().autoAnswer());
    }

    // --- each rule

    @Test
    void outsideVisitingHoursOnTheDayTheClocksGoForwardSuggestsTheNextMorning() {
        // Sunday 29 March: 10:00–20:00 CEST is 08:00–18:00 UTC. 18:00 UTC is 20:00 there, closed.
        BookingRefused e = refused(BookingRule.OUTSIDE_VISITING_HOURS,
                request("patient-1", Instant.parse("2026-03-29T18:00:00Z"), HOUR));
        assertTrue(e.getMessage().contains("10:00–20:00, Europe/Paris"), e.getMessage());
        assertEquals(slots(HOUR, Instant.parse("2026-03-30T08:00:00Z"), Instant.parse("2026-03-30T08:15:00Z"),
                Instant.parse("2026-03-30T08:30:00Z")), e.suggestions(), "Monday 10:00, 10:15, 10:30 CEST");
        assertEquals("tablet-1", book("patient-1", Instant.parse("2026-03-29T17:00:00Z"), HOUR).visit().tabletId(),
                "19:00–20:00 CEST is inside");
    }

    @Test
    void outsideVisitingHoursOnTheDayTheClocksGoBackSuggestsTheOpening() {
        // Sunday 25 October: 10:00–20:00 CET is 09:00–19:00 UTC; 08:30 UTC is 09:30 there.
        BookingRefused e = refused(BookingRule.OUTSIDE_VISITING_HOURS,
                request("patient-1", Instant.parse("2026-10-25T08:30:00Z"), MIN30));
        assertEquals(slots(MIN30, Instant.parse("2026-10-25T09:00:00Z"), Instant.parse("2026-10-25T09:15:00Z"),
                Instant.parse("2026-10-25T09:30:00Z")), e.suggestions());
        assertEquals("tablet-1", book("patient-1", Instant.parse("2026-10-25T18:30:00Z"), MIN30).visit().tabletId(),
                "19:30–20:00 CET");
    }

    @Test
    void theTabletIsBusyWithItsCleaningBufferAcrossTheSpringChange() {
        book("patient-1", Instant.parse("2026-03-29T08:00:00Z"), HOUR); // 10:00–11:00 CEST
        BookingRefused e = refused(BookingRule.TABLET_BUSY, request("patient-1", Instant.parse("2026-03-29T09:00:00Z"), MIN30));
        assertTrue(e.getMessage().contains("Sun 29 Mar 2026 10:00 to 11:00"), e.getMessage());
        assertEquals(slots(MIN30, Instant.parse("2026-03-29T09:15:00Z"), Instant.parse("2026-03-29T09:30:00Z"),
                Instant.parse("2026-03-29T09:45:00Z")), e.suggestions(), "11:15 CEST, after 15 minutes of cleaning");
        book("patient-1", Instant.parse("2026-03-29T09:15:00Z"), MIN30);
    }

    @Test
    void anotherPatientsVisitOnAnotherTabletDoesNotMakeThisOneBusy() {
        book("patient-1", paris(2026, 3, 2, 11, 0), HOUR);
        assertEquals("tablet-2", book("patient-2", paris(2026, 3, 2, 11, 0), HOUR).visit().tabletId());
    }

    @Test
    void theDailyCapOnThe25HourDaySuggestsTheNextDay() {
        for (int hour : new int[] {10, 12, 14}) {
            book("patient-1", paris(2026, 10, 25, hour, 0), MIN30);
        }
        BookingRefused e = refused(BookingRule.DAILY_CAP_REACHED, request("patient-1", paris(2026, 10, 25, 16, 0), MIN30));
        assertTrue(e.getMessage().contains("3 visits on 2026-10-25"), e.getMessage());
        assertEquals(slots(MIN30, Instant.parse("2026-10-26T09:00:00Z"), Instant.parse("2026-10-26T09:15:00Z"),
                Instant.parse("2026-10-26T09:30:00Z")), e.suggestions(), "Monday 10:00 CET");
        assertEquals("tablet-2", book("patient-2", paris(2026, 10, 25, 16, 0), MIN30).visit().tabletId(),
                "another patient's cap");
    }

    @Test
    void cancelledVisitsDoNotCountTowardsTheCap() {
        List<Visit> three = new ArrayList<>();
        for (int hour : new int[] {10, 12, 14}) {
            three.add(book("patient-1", paris(2026, 3, 3, hour, 0), MIN30).visit());
        }
        bookings.cancel(three.get(1).id(), BY, null);
        book("patient-1", paris(2026, 3, 3, 16, 0), MIN30);
        refused(BookingRule.DAILY_CAP_REACHED, request("patient-1", paris(2026, 3, 3, 18, 0), MIN30));
    }

    @Test
    void aStartInThePastSuggestsFromNow() {
        clock.set(paris(2026, 3, 2, 12, 7));
        BookingRefused e = refused(BookingRule.IN_THE_PAST, request("patient-1", paris(2026, 3, 2, 11, 0), MIN30));
        assertEquals(slots(MIN30, paris(2026, 3, 2, 12, 15), paris(2026, 3, 2, 12, 30), paris(2026, 3, 2, 12, 45)),
                e.suggestions());
        book("patient-1", paris(2026, 3, 2, 12, 4), MIN30); // "now", as the request left the console
    }

    @Test
    void aLengthTheWardDoesNotAllowSuggestsTheNextAllowedLength() {
        BookingRefused e = refused(BookingRule.LENGTH_NOT_ALLOWED, request("patient-1", paris(2026, 3, 2, 11, 0),
                Duration.ofMinutes(20)));
        assertEquals(slots(MIN30, paris(2026, 3, 2, 11, 0), paris(2026, 3, 2, 11, 15), paris(2026, 3, 2, 11, 30)),
                e.suggestions());
    }

    @Test
    void onlyThePatientsAllowedContactsMayBeInvited() {
        for (String contact : List.of("c1-no", "c1-gone", "c2", "nobody")) {
            BookingRefused e = refused(BookingRule.CONTACT_NOT_ALLOWED,
                    request("patient-1", paris(2026, 3, 2, 11, 0), HOUR, "c1", contact));
            assertTrue(e.getMessage().contains("contact " + contact + " "), e.getMessage());
        }
    }

    @Test
    void theTabletMustBeAtTheBedNotRevokedAndTheBedMustHaveOne() {
        Instant start = paris(2026, 3, 2, 11, 0);
        refused(BookingRule.TABLET_NOT_AT_BED, new Bookings.Request("patient-1", Optional.of("tablet-2"), start, HOUR,
                List.of()));
        refused(BookingRule.TABLET_NOT_AT_BED, new Bookings.Request("patient-1", Optional.of("no-such-tablet"), start,
                HOUR, List.of()));
        refused(BookingRule.TABLET_REVOKED, new Bookings.Request("patient-1", Optional.of("tablet-old"), start, HOUR,
                List.of()));
        refused(BookingRule.NO_TABLET, request("patient-3", start, HOUR));
    }

    @Test
    void aDischargedPatientGetsNoVisit() {
        BookingFixture.exec(db, "UPDATE patient SET discharged_at = " + paris(2026, 3, 2, 9, 0).toEpochMilli()
                + " WHERE id = 'patient-1'");
        refused(BookingRule.PATIENT_DISCHARGED, request("patient-1", paris(2026, 3, 2, 11, 0), HOUR));
    }

    /**
     * Every rule about time, on each day the clocks change, read on the wall clock of Paris: the refusal and
     * its suggestions are those of an ordinary day, 23 or 25 hours long as the day is.
     */
    @ParameterizedTest(name = "on {0}")
    @ValueSource(strings = {"2026-03-29", "2026-10-25"})
    void eachRuleAboutTimeOnTheDaysTheClocksChange(String date) {
        LocalDate d = LocalDate.parse(date);
        LocalDate before = d.minusDays(1);
        LocalDate after = d.plusDays(1);
        clock.set(local(before, 8, 0));
        assertEquals(slots(MIN30, local(d, 10, 0), local(d, 10, 15), local(d, 10, 30)),
                refused(BookingRule.OUTSIDE_VISITING_HOURS, request("patient-1", local(before, 19, 45), MIN30))
                        .suggestions(), "from the evening before to the morning of the change");
        assertEquals(slots(MIN30, local(d, 10, 0), local(d, 10, 15), local(d, 10, 30)),
                refused(BookingRule.OUTSIDE_VISITING_HOURS, request("patient-1", local(d, 9, 30), MIN30)).suggestions());
        assertEquals(slots(MIN30, local(d, 11, 0), local(d, 11, 15), local(d, 11, 30)),
                refused(BookingRule.LENGTH_NOT_ALLOWED, request("patient-1", local(d, 11, 0), Duration.ofMinutes(25)))
                        .suggestions());
        book("patient-1", local(d, 14, 0), MIN30);
        assertEquals(slots(MIN30, local(d, 14, 45), local(d, 15, 0), local(d, 15, 15)),
                refused(BookingRule.TABLET_BUSY, request("patient-1", local(d, 14, 30), MIN30)).suggestions());
        book("patient-1", local(d, 10, 0), MIN30);
        book("patient-1", local(d, 12, 0), MIN30);
        assertEquals(slots(MIN30, local(after, 10, 0), local(after, 10, 15), local(after, 10, 30)),
                refused(BookingRule.DAILY_CAP_REACHED, request("patient-1", local(d, 16, 0), MIN30)).suggestions());
        clock.set(local(d, 12, 7));
        assertEquals(slots(MIN30, local(d, 12, 15), local(d, 12, 30), local(d, 12, 45)),
                refused(BookingRule.IN_THE_PAST, request("patient-2", local(d, 11, 0), MIN30)).suggestions(),
                "from now, on the grid");
        assertEquals(24 * 60 + (date.endsWith("03-29") ? -60 : 60),
                Duration.between(d.atStartOfDay(PARIS), after.atStartOfDay(PARIS)).toMinutes(), "the day's length");
    }

    private static Instant local(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(PARIS).toInstant();
    }

    // --- free slots

    @Test
    void nextFreeSlotsAreTheOnesARefusalWouldSuggest() {
        book("patient-1", paris(2026, 3, 2, 10, 0), HOUR);
        assertEquals(slots(MIN30, paris(2026, 3, 2, 11, 15), paris(2026, 3, 2, 11, 30), paris(2026, 3, 2, 11, 45)),
                bookings.nextFree("patient-1", Optional.empty(), paris(2026, 3, 2, 10, 0), MIN30, 3));
        assertEquals(slots(MIN30, paris(2026, 3, 2, 10, 0)),
                bookings.nextFree("patient-2", Optional.empty(), paris(2026, 3, 2, 10, 0), MIN30, 1));
    }

    // --- concurrency

    @Test
    void fourBookingsOfOneTabletAtOnceHaveExactlyOneWinner() throws Exception {
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Bookings.Booked>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Instant start = paris(2026, 3, 2, 11, 0).plus(Duration.ofMinutes(10L * i));
                results.add(pool.submit(() -> {
                    go.await();
                    return book("patient-1", start, HOUR, "c1");
                }));
            }
            go.countDown();
            int booked = 0;
            for (Future<Bookings.Booked> f : results) {
                try {
                    f.get();
                    booked++;
                } catch (ExecutionException e) {
                    assertEquals(BookingRule.TABLET_BUSY, ((BookingRefused) e.getCause()).rule(), e.getCause().toString());
                }
            }
            assertEquals(1, booked);
            assertEquals(1, count(db, "SELECT count(*) FROM visit WHERE tablet_id = 'tablet-1'"));
            assertEquals(1, count(db, "SELECT count(*) FROM invite"), "the losers' invites were never stored");
        } finally {
            pool.shutdownNow();
        }
    }
}
