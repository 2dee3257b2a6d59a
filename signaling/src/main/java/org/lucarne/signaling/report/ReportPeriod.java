package org.lucarne.signaling.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.api.ApiException;

/**
 * The days a report covers, both included, as a ward's wall calendar has them: from midnight of {@code from}
 * to midnight after {@code to} in the ward's time zone (a day the clocks change lasts 23 or 25 hours).
 */
public record ReportPeriod(LocalDate from, LocalDate to) {
    /** The longest period: a year, a leap day included. */
    public static final int MAX_DAYS = 366;
    /** The period when one end or both are left out. */
    public static final int DEFAULT_DAYS = 30;

    public ReportPeriod {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the period ends (" + to + ") before it starts (" + from + ")");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > MAX_DAYS) {
            throw new IllegalArgumentException("a period of " + days + " days is over " + MAX_DAYS);
        }
    }

    /**
     * The period a request asks for: {@code from} and {@code to} as {@code YYYY-MM-DD}. Without either, the
     * {@value #DEFAULT_DAYS} days up to {@code today}; with one, {@value #DEFAULT_DAYS} days from it or up to it.
     *
     * @throws ApiException {@code 400} naming the field: not a date, {@code to} before {@code from}, over
     *                      {@value #MAX_DAYS} days
     */
    public static ReportPeriod parse(Optional<String> from, Optional<String> to, LocalDate today) {
        Optional<LocalDate> f = from.map(String::strip).filter(s -> !s.isEmpty()).map(s -> date("from", s));
        Optional<LocalDate> t = to.map(String::strip).filter(s -> !s.isEmpty()).map(s -> date("to", s));
        LocalDate end = t.orElseGet(() -> f.map(d -> d.plusDays(DEFAULT_DAYS - 1)).orElse(today));
        LocalDate start = f.orElseGet(() -> end.minusDays(DEFAULT_DAYS - 1));
        if (end.isBefore(start)) {
            throw ApiException.invalid("to", "to (" + end + ") is before from (" + start + "): give the first day as"
                    + " from and the last as to");
        }
        if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
            throw ApiException.invalid("to", "from " + start + " to " + end + " is over " + MAX_DAYS
                    + " days: ask for a year at most");
        }
        return new ReportPeriod(start, end);
    }

    /** How many days, both ends included. */
    public int days() {
        return (int) ChronoUnit.DAYS.between(from, to) + 1;
    }

    /** Midnight at the start of {@code from} in {@code zone}. */
    public Instant start(ZoneId zone) {
        return from.atStartOfDay(zone).toInstant();
    }

    /** Midnight at the end of {@code to} in {@code zone}: the first instant after the period. */
    public Instant end(ZoneId zone) {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    private static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, field + " must be a day YYYY-MM-DD, e.g. 2026-03-01");
        }
    }
}
