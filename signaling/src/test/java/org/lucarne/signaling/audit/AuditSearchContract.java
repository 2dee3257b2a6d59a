package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.TestBackend;

/**
 * The console's audit search over a trail of 1,000 entries (one every 20 minutes from 20 March 2026
 * in Paris, across the change of time on the 29th): every filter, the reader's scope, paging newest
 * first, and an index behind each filter. The trail is read only, so it is built once per class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditSearchContract {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Instant START = LocalDate.of(2026, 3, 20).atStartOfDay(PARIS).toInstant();
    static final int ENTRIES = 1_000;
    static final List<AuditAction> ACTIONS = List.of(AuditAction.PATIENT_VIEWED, AuditAction.VISIT_BOOKED,
            AuditAction.SIGN_IN, AuditAction.CALL_JOINED, AuditAction.INVITE_ISSUED);

    TestBackend backend;
    Database db;
    AuditSearch search;
    List<AuditEntry> all;

    protected abstract Dialect dialect();

    @BeforeAll
    void seed() {
        backend = TestBackend.create(dialect());
        db = Database.open(backend.settings());
        ManualClock clock = new ManualClock(START);
        AuditTrail trail = new AuditTrail(db, clock);
        db.inTransaction(c -> {
            for (int i = 0; i < ENTRIES; i++) {
                clock.set(START.plus(Duration.ofMinutes(20L * i)));
                AuditAction action = ACTIONS.get(i % ACTIONS.size());
                AuditEvent e = AuditEvent.of(i % 13 == 0 ? AuditEvent.CLI : AuditEvent.staff("u-" + i % 7), action,
                        i % 17 == 0 ? AuditOutcome.REFUSED : AuditOutcome.SUCCESS);
                if (action != AuditAction.SIGN_IN) {
                    e = e.ward("ward-" + i % 3).patient("p-" + i % 11).target("patient", "p-" + i % 11);
                }
                trail.append(c, e.from("192.0.2." + i % 200));
            }
            return null;
        });
        if (dialect() == Dialect.POSTGRESQL) {
            AuditRows.execute(db, "ANALYZE audit_entry");
        } else {
            AuditRows.execute(db, "ANALYZE");
        }
        search = new AuditSearch(db, PARIS);
        all = AuditRows.all(db);
    }

    @AfterAll
    void drop() {
        if (db != null) {
            db.close();
        }
        if (backend != null) {
            backend.close();
        }
    }

    static AuditQuery every() {
        return AuditQuery.newest(AuditScope.everyWard());
    }

    /** Every page of {@code q}, checking each page's size and cursor on the way. */
    List<AuditEntry> allPages(AuditQuery q) {
        List<AuditEntry> seen = new ArrayList<>();
        AuditQuery next = q;
        for (int pages = 0; pages <= ENTRIES; pages++) {
            AuditPage page = search.page(next);
            assertTrue(page.entries().size() <= q.limit());
            seen.addAll(page.entries());
            if (page.next().isEmpty()) {
                return seen;
            }
            assertEquals(q.limit(), page.entries().size(), "only a full page has a next one");
            assertEquals(page.entries().get(page.entries().size() - 1).seq(), page.next().getAsLong());
            next = next.before(page.next().getAsLong());
        }
        throw new AssertionError("paging does not end");
    }

    /** What {@code q} must find, worked out in Java from every entry. */
    List<AuditEntry> expected(AuditQuery q) {
        long from = q.from().map(d -> d.atStartOfDay(PARIS).toInstant().toEpochMilli()).orElse(Long.MIN_VALUE);
        long to = q.to().map(d -> d.plusDays(1).atStartOfDay(PARIS).toInstant().toEpochMilli()).orElse(Long.MAX_VALUE);
        return all.stream()
                .filter(e -> q.scope().allows(e.wardId()))
                .filter(e -> q.actor().map(e.actor()::equals).orElse(true))
                .filter(e -> q.wardId().map(w -> w.equals(e.wardId())).orElse(true))
                .filter(e -> q.patient().map(p -> p.equals(e.patientId())).orElse(true))
                .filter(e -> q.action().map(a -> a.stored().equals(e.action())).orElse(true))
                .filter(e -> e.at() >= from && e.at() < to)
                .filter(e -> q.before().isEmpty() || e.seq() < q.before().getAsLong())
                .sorted(Comparator.comparingLong(AuditEntry::seq).reversed())
                .toList();
    }

    void assertFinds(AuditQuery q, int expectedCount) {
        List<AuditEntry> found = allPages(q);
        assertEquals(expected(q), found);
        assertEquals(expectedCount, found.size());
    }

    @Test
    void everyEntryNewestFirstPageByPage() {
        List<AuditEntry> found = allPages(every().limit(200));
        assertEquals(ENTRIES, found.size());
        assertEquals(ENTRIES, found.get(0).seq());
        assertEquals(1, found.get(ENTRIES - 1).seq());
        assertEquals(expected(every()), found);
    }

    @Test
    void firstPageIsTheNewestWithTheCursorOfTheNext() {
        AuditPage page = search.page(every().limit(3));
        assertEquals(List.of(1000L, 999L, 998L), page.entries().stream().map(AuditEntry::seq).toList());
        assertEquals(998L, page.next().getAsLong());
        AuditPage second = search.page(every().limit(3).before(998));
        assertEquals(List.of(997L, 996L, 995L), second.entries().stream().map(AuditEntry::seq).toList());
    }

    @Test
    void lastPageHasNoNext() {
        AuditPage page = search.page(every().limit(10).before(4));
        assertEquals(List.of(3L, 2L, 1L), page.entries().stream().map(AuditEntry::seq).toList());
        assertTrue(page.next().isEmpty());
    }

    @Test
    void pageThatExactlyEndsTheResultsHasNoNext() {
        AuditPage page = search.page(every().limit(5).before(6));
        assertEquals(5, page.entries().size());
        assertTrue(page.next().isEmpty());
    }

    @Test
    void filtersByActor() {
        assertFinds(every().actor("staff:u-3").limit(37), 132);
    }

    @Test
    void filtersByCommandLineActor() {
        assertFinds(every().actor("cli").limit(50), 77);
    }

    @Test
    void filtersByWard() {
        assertFinds(every().ward("ward-1").limit(41), 266);
    }

    @Test
    void filtersByPatient() {
        assertFinds(every().patient("p-4").limit(13), 73);
    }

    @Test
    void filtersByAction() {
        assertFinds(every().action(AuditAction.SIGN_IN).limit(200), 200);
    }

    @Test
    void filtersByDaysInTheHospitalsTimeZone() {
        // 28 March has 24 hours in Paris, the 29th 23 (the clocks go forward): 72 and 69 entries.
        assertFinds(every().from(LocalDate.of(2026, 3, 28)).to(LocalDate.of(2026, 3, 28)), 72);
        assertFinds(every().from(LocalDate.of(2026, 3, 29)).to(LocalDate.of(2026, 3, 29)), 69);
        assertFinds(every().from(LocalDate.of(2026, 3, 28)).to(LocalDate.of(2026, 3, 29)).limit(200), 141);
    }

    @Test
    void filtersFromADayOnAndUpToADay() {
        assertFinds(every().from(LocalDate.of(2026, 4, 1)).limit(200), expected(every().from(LocalDate.of(2026, 4, 1))).size());
        assertFinds(every().to(LocalDate.of(2026, 3, 20)).limit(200), 72);
    }

    @Test
    void combinesFilters() {
        AuditQuery q = every().actor("staff:u-2").ward("ward-0").action(AuditAction.PATIENT_VIEWED)
                .from(LocalDate.of(2026, 3, 21)).to(LocalDate.of(2026, 3, 31)).limit(2);
        List<AuditEntry> found = allPages(q);
        assertEquals(expected(q), found);
        assertFalse(found.isEmpty());
    }

    @Test
    void wardScopeShowsOnlyThoseWardsEntries() {
        AuditScope scope = AuditScope.wards(Set.of("ward-0", "ward-2"));
        AuditQuery q = AuditQuery.newest(scope).limit(97);
        List<AuditEntry> found = allPages(q);
        assertEquals(expected(q), found);
        assertEquals(534, found.size());
        assertTrue(found.stream().allMatch(e -> Set.of("ward-0", "ward-2").contains(e.wardId())));
    }

    @Test
    void wardScopeHidesEntriesOfNoWard() {
        AuditQuery q = AuditQuery.newest(AuditScope.wards(Set.of("ward-1"))).action(AuditAction.SIGN_IN);
        assertEquals(List.of(), search.page(q).entries());
    }

    @Test
    void wardScopeCombinesWithFilters() {
        AuditQuery q = AuditQuery.newest(AuditScope.wards(Set.of("ward-1"))).actor("staff:u-5")
                .action(AuditAction.CALL_JOINED).limit(4);
        List<AuditEntry> found = allPages(q);
        assertEquals(expected(q), found);
        assertFalse(found.isEmpty());
    }

    @Test
    void wardOutsideTheScopeFindsNothing() {
        AuditPage page = search.page(AuditQuery.newest(AuditScope.wards(Set.of("ward-1"))).ward("ward-2"));
        assertEquals(List.of(), page.entries());
        assertTrue(page.next().isEmpty());
    }

    @Test
    void wardInsideTheScopeIsFiltered() {
        assertFinds(AuditQuery.newest(AuditScope.wards(Set.of("ward-1", "ward-2"))).ward("ward-2").limit(100), 266);
    }

    @Test
    void emptyScopeFindsNothing() {
        assertEquals(List.of(), search.page(AuditQuery.newest(AuditScope.wards(Set.of()))).entries());
    }

    @Test
    void unknownValuesFindNothing() {
        assertEquals(List.of(), search.page(every().actor("staff:nobody")).entries());
        assertEquals(List.of(), search.page(every().patient("p-99")).entries());
    }

    @Test
    void limitOutsideOneToTwoHundredRefused() {
        assertEquals("limit must be between 1 and 200, not 0",
                assertThrows(IllegalArgumentException.class, () -> every().limit(0)).getMessage());
        assertEquals("limit must be between 1 and 200, not 201",
                assertThrows(IllegalArgumentException.class, () -> every().limit(201)).getMessage());
        assertEquals(200, search.page(every().limit(200)).entries().size());
    }

    @Test
    void lastDayBeforeFirstDayRefused() {
        assertEquals("to 2026-03-01 is before from 2026-03-31: give the first day, then the last",
                assertThrows(IllegalArgumentException.class,
                        () -> every().from(LocalDate.of(2026, 3, 31)).to(LocalDate.of(2026, 3, 1))).getMessage());
    }

    @Test
    void cursorBelowOneRefused() {
        assertEquals("before must be an entry number from 1, not 0",
                assertThrows(IllegalArgumentException.class, () -> every().before(0)).getMessage());
    }

    @Test
    void emptyFilterRefused() {
        assertEquals("actor is empty: leave it out to see every actor",
                assertThrows(IllegalArgumentException.class, () -> every().actor(" ")).getMessage());
    }

    // ---- indexes

    @Test
    void eachFilterIsAnsweredFromItsIndex() {
        assertUsesIndex(every().actor("staff:u-3"), "audit_entry_actor");
        assertUsesIndex(every().ward("ward-1"), "audit_entry_ward");
        assertUsesIndex(every().patient("p-4"), "audit_entry_patient");
        assertUsesIndex(AuditQuery.newest(AuditScope.wards(Set.of("ward-0", "ward-2"))), "audit_entry_ward");
        assertUsesIndex(AuditQuery.newest(AuditScope.wards(Set.of("ward-0"))).actor("staff:u-3"), "audit_entry_");
        assertUsesIndex(every().from(LocalDate.of(2026, 3, 28)).to(LocalDate.of(2026, 3, 28)), "");
        assertUsesIndex(every().action(AuditAction.SIGN_IN).before(500), "");
        assertUsesIndex(every().before(500), "");
    }

    /** The plan reads an index (whose name contains {@code index}), never the whole table. */
    void assertUsesIndex(AuditQuery q, String index) {
        List<String> plan = plan(search.sql(q));
        String text = String.join("\n", plan);
        if (dialect() == Dialect.SQLITE) {
            assertTrue(plan.stream().noneMatch(line -> line.matches("SCAN audit_entry\\s*")), text);
            assertTrue(text.contains("INDEX " + index), text);
        } else {
            assertFalse(text.contains("Seq Scan"), text);
            assertTrue(text.contains("Index") && text.contains(index.isEmpty() ? "audit_entry" : index), text);
        }
    }

    List<String> plan(AuditSearch.Sql sql) {
        return db.inTransaction(c -> {
            if (dialect() == Dialect.POSTGRESQL) {
                try (Statement st = c.createStatement()) {
                    // Whether an index can answer the filter: on 1,000 rows the planner would rather walk the
                    // primary key or read them all, so leave it only the indexes that match a condition.
                    st.execute("SET LOCAL enable_seqscan = off");
                    st.execute("SET LOCAL enable_indexscan = off");
                }
            }
            String explain = (dialect() == Dialect.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + sql.text();
            List<String> lines = new ArrayList<>();
            try (var ps = AuditSearch.prepare(c, explain, sql.params()); ResultSet rs = ps.executeQuery()) {
                Function<ResultSet, String> column = r -> {
                    try {
                        return dialect() == Dialect.SQLITE ? r.getString("detail") : r.getString(1);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException(e);
                    }
                };
                while (rs.next()) {
                    lines.add(column.apply(rs));
                }
            }
            return lines;
        });
    }
}
