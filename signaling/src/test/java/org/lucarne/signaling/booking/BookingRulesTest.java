package org.lucarne.signaling.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.ward.WardSettings;

/**
 * The booking rules alone (no database), in Europe/Paris, on ordinary days and on both days the clocks
 * change in 2026: Sunday 29 March (02:00 CET → 03:00 CEST, a 23-hour day) and Sunday 25 October (03:00
 * CEST → 02:00 CET, a 25-hour day).
 */
class BookingRulesTest {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Duration MIN15 = Duration.ofMinutes(15);
    static final Duration MIN30 = Duration.ofMinutes(30);
    static final Duration HOUR = Duration.ofHours(1);
    /** Every day 10:00–20:00, 15/30/45/60 minutes, 15 minutes of cleaning, 3 visits a day. */
    static final WardSettings DEFAULTS = WardSettings.defaults(PARIS);
    static final BookingFacts.Occupancy FREE = BookingFacts.Occupancy.NONE;

    static Instant paris(int year, int month, int day, int hour, int minute) {
        return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
    }

    static Slot slot(Instant start, Duration length) {
        return Slot.of(start, length);
    }

    private static Optional<BookingRule> time(WardSettings s, Slot slot, Instant now, BookingFacts.Occupancy o) {
        return BookingRules.time(s, slot, now, o).map(Refusal::rule);
    }

    private static WardSettings allDay(int cap) {
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new WardSettings.Span(0, 1440)));
        }
        return new WardSettings(PARIS, hours, List.of(MIN15, MIN30, HOUR), MIN15, cap, List.of());
    }

    // --- visiting hours, in the ward's zone

    @Test
    void aVisitInsideVisitingHoursIsAllowed() {
        Instant now = paris(2026, 3, 2, 8, 0);
        assertEquals(Optional.empty(), time(DEFAULTS, slot(paris(2026, 3, 2, 10, 0), HOUR), now, FREE));
        assertEquals(Optional.empty(), time(DEFAULTS, slot(paris(2026, 3, 2, 19, 0), HOUR), now, FREE),
                "ending at the closing time");
    }

    @Test
    void aVisitOverlappingTheOpeningOrTheClosingIsOutsideVisitingHours() {
        Instant now = paris(2026, 3, 2, 8, 0);
        Refusal r = BookingRules.time(DEFAULTS, slot(paris(2026, 3, 2, 19, 30), HOUR), now, FREE).orElseThrow();
        assertEquals(BookingRule.OUTSIDE_VISITING_HOURS, r.rule());
        assertTrue(r.message().contains("10:00–20:00, Europe/Paris"), r.message());
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS),
                time(DEFAULTS, slot(paris(2026, 3, 2, 9, 45), MIN30), now, FREE));
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS),
                time(DEFAULTS, slot(paris(2026, 3, 2, 21, 0), MIN30), now, FREE));
    }

    @Test
    void aVisitLiesWithinOneSpanNotAcrossTwo() {
        WardSettings twoSpans = new WardSettings(PARIS, Map.of(DayOfWeek.MONDAY, List.of(new WardSettings.Span(600, 720),
                new WardSettings.Span(840, 1080))), List.of(MIN30, HOUR), MIN15, 3, List.of());
        Instant now = paris(2026, 3, 2, 8, 0);
        assertEquals(Optional.empty(), time(twoSpans, slot(paris(2026, 3, 2, 11, 0), HOUR), now, FREE));
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS),
                time(twoSpans, slot(paris(2026, 3, 2, 11, 30), HOUR), now, FREE), "12:00–14:00 is closed");
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS),
                time(twoSpans, slot(paris(2026, 3, 3, 11, 0), HOUR), now, FREE), "no visit on Tuesdays");
    }

    @Test
    void visitingHoursAreTheSameWallClockHoursOnTheDayTheClocksGoForward() {
        Instant now = paris(2026, 3, 27, 8, 0);
        assertEquals(List.of(new Slot(Instant.parse("2026-03-28T09:00:00Z"), Instant.parse("2026-03-28T19:00:00Z"))),
                BookingRules.spansOn(DEFAULTS, LocalDate.of(2026, 3, 28)), "Saturday: CET, UTC+1");
        assertEquals(List.of(new Slot(Instant.parse("2026-03-29T08:00:00Z"), Instant.parse("2026-03-29T18:00:00Z"))),
                BookingRules.spansOn(DEFAULTS, LocalDate.of(2026, 3, 29)), "Sunday: CEST, UTC+2, from 03:00");
        assertEquals(Optional.empty(), time(DEFAULTS, slot(Instant.parse("2026-03-29T08:00:00Z"), HOUR), now, FREE),
                "10:00 CEST");
        assertEquals(Optional.empty(), time(DEFAULTS, slot(Instant.parse("2026-03-29T17:00:00Z"), HOUR), now, FREE),
                "19:00–20:00 CEST");
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS),
                time(DEFAULTS, slot(Instant.parse("2026-03-29T18:00:00Z"), HOUR), now, FREE),
                "20:00 CEST, although it would be 19:00 the day before");
        assertEquals(Optional.empty(), time(DEFAULTS, slot(Instant.parse("2026-03-28T18:00:00Z"), HOUR), now, FREE),
                "the same instant of day on Saturday is 19:00 CET");
    }

    @Test
    void visitingHoursAreTheSameWallClockHoursOnTheDayTheClocksGoBack() {
        Instant now = paris(2026, 10, 23, 8, 0);
        assertEquals(List.of(new Slot(Instant.parse("2026-10-24T08:00:00Z"), Instant.parse("2026-10-24T18:00:00Z"))),
                BookingRules.spansOn(DEFAULTS, LocalDate.of(2026, 10, 24)), "Saturday: CEST");
        assertEquals(List.of(new Slot(Instant.parse("2026-10-25T09:00:00Z"), Instant.parse("2026-10-25T19:00:00Z"))),
                BookingRules.spansOn(DEFAULTS, LocalDate.of(2026, 10, 25)), "Sunday: CET");
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS),
                time(DEFAULTS, slot(Instant.parse("2026-10-25T08:30:00Z"), MIN30), now, FREE), "09:30 CET");
        assertEquals(Optional.empty(), time(DEFAULTS, slot(Instant.parse("2026-10-25T18:00:00Z"), HOUR), now, FREE),
                "19:00–20:00 CET");
    }

    @Test
    void aDayOfVisitingHoursIs23Or25HoursLongWhenTheClocksChange() {
        WardSettings s = allDay(48);
        Instant now = paris(2026, 1, 1, 0, 0);
        assertEquals(Duration.ofHours(24), BookingRules.spansOn(s, LocalDate.of(2026, 3, 28)).get(0).length());
        assertEquals(Duration.ofHours(23), BookingRules.spansOn(s, LocalDate.of(2026, 3, 29)).get(0).length());
        assertEquals(Duration.ofHours(25), BookingRules.spansOn(s, LocalDate.of(2026, 10, 25)).get(0).length());
        for (Object[] day : new Object[][] {{LocalDate.of(2026, 3, 28), 93}, {LocalDate.of(2026, 3, 29), 89},
                {LocalDate.of(2026, 10, 25), 97}}) {
            LocalDate d = (LocalDate) day[0];
            List<Slot> free = BookingRules.free(s, d.atStartOfDay(PARIS).toInstant(),
                    d.plusDays(1).atStartOfDay(PARIS).toInstant(), HOUR, now, FREE, 1000);
            assertEquals(day[1], free.size(), "hour-long slots every 15 minutes on " + d);
            for (int i = 1; i < free.size(); i++) {
                assertEquals(MIN15, Duration.between(free.get(i - 1).start(), free.get(i).start()),
                        "the grid counts real time across the change");
            }
        }
    }

    @Test
    void aSpanOpeningInTheSkippedHourOpensAfterTheChange() {
        WardSettings s = new WardSettings(PARIS, Map.of(DayOfWeek.SUNDAY, List.of(new WardSettings.Span(150, 240))),
                List.of(MIN30), MIN15, 3, List.of());
        assertEquals(List.of(new Slot(Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-29T02:00:00Z"))),
                BookingRules.spansOn(s, LocalDate.of(2026, 3, 29)), "02:30 does not exist: 03:30 CEST to 04:00 CEST");
    }

    // --- lengths, the past

    @Test
    void aLengthTheWardDoesNotAllowIsRefusedNamingTheAllowedOnes() {
        Refusal r = BookingRules.time(DEFAULTS, slot(paris(2026, 3, 2, 11, 0), Duration.ofMinutes(20)),
                paris(2026, 3, 2, 8, 0), FREE).orElseThrow();
        assertEquals(BookingRule.LENGTH_NOT_ALLOWED, r.rule());
        assertTrue(r.message().contains("15, 30, 45, 60"), r.message());
        assertEquals(MIN30, BookingRules.suggestedLength(DEFAULTS, Duration.ofMinutes(20)));
        assertEquals(HOUR, BookingRules.suggestedLength(DEFAULTS, Duration.ofMinutes(90)));
        assertEquals(MIN15, BookingRules.suggestedLength(DEFAULTS, Duration.ofMinutes(5)));
    }

    @Test
    void aVisitStartingBeforeNowIsRefusedExceptWithinAFewMinutesGrace() {
        Instant now = paris(2026, 3, 2, 12, 0);
        assertEquals(Optional.of(BookingRule.IN_THE_PAST), time(DEFAULTS, slot(now.minus(Duration.ofMinutes(6)), MIN30),
                now, FREE));
        assertEquals(Optional.empty(), time(DEFAULTS, slot(now.minus(Duration.ofMinutes(4)), MIN30), now, FREE),
                "booked to start now, a moment ago");
        assertEquals(Optional.of(BookingRule.IN_THE_PAST), time(DEFAULTS, slot(now.minus(Duration.ofDays(1)), MIN30),
                now, FREE));
    }

    // --- the tablet and its cleaning buffer

    @Test
    void theTabletIsBusyDuringAnotherVisitAndItsCleaningBufferOnBothSides() {
        Instant now = paris(2026, 3, 2, 8, 0);
        BookingFacts.Occupancy o = new BookingFacts.Occupancy(List.of(slot(paris(2026, 3, 2, 14, 0), MIN30)), List.of());
        assertEquals(Optional.of(BookingRule.TABLET_BUSY), time(DEFAULTS, slot(paris(2026, 3, 2, 14, 0), MIN30), now, o));
        assertEquals(Optional.of(BookingRule.TABLET_BUSY), time(DEFAULTS, slot(paris(2026, 3, 2, 14, 30), MIN30), now, o),
                "back to back leaves no time to clean");
        assertEquals(Optional.of(BookingRule.TABLET_BUSY), time(DEFAULTS, slot(paris(2026, 3, 2, 13, 15), Duration.ofMinutes(45)),
                now, o), "ending when the other starts");
        assertEquals(Optional.empty(), time(DEFAULTS, slot(paris(2026, 3, 2, 14, 45), MIN30), now, o), "15 minutes after");
        assertEquals(Optional.empty(), time(DEFAULTS, slot(paris(2026, 3, 2, 13, 0), Duration.ofMinutes(45)), now, o),
                "15 minutes before");
        Refusal r = BookingRules.time(DEFAULTS, slot(paris(2026, 3, 2, 14, 30), MIN30), now, o).orElseThrow();
        assertTrue(r.message().contains("Mon 2 Mar 2026 14:00 to 14:30") && r.message().contains("15 minutes for cleaning"),
                r.message());
    }

    // --- the daily cap, by the ward's day

    @Test
    void theDailyCapCountsTheVisitsStartingThatDayInTheWardsZone() {
        Instant now = paris(2026, 3, 1, 8, 0);
        BookingFacts.Occupancy three = new BookingFacts.Occupancy(List.of(), List.of(paris(2026, 3, 2, 10, 0),
                paris(2026, 3, 2, 12, 0), paris(2026, 3, 2, 19, 45)));
        Refusal r = BookingRules.time(DEFAULTS, slot(paris(2026, 3, 2, 16, 0), MIN30), now, three).orElseThrow();
        assertEquals(BookingRule.DAILY_CAP_REACHED, r.rule());
        assertTrue(r.message().contains("3 visits on 2026-03-02"), r.message());
        assertEquals(Optional.empty(), time(DEFAULTS, slot(paris(2026, 3, 3, 10, 0), MIN30), now, three), "the next day");
    }

    @Test
    void theDailyCapCountsA25HourDayAsOneDay() {
        WardSettings s = allDay(2);
        Instant now = paris(2026, 10, 1, 0, 0);
        // 00:30 CEST and 23:30 CET on Sunday 25 October are 23 hours apart in UTC but the same ward's day.
        BookingFacts.Occupancy two = new BookingFacts.Occupancy(List.of(), List.of(
                Instant.parse("2026-10-24T22:30:00Z"), Instant.parse("2026-10-25T22:30:00Z")));
        assertEquals(Optional.of(BookingRule.DAILY_CAP_REACHED),
                time(s, slot(Instant.parse("2026-10-25T12:00:00Z"), MIN30), now, two));
        assertEquals(Optional.empty(), time(s, slot(Instant.parse("2026-10-24T21:30:00Z"), MIN30), now, two),
                "23:30 CEST is Saturday");
        assertEquals(Optional.empty(), time(s, slot(Instant.parse("2026-10-25T23:00:00Z"), MIN30), now, two),
                "00:00 CET is Monday");
    }

    // --- who

    @Test
    void onlyTheAllowedContactsOfThePatientNotRemovedMayBeInvited() {
        BookingFacts.Patient p = new BookingFacts.Patient("p1", "bed-1", "w", Optional.empty(), false);
        BookingFacts.Tablet t = new BookingFacts.Tablet("t1", "bed-1", false);
        List<BookingFacts.Contact> contacts = List.of(new BookingFacts.Contact("c-ok", true, false),
                new BookingFacts.Contact("c-not-allowed", false, false), new BookingFacts.Contact("c-removed", true, true));
        Slot s = slot(paris(2026, 3, 2, 11, 0), MIN30);
        assertEquals(Optional.empty(), BookingRules.people(p, t, contacts, List.of("c-ok"), s));
        assertEquals(Optional.empty(), BookingRules.people(p, t, contacts, List.of(), s), "inviting nobody yet");
        for (String c : List.of("c-not-allowed", "c-removed", "another-patients-contact")) {
            Refusal r = BookingRules.people(p, t, contacts, List.of("c-ok", c), s).orElseThrow();
            assertEquals(BookingRule.CONTACT_NOT_ALLOWED, r.rule(), c);
            assertTrue(r.message().startsWith("contact " + c + " is not one of the patient's contacts"), r.message());
        }
    }

    @Test
    void theTabletMustBeAtThePatientsBedAndNotRevokedAndThePatientNotDischarged() {
        Slot s = slot(paris(2026, 3, 2, 11, 0), MIN30);
        BookingFacts.Patient admitted = new BookingFacts.Patient("p1", "bed-1", "w", Optional.empty(), false);
        BookingFacts.Tablet atBed = new BookingFacts.Tablet("t1", "bed-1", false);
        assertEquals(Optional.of(BookingRule.TABLET_NOT_AT_BED), BookingRules.people(admitted,
                new BookingFacts.Tablet("t2", "bed-2", false), List.of(), List.of(), s).map(Refusal::rule));
        assertEquals(Optional.of(BookingRule.TABLET_REVOKED), BookingRules.people(admitted,
                new BookingFacts.Tablet("t1", "bed-1", true), List.of(), List.of(), s).map(Refusal::rule));
        BookingFacts.Patient leaving = new BookingFacts.Patient("p1", "bed-1", "w",
                Optional.of(paris(2026, 3, 2, 11, 15)), false);
        assertEquals(Optional.of(BookingRule.PATIENT_DISCHARGED),
                BookingRules.people(leaving, atBed, List.of(), List.of(), s).map(Refusal::rule), "discharged mid-visit");
        assertEquals(Optional.empty(), BookingRules.people(leaving, atBed, List.of(), List.of(),
                slot(paris(2026, 3, 2, 10, 0), MIN30)), "a visit before the discharge");
    }

    // --- free slots and suggestions

    @Test
    void freeSlotsLieOnTheGridFromASpansOpeningAndNotBeforeNow() {
        Instant now = paris(2026, 3, 2, 12, 7);
        List<Slot> free = BookingRules.free(DEFAULTS, paris(2026, 3, 2, 11, 0), paris(2026, 3, 2, 11, 0).plus(
                BookingRules.HORIZON), MIN30, now, FREE, 3);
        assertEquals(List.of(slot(paris(2026, 3, 2, 12, 15), MIN30), slot(paris(2026, 3, 2, 12, 30), MIN30),
                slot(paris(2026, 3, 2, 12, 45), MIN30)), free);
    }

    @Test
    void suggestionsSkipTheTabletsOtherVisitsWithTheirBuffers() {
        Instant now = paris(2026, 3, 2, 8, 0);
        BookingFacts.Occupancy o = new BookingFacts.Occupancy(List.of(slot(paris(2026, 3, 2, 14, 0), MIN30),
                slot(paris(2026, 3, 2, 15, 30), HOUR)), List.of());
        List<Slot> free = BookingRules.free(DEFAULTS, paris(2026, 3, 2, 13, 30), paris(2026, 3, 3, 0, 0), MIN30, now, o, 3);
        assertEquals(List.of(slot(paris(2026, 3, 2, 14, 45), MIN30), slot(paris(2026, 3, 2, 16, 45), MIN30),
                slot(paris(2026, 3, 2, 17, 0), MIN30)), free,
                "13:30 ends when the 14:00 visit starts; 14:45–15:15 leaves 15 minutes before 15:30; then 16:30 + 15");
    }

    @Test
    void suggestionsGoOnToTheNextDaysAcrossTheSpringChange() {
        Instant now = paris(2026, 3, 28, 12, 0);
        List<Slot> free = BookingRules.free(DEFAULTS, paris(2026, 3, 28, 19, 45), paris(2026, 3, 28, 19, 45)
                .plus(BookingRules.HORIZON), HOUR, now, FREE, 3);
        assertEquals(List.of(slot(Instant.parse("2026-03-29T08:00:00Z"), HOUR), slot(Instant.parse("2026-03-29T08:15:00Z"), HOUR),
                slot(Instant.parse("2026-03-29T08:30:00Z"), HOUR)), free, "10:00, 10:15, 10:30 CEST on Sunday");
    }

    @Test
    void suggestionsGoOnToTheNextDaysAcrossTheAutumnChangeAndSkipFullDays() {
        Instant now = paris(2026, 10, 24, 12, 0);
        BookingFacts.Occupancy sundayFull = new BookingFacts.Occupancy(List.of(), List.of(paris(2026, 10, 25, 10, 0),
                paris(2026, 10, 25, 11, 0), paris(2026, 10, 25, 12, 0)));
        List<Slot> free = BookingRules.free(DEFAULTS, paris(2026, 10, 24, 19, 45), paris(2026, 10, 24, 19, 45)
                .plus(BookingRules.HORIZON), MIN30, now, sundayFull, 3);
        assertEquals(List.of(slot(Instant.parse("2026-10-26T09:00:00Z"), MIN30), slot(Instant.parse("2026-10-26T09:15:00Z"), MIN30),
                slot(Instant.parse("2026-10-26T09:30:00Z"), MIN30)), free, "Monday 10:00 CET: Sunday is full");
        List<Slot> sunday = BookingRules.free(DEFAULTS, paris(2026, 10, 24, 19, 45), paris(2026, 10, 24, 19, 45)
                .plus(BookingRules.HORIZON), MIN30, now, FREE, 1);
        assertEquals(List.of(slot(Instant.parse("2026-10-25T09:00:00Z"), MIN30)), sunday, "10:00 CET on Sunday");
    }

    @Test
    void noSuggestionBeyondTheHorizonOrOnAWardWithoutHours() {
        WardSettings closed = new WardSettings(PARIS, Map.of(), List.of(MIN30), MIN15, 3, List.of());
        Instant now = paris(2026, 3, 2, 8, 0);
        assertEquals(List.of(), BookingRules.free(closed, now, now.plus(BookingRules.HORIZON), MIN30, now, FREE, 3));
        assertEquals(Optional.of(BookingRule.OUTSIDE_VISITING_HOURS), time(closed, slot(paris(2026, 3, 2, 11, 0), MIN30),
                now, FREE));
    }
}
