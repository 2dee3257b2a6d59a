package org.lucarne.signaling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lucarne.signaling.api.ApiException;

class ReportPeriodTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-03-31");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static ReportPeriod parse(String from, String to) {
        return ReportPeriod.parse(Optional.ofNullable(from), Optional.ofNullable(to), TODAY);
    }

    @Test
    void withoutDatesTheLastThirtyDaysUpToToday() {
        ReportPeriod p = parse(null, null);
        assertEquals(LocalDate.parse("2026-03-02"), p.from());
        assertEquals(TODAY, p.to());
        assertEquals(30, p.days());
    }

    @Test
    void withOneEndThirtyDaysFromItOrUpToIt() {
        assertEquals(new ReportPeriod(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-06-30")),
                parse("2026-06-01", null), "planning ahead: from the first of June");
        assertEquals(new ReportPeriod(LocalDate.parse("2026-01-02"), LocalDate.parse("2026-01-31")),
                parse(null, "2026-01-31"));
        assertEquals(new ReportPeriod(LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-05")),
                parse("2026-03-05", "2026-03-05"), "one day");
    }

    @Test
    void aYearIsTheLongestPeriodALeapYearIncluded() {
        assertEquals(366, parse("2028-01-01", "2028-12-31").days());
        ApiException e = assertThrows(ApiException.class, () -> parse("2026-01-01", "2027-01-02"));
        assertEquals(400, e.status());
        assertEquals("to", e.field());
        assertEquals("from 2026-01-01 to 2027-01-02 is over 366 days: ask for a year at most", e.getMessage());
    }

    @ParameterizedTest(name = "from={0} to={1}: {2}")
    @CsvSource(nullValues = "null", value = {
            "2026-03-10, 2026-03-09, to",
            "2026-3-1, null, from",
            "yesterday, null, from",
            "null, 2026-02-30, to",
            "2026-03-01T00:00, null, from"})
    void aBadPeriodNamesItsField(String from, String to, String field) {
        ApiException e = assertThrows(ApiException.class, () -> parse(from, to));
        assertEquals(400, e.status());
        assertEquals("invalid_request", e.code());
        assertEquals(field, e.field(), e.getMessage());
    }

    @Test
    void daysAreTheWardsWallCalendarDaysAcrossTheClockChanges() {
        ReportPeriod spring = new ReportPeriod(LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-29"));
        assertEquals(Instant.parse("2026-03-28T23:00:00Z"), spring.start(PARIS));
        assertEquals(Duration.ofHours(23), Duration.between(spring.start(PARIS), spring.end(PARIS)));
        ReportPeriod autumn = new ReportPeriod(LocalDate.parse("2026-10-25"), LocalDate.parse("2026-10-25"));
        assertEquals(Duration.ofHours(25), Duration.between(autumn.start(PARIS), autumn.end(PARIS)));
    }
}
