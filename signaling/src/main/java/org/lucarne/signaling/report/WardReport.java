package org.lucarne.signaling.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.ward.WardRef;

/**
 * One ward's report: each day of the period (every day, those without visits too) and the period as a whole.
 *
 * @param zone the ward's time zone, which the days are days of
 */
public record WardReport(WardRef ward, ZoneId zone, ReportPeriod period, List<Day> days, Figures totals) {
    /** One day's figures: the visits booked to start that day. */
    public record Day(LocalDate date, Figures figures) { }

    public WardReport {
        Objects.requireNonNull(ward, "ward");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(period, "period");
        days = List.copyOf(days);
        Objects.requireNonNull(totals, "totals");
    }
}
