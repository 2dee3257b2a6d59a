package org.lucarne.signaling.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.report.ReportRows.Outcome;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.ward.WardRef;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.ManualClock;

/** The reports on a real database: each visit on its ward's day, the figures, and queries that read indexes. */
abstract class ReportsContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-30T08:00:00Z");
    static final WardRef A = new WardRef("a", "Ward A");
    static final WardRef B = new WardRef("b", "Ward B");

    final ManualClock clock = new ManualClock(NOW);

    Reports reports() {
        return new Reports(db, new WardSettingsStore(db, clock, ReportRows.HOSPITAL), clock);
    }

    static ReportPeriod period(String from, String to) {
        return new ReportPeriod(LocalDate.parse(from), LocalDate.parse(to));
    }

    @Test
    void eachVisitCountsOnTheDayItStartsInItsWardsTimeZone() {
        ReportRows rows = new ReportRows(db, clock, 2);
        // 2026-03-29, the day Paris goes to summer time: from 2026-03-28T23:00Z to 2026-03-29T22:00Z.
        Instant midnightThirty = Instant.parse("2026-03-28T23:30:00Z");
        rows.visit("a", 0, midnightThirty, Outcome.call(midnightThirty, 20));
        Instant ten = Instant.parse("2026-03-29T08:00:00Z");
        rows.visit("a", 0, ten, Outcome.call(ten, 10));
        rows.visit("a", 1, ten, Outcome.cancelledAt(ten.minus(Duration.ofDays(1))));
        rows.visit("a", 1, Instant.parse("2026-03-29T12:00:00Z"), Outcome.NONE);                 // no-show
        rows.visit("a", 0, Instant.parse("2026-03-27T23:30:00Z"), Outcome.NONE);                 // the 28th in Paris
        rows.visit("a", 0, Instant.parse("2026-03-30T07:45:00Z"), Outcome.NONE);                 // under way
        rows.visit("a", 1, Instant.parse("2026-03-30T15:00:00Z"), Outcome.NONE);                 // to come
        rows.visit("a", 1, Instant.parse("2026-03-30T22:30:00Z"), Outcome.NONE);                 // the 31st in Paris
        rows.visit("b", 0, ten, Outcome.call(ten, 25));                                          // another ward

        WardReport r = reports().ward(A, period("2026-03-28", "2026-03-30"));
        assertEquals(ReportRows.PARIS, r.zone());
        assertEquals(List.of(LocalDate.parse("2026-03-28"), LocalDate.parse("2026-03-29"), LocalDate.parse("2026-03-30")),
                r.days().stream().map(WardReport.Day::date).toList());
        Figures d28 = r.days().get(0).figures();
        assertEquals(1, d28.booked());
        assertEquals(1, d28.noShow());
        Figures d29 = r.days().get(1).figures();
        assertEquals(new Figures(4, 0, 0, 2, 1, 1, 2, OptionalLong.of(15 * 60), OptionalLong.of(15 * 60)), d29);
        assertEquals(OptionalDouble.of(0.5), d29.completedRate());
        Figures d30 = r.days().get(2).figures();
        assertEquals(2, d30.booked());
        assertEquals(1, d30.ready(), "under way at 08:00 UTC");
        assertEquals(1, d30.scheduled());
        assertEquals(new Figures(7, 1, 1, 2, 1, 2, 2, OptionalLong.of(15 * 60), OptionalLong.of(15 * 60)), r.totals());
        assertEquals(OptionalDouble.of(0.4), r.totals().completedRate());
        assertEquals(OptionalDouble.of(0.2), r.totals().cancelledRate());
        assertEquals(OptionalDouble.of(0.4), r.totals().noShowRate());
    }

    @Test
    void aPeriodWithoutVisitsListsEveryDayWithZeros() {
        new ReportRows(db, clock, 1);
        WardReport r = reports().ward(B, period("2026-02-01", "2026-02-28"));
        assertEquals(28, r.days().size());
        assertEquals(0, r.totals().booked());
        assertTrue(r.totals().completedRate().isEmpty());
        assertEquals(ReportRows.HOSPITAL, r.zone(), "a ward without settings: the hospital's zone");
    }

    @Test
    void severalWardsARowEachOverTheirOwnDays() {
        ReportRows rows = new ReportRows(db, clock, 1);
        rows.visit("a", 0, Instant.parse("2026-03-28T23:30:00Z"), Outcome.NONE);   // the 29th in Paris
        rows.visit("b", 0, Instant.parse("2026-03-28T23:30:00Z"), Outcome.NONE);   // the 28th in UTC
        rows.visit("b", 0, Instant.parse("2026-03-29T23:30:00Z"), Outcome.NONE);   // the 29th in UTC
        rows.visit("a", 0, Instant.parse("2026-03-29T22:30:00Z"), Outcome.NONE);   // the 30th in Paris

        HospitalReport r = reports().wards(List.of(A, B), period("2026-03-29", "2026-03-29"));
        assertEquals(List.of(A, B), r.wards().stream().map(HospitalReport.WardRow::ward).toList());
        assertEquals(1, r.wards().get(0).figures().booked());
        assertEquals(ReportRows.PARIS, r.wards().get(0).zone());
        assertEquals(1, r.wards().get(1).figures().booked());
        assertEquals(2, r.totals().booked());
        assertEquals(0, reports().wards(List.of(), period("2026-03-29", "2026-03-29")).totals().booked());
    }

    /** A ward's month out of a year of visits: its index ranges, never the whole table. */
    @Test
    void theReportsQueriesReadIndexesNotTheWholeVisitTable() {
        ReportRows rows = new ReportRows(db, clock, 20);
        Instant yearAgo = NOW.minus(Duration.ofDays(365));
        Duration every = Duration.ofMinutes(350); // 1,500 visits a ward over 364 days
        rows.visits("a", 20, yearAgo, every, 1500);
        rows.visits("b", 20, yearAgo.plus(Duration.ofMinutes(30)), every, 1500);
        analyze();
        long from = NOW.minus(Duration.ofDays(30)).toEpochMilli();
        long to = NOW.toEpochMilli();
        assertUsesIndexes(plan(ReportQueries.OF_WARD, "a", from, to), "visit", "v");
        assertUsesIndexes(plan(ReportQueries.OF_EVERY_WARD, from, to), "visit", "v");
        WardReport month = reports().ward(A, period("2026-02-28", "2026-03-29"));
        assertEquals(30, month.days().size());
        assertTrue(month.totals().booked() > 100, "a month of the ward's visits: " + month.totals().booked());
    }

    void analyze() {
        if (dialect() == Dialect.POSTGRESQL) {
            db.inTransaction(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("ANALYZE");
                }
                return null;
            });
        }
    }

    /** The plan of {@code sql}, one line per step. */
    List<String> plan(String sql, Object... params) {
        return db.inTransaction(c -> {
            List<String> lines = new ArrayList<>();
            String explain = (dialect() == Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql;
            try (PreparedStatement ps = c.prepareStatement(explain)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setObject(i + 1, params[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.add(dialect() == Dialect.SQLITE ? rs.getString("detail") : rs.getString(1));
                    }
                }
            }
            return lines;
        });
    }

    /** No step reads {@code table} (as {@code alias}) whole: SQLite {@code SCAN v}, PostgreSQL {@code Seq Scan on visit}. */
    void assertUsesIndexes(List<String> plan, String table, String alias) {
        String text = String.join("\n", plan);
        if (dialect() == Dialect.SQLITE) {
            assertFalse(plan.stream().anyMatch(l -> l.strip().startsWith("SCAN " + alias)), text);
            assertTrue(text.contains("INDEX"), text);
        } else {
            assertFalse(text.contains("Seq Scan on " + table), text);
            assertTrue(text.contains("Index"), text);
        }
    }
}
