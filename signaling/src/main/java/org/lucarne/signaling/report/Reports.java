package org.lucarne.signaling.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.ward.WardRef;
import org.lucarne.signaling.ward.WardSettingsStore;

/**
 * The wards' reports (docs/staff-api.md, "Reports"): how many visits were booked, what became of them, how long
 * their calls lasted. Counts only: no visit, patient or contact is named. Each ward's days are those of its own
 * time zone (its settings; the hospital's {@code time.zone} for a ward without any); statuses are as of now.
 */
public final class Reports {
    private final ReportQueries queries;
    private final WardSettingsStore settings;
    private final Clock clock;

    public Reports(Database db, WardSettingsStore settings, Clock clock) {
        this.queries = new ReportQueries(db);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The ward's time zone: the one its days are counted in. */
    public ZoneId zone(String wardId) {
        return settings.of(wardId).timeZone();
    }

    /** One ward, day by day. */
    public WardReport ward(WardRef ward, ReportPeriod period) {
        ZoneId zone = zone(ward.id());
        Instant now = clock.instant();
        Tally[] days = new Tally[period.days()];
        for (int i = 0; i < days.length; i++) {
            days[i] = new Tally();
        }
        queries.visitsOfWard(ward.id(), period.start(zone), period.end(zone), v -> {
            long day = ChronoUnit.DAYS.between(period.from(), LocalDate.ofInstant(v.startsAt(), zone));
            if (day >= 0 && day < days.length) {
                days[(int) day].add(v, now);
            }
        });
        Tally total = new Tally();
        List<WardReport.Day> out = new ArrayList<>();
        for (int i = 0; i < days.length; i++) {
            total.addAll(days[i]);
            out.add(new WardReport.Day(period.from().plusDays(i), days[i].figures()));
        }
        return new WardReport(ward, zone, period, out, total.figures());
    }

    /**
     * These wards over the period, a row each (in the order given), in one pass over the visits of every ward:
     * from the earliest midnight of {@code from} among their zones to the latest midnight after {@code to}, each
     * visit then counted only if it starts within its own ward's period.
     */
    public HospitalReport wards(List<WardRef> wards, ReportPeriod period) {
        Instant now = clock.instant();
        Map<String, Scope> scopes = new HashMap<>();
        Instant from = null;
        Instant to = null;
        for (WardRef w : wards) {
            ZoneId zone = zone(w.id());
            Scope s = new Scope(zone, period.start(zone), period.end(zone), new Tally());
            scopes.put(w.id(), s);
            from = from == null || s.from.isBefore(from) ? s.from : from;
            to = to == null || s.to.isAfter(to) ? s.to : to;
        }
        if (from != null) {
            queries.visitsOfEveryWard(from, to, v -> {
                Scope s = scopes.get(v.wardId());
                if (s != null && !v.startsAt().isBefore(s.from) && v.startsAt().isBefore(s.to)) {
                    s.tally.add(v, now);
                }
            });
        }
        Tally total = new Tally();
        List<HospitalReport.WardRow> rows = new ArrayList<>();
        for (WardRef w : wards) {
            Scope s = scopes.get(w.id());
            total.addAll(s.tally);
            rows.add(new HospitalReport.WardRow(w, s.zone, s.tally.figures()));
        }
        return new HospitalReport(period, rows, total.figures());
    }

    private record Scope(ZoneId zone, Instant from, Instant to, Tally tally) { }
}
