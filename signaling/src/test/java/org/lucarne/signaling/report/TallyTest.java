package org.lucarne.signaling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.visit.VisitEndReason;

class TallyTest {
    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Instant PAST = Instant.parse("2026-03-09T10:00:00Z");

    /** A visit of 30 minutes from {@code start}. */
    private static ReportVisit visit(Instant start, Instant joined, Instant callStarted, Instant ended,
                                     VisitEndReason reason) {
        return new ReportVisit("w", start, start.plus(Duration.ofMinutes(30)), Optional.ofNullable(ended),
                Optional.ofNullable(reason), Optional.ofNullable(joined), Optional.ofNullable(callStarted));
    }

    private static ReportVisit completed(int callMinutesBeforeEnd) {
        return visit(PAST, PAST, PAST.plus(Duration.ofMinutes(30 - callMinutesBeforeEnd)), null, null);
    }

    @Test
    void eachVisitCountsUnderItsStatusAsOfNow() {
        Tally t = new Tally();
        t.add(visit(NOW.plus(Duration.ofHours(1)), null, null, null, null), NOW);             // scheduled
        t.add(visit(NOW.minus(Duration.ofMinutes(10)), NOW, NOW, null, null), NOW);          // under way: ready
        t.add(completed(20), NOW);
        t.add(visit(PAST, null, null, null, null), NOW);                                     // no-show
        t.add(visit(PAST, null, null, PAST.minus(Duration.ofDays(1)), VisitEndReason.CANCELLED), NOW);
        t.add(visit(PAST, PAST, null, PAST.plus(Duration.ofMinutes(2)), VisitEndReason.DECLINED), NOW);
        Figures f = t.figures();
        assertEquals(6, f.booked());
        assertEquals(1, f.scheduled());
        assertEquals(1, f.ready());
        assertEquals(2, f.completed(), "someone came, even if the patient declined");
        assertEquals(1, f.noShow());
        assertEquals(1, f.cancelled());
        assertEquals(1, f.calls(), "a completed visit whose call never had two people has no length");
        assertEquals(OptionalLong.of(20 * 60), f.averageLengthSeconds());
        assertEquals(4, f.decided());
        assertEquals(OptionalDouble.of(0.5), f.completedRate());
        assertEquals(OptionalDouble.of(0.25), f.cancelledRate());
        assertEquals(OptionalDouble.of(0.25), f.noShowRate());
    }

    @Test
    void averageAndMedianOfTheCallsLengths() {
        Tally t = new Tally();
        for (int minutes : new int[] {10, 20, 30}) {
            t.add(completed(minutes), NOW);
        }
        assertEquals(OptionalLong.of(20 * 60), t.figures().averageLengthSeconds());
        assertEquals(OptionalLong.of(20 * 60), t.figures().medianLengthSeconds());
        t.add(completed(29), NOW);
        Figures f = t.figures();
        assertEquals(OptionalLong.of(Math.round((10 + 20 + 30 + 29) * 60 / 4.0)), f.averageLengthSeconds());
        assertEquals(OptionalLong.of(Math.round((20 + 29) * 60 / 2.0)), f.medianLengthSeconds(),
                "an even number: the mean of the two middle ones");
        assertEquals(4, f.calls());
    }

    @Test
    void aCallLastsUntilTheVisitEndedIfThatCameBeforeTheEndOfItsSlot() {
        Instant call = PAST.plus(Duration.ofMinutes(5));
        assertEquals(Optional.of(Duration.ofMinutes(25)), visit(PAST, PAST, call, null, null).callLength());
        assertEquals(Optional.of(Duration.ofMinutes(7)),
                visit(PAST, PAST, call, call.plus(Duration.ofMinutes(7)), VisitEndReason.ENDED).callLength());
        assertEquals(Optional.of(Duration.ofMinutes(25)),
                visit(PAST, PAST, call, PAST.plus(Duration.ofHours(1)), VisitEndReason.TIME_UP).callLength(),
                "an end recorded after the slot's end counts as the slot's end");
        assertEquals(Optional.empty(), visit(PAST, PAST, null, null, null).callLength());
    }

    @Test
    void nothingDecidedHasNoRatesAndNoLengths() {
        Tally t = new Tally();
        t.add(visit(NOW.plus(Duration.ofDays(1)), null, null, null, null), NOW);
        Figures f = t.figures();
        assertEquals(1, f.booked());
        assertTrue(f.completedRate().isEmpty() && f.cancelledRate().isEmpty() && f.noShowRate().isEmpty());
        assertTrue(f.averageLengthSeconds().isEmpty() && f.medianLengthSeconds().isEmpty());
        assertEquals(0, new Tally().figures().booked());
    }

    @Test
    void talliesAddUpIntoTheirTotal() {
        Tally a = new Tally();
        a.add(completed(10), NOW);
        Tally b = new Tally();
        b.add(completed(30), NOW);
        b.add(visit(PAST, null, null, null, null), NOW);
        Tally total = new Tally();
        total.addAll(a);
        total.addAll(b);
        Figures f = total.figures();
        assertEquals(3, f.booked());
        assertEquals(2, f.calls());
        assertEquals(OptionalLong.of(20 * 60), f.medianLengthSeconds());
        assertEquals(OptionalDouble.of(0.6667), f.completedRate(), "rounded to 4 decimals");
    }
}
