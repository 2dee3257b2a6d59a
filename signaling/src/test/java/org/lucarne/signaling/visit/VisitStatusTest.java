package org.lucarne.signaling.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link VisitStatus#of} over a table of cases: the one function every view of a visit uses. */
class VisitStatusTest {
    private static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");

    /** Minutes after 10:00; the slot is 10:30–11:00; empty cells are "not set". */
    @ParameterizedTest(name = "at +{0} min, ended +{1} ({2}), first joined +{3}, in call {4}: {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # now | ended | reason    | joined | in call | status
            0     | -     | -         | -      | false   | scheduled
            29    | -     | -         | -      | false   | scheduled
            29    | -     | -         | -      | true    | scheduled
            30    | -     | -         | -      | false   | ready
            45    | -     | -         | 31     | false   | ready
            45    | -     | -         | 31     | true    | in_call
            59    | -     | -         | 31     | true    | in_call
            60    | -     | -         | 31     | true    | completed
            60    | -     | -         | 31     | false   | completed
            60    | -     | -         | -      | false   | no_show
            90    | -     | -         | 59     | false   | completed
            10    | 5     | cancelled | -      | false   | cancelled
            45    | 40    | cancelled | 32     | false   | cancelled
            45    | 40    | cancelled | 32     | true    | cancelled
            90    | 40    | cancelled | 32     | false   | cancelled
            39    | 40    | cancelled | 32     | true    | in_call
            45    | 40    | ended     | 32     | false   | completed
            45    | 40    | declined  | -      | false   | no_show
            45    | -     | -         | 50     | false   | ready
            """)
    void statusOfAVisit(int now, Integer ended, String reason, Integer joined, boolean inCall, String status) {
        VisitStatus s = VisitStatus.of(at(30), at(60), Optional.ofNullable(ended).map(VisitStatusTest::at),
                Optional.ofNullable(reason).flatMap(VisitEndReason::fromStored),
                Optional.ofNullable(joined).map(VisitStatusTest::at), inCall, at(now));
        assertEquals(status, s.wireName());
    }

    private static Instant at(int minutes) {
        return BASE.plusSeconds(60L * minutes);
    }
}
