package org.lucarne.signaling.report;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.lucarne.signaling.ward.WardRef;

/**
 * Several wards over one period: a row per ward, its days those of its own time zone, and the whole.
 *
 * @param wards by ward name
 */
public record HospitalReport(ReportPeriod period, List<WardRow> wards, Figures totals) {
    /** One ward's figures over the period. */
    public record WardRow(WardRef ward, ZoneId zone, Figures figures) { }

    public HospitalReport {
        Objects.requireNonNull(period, "period");
        wards = List.copyOf(wards);
        Objects.requireNonNull(totals, "totals");
    }
}
