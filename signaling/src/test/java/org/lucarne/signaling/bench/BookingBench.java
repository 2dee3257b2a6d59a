package org.lucarne.signaling.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongSupplier;
import org.lucarne.signaling.booking.Bookings;
import org.lucarne.signaling.booking.Slot;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.Dialect;
import org.lucarne.signaling.storage.TestBackend;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.Percentiles;

/**
 * The booking benchmark (docs/benchmarks/booking.md): one ward of {@code --tablets} tablets (beds,
 * patients, a family contact each) in a real server, on SQLite and on PostgreSQL, measured first with no
 * visit at all (the baseline) and then with {@code --visits} visits in the database, past and future:
 * <ul>
 *   <li>the next-free-slot search ({@code Bookings.nextFree}: three slots of 30 minutes from a random
 *       instant of the next 60 days, what a refusal suggests), in the server's process;</li>
 *   <li>a booking, {@code POST /api/visits} with one contact invited, over HTTPS as the console sends it
 *       (session, CSRF, policy, rules, the visit, its invite and audit entries in one transaction);</li>
 *   <li>the console's day, {@code GET /api/wards/{id}/visits} for today, over HTTPS.</li>
 * </ul>
 * and, with visits, once more with the indexes as they were before V012 ({@code visit_patient} on the patient
 * alone instead of {@code visit_patient_starts} on the patient and the start), to show what it does.
 *
 * <pre>./lucarne bench booking [--db sqlite|postgresql|both] [--visits 100000] [--tablets 40] [--samples 1000]</pre>
 */
public final class BookingBench {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final String WARD = "bench";
    static final int[] HOURS = {8, 10, 12, 14, 16, 18};
    static final Duration LENGTH = Duration.ofMinutes(30);
    static final int WARMUP = 200;

    private final TestServer server;
    private final StaffClient nurse;
    private final int tablets;
    private final int samples;
    private final Random random = new Random(42);

    private BookingBench(TestServer server, StaffClient nurse, int tablets, int samples) {
        this.server = server;
        this.nurse = nurse;
        this.tablets = tablets;
        this.samples = samples;
    }

    /** One measured phase: percentiles in nanoseconds of each operation, and this JVM's GC pauses meanwhile. */
    record Row(String database, String data, Percentiles search, Percentiles inProcess, Percentiles booking,
               Percentiles day, int refused, GcPauses gc) {
    }

    public static void main(String[] args) throws Exception {
        String which = option(args, "--db", "both");
        int visits = intOption(args, "--visits", 100_000, 10_000_000);
        int tablets = intOption(args, "--tablets", 40, 1000);
        int samples = intOption(args, "--samples", 1000, 100_000);
        List<Row> rows = new ArrayList<>();
        String loadBefore = loadAverage();
        for (Dialect d : List.of(Dialect.SQLITE, Dialect.POSTGRESQL)) {
            if (which.equals("both") || which.equals(d == Dialect.SQLITE ? "sqlite" : "postgresql")) {
                rows.addAll(run(d, visits, tablets, samples));
            }
        }
        report(rows, visits, tablets, samples);
        System.out.printf(Locale.ROOT, "Load average (1, 5, 15 min) before: %s; after: %s%n", loadBefore, loadAverage());
    }

    /** What else the machine was doing: {@code /proc/loadavg}'s first three fields (on 2 cores, 2 is full). */
    private static String loadAverage() {
        try {
            String[] f = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<Row> run(Dialect dialect, int visits, int tablets, int samples) {
        String name = dialect == Dialect.SQLITE ? "SQLite" : "PostgreSQL";
        Map<String, String> env = new HashMap<>();
        TestBackend backend = dialect == Dialect.POSTGRESQL ? TestBackend.postgres() : null;
        if (backend != null) {
            env.put("LUCARNE_DB_URL", backend.settings().jdbcUrl());
            env.put("LUCARNE_DB_USER", backend.settings().user());
            env.put("LUCARNE_DB_PASSWORD", backend.settings().password());
        }
        List<Row> rows = new ArrayList<>();
        try (TestServer server = TestServer.start(env)) {
            seedWard(server, tablets);
            StaffFixture.Member m = new StaffFixture(server).member("bench-nurse", Role.NURSE, WARD);
            StaffClient nurse = new StaffClient(server);
            nurse.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), Clock.systemUTC());
            BookingBench bench = new BookingBench(server, nurse, tablets, samples);
            progress("%s: the baseline, no visit in the database", name);
            rows.add(bench.measure(name, "no visit (baseline)"));
            progress("%s: writing %,d visits", name, visits);
            seedVisits(server.server().database(), tablets, visits);
            settle(server.server().database(), backend);
            rows.add(bench.measure(name, String.format(Locale.ROOT, "%,d visits", visits)));
            progress("%s: the same with the indexes before V012", name);
            // The indexes as they were before V012.
            exec(server.server().database(), "CREATE INDEX visit_patient ON visit (patient_id)");
            exec(server.server().database(), "DROP INDEX visit_patient_starts");
            settle(server.server().database(), backend);
            rows.add(bench.measure(name, String.format(Locale.ROOT, "%,d visits, before V012", visits)));
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
        return rows;
    }

    private Row measure(String database, String data) {
        Bookings bookings = server.server().staff().bookings();
        Instant now = Instant.now();
        LongSupplier search = () -> {
            String patient = "bench-patient-" + random.nextInt(tablets);
            Instant from = now.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            long t0 = System.nanoTime();
            List<Slot> free = bookings.nextFree(patient, Optional.empty(), from, LENGTH, 3);
            long t = System.nanoTime() - t0;
            if (free.size() != 3) {
                throw new IllegalStateException("the search found " + free.size() + " slots, not 3");
            }
            return t;
        };
        int[] refused = {0};
        LongSupplier bookInProcess = () -> {
            int i = random.nextInt(tablets);
            Instant from = now.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            Slot slot = bookings.nextFree("bench-patient-" + i, Optional.empty(), from, LENGTH, 1).get(0);
            long t0 = System.nanoTime();
            bookings.book(new Bookings.Request("bench-patient-" + i, Optional.empty(), slot.start(), LENGTH,
                    List.of("bench-contact-" + i)), "staff:bench", "127.0.0.1");
            return System.nanoTime() - t0;
        };
        LongSupplier book = () -> {
            int i = random.nextInt(tablets);
            Instant from = now.plus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
            Slot slot = bookings.nextFree("bench-patient-" + i, Optional.empty(), from, LENGTH, 1).get(0);
            String body = "{\"patient\":\"bench-patient-" + i + "\",\"start\":" + slot.start().toEpochMilli()
                    + ",\"length\":30,\"contacts\":[\"bench-contact-" + i + "\"]}";
            long t0 = System.nanoTime();
            StaffClient.Answer a = nurse.post("/api/visits", body);
            long t = System.nanoTime() - t0;
            if (a.status() == 409) {
                refused[0]++;
            } else if (a.status() != 201) {
                throw new IllegalStateException("booking answered " + a);
            }
            return t;
        };
        LongSupplier day = () -> {
            long t0 = System.nanoTime();
            StaffClient.Answer a = nurse.get("/api/wards/" + WARD + "/visits");
            long t = System.nanoTime() - t0;
            JsonNode visits = a.json() == null ? null : a.json().get("visits");
            if (a.status() != 200 || visits == null) {
                throw new IllegalStateException("the day answered " + a);
            }
            return t;
        };
        GcPauses gc = GcPauses.ofThisJvm();
        progress("  %s: next free slots", data);
        Percentiles s = sample(search, samples);
        progress("  %s: bookings in the server's process", data);
        Percentiles p = sample(bookInProcess, Math.max(100, samples / 2));
        progress("  %s: bookings over HTTPS", data);
        Percentiles b = sample(book, Math.max(100, samples / 2));
        progress("  %s: the day's visits", data);
        Percentiles d = sample(day, samples);
        return new Row(database, data, s, p, b, d, refused[0], GcPauses.ofThisJvm().since(gc));
    }

    private static Percentiles sample(LongSupplier op, int n) {
        for (int i = 0; i < WARMUP; i++) {
            op.getAsLong();
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = op.getAsLong();
        }
        return Percentiles.of(out);
    }

    /** The ward, Europe/Paris, visits 08:00–22:00 of 15 to 60 minutes, 15 minutes of cleaning, 48 a day at most. */
    private static void seedWard(TestServer server, int tablets) {
        Database db = server.server().database();
        PersonalData personal = server.server().personalData();
        Map<DayOfWeek, List<WardSettings.Span>> hours = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            hours.put(d, List.of(new WardSettings.Span(8 * 60, 22 * 60)));
        }
        WardSettings settings = new WardSettings(PARIS, hours, List.of(Duration.ofMinutes(15), LENGTH,
                Duration.ofMinutes(45), Duration.ofMinutes(60)), Duration.ofMinutes(15), WardSettings.MAX_DAILY_CAP,
                List.of());
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('" + WARD + "', 'Bench ward')");
                for (int i = 0; i < tablets; i++) {
                    st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('bench-bed-" + i + "', '" + WARD
                            + "', 'Bed " + i + "')");
                    st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('bench-tablet-" + i
                            + "', 'bench-bed-" + i + "', 'Tablet " + i + "', 0)");
                    SealedRows.patient(c, personal, "bench-patient-" + i, "bench-bed-" + i, "Patient " + i);
                    SealedRows.contact(c, personal, "bench-contact-" + i, "bench-patient-" + i, "Contact " + i,
                            Clock.systemUTC().millis());
                }
            }
            new WardSettingsStore(db, Clock.systemUTC(), PARIS).save(c, WARD, settings, "system");
            return null;
        });
    }

    /**
     * {@code count} visits: each tablet's at 08:00, 10:00, … 18:00 (an hour each), day after day from 300
     * days ago on; one in ten of the past ones cancelled, the others with a visitor.
     */
    private static void seedVisits(Database db, int tablets, int count) {
        Random r = new Random(7);
        LocalDate first = LocalDate.now(PARIS).minusDays(300);
        long now = System.currentTimeMillis();
        int written = 0;
        for (LocalDate day = first; written < count; day = day.plusDays(1)) {
            LocalDate d = day;
            int done = written;
            written += db.inTransaction(c -> {
                int n = 0;
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit (id, patient_id, tablet_id, starts_at,"
                        + " ends_at, auto_answer, created_at, ended_at, end_reason, booked_by, first_joined_at)"
                        + " VALUES (?, ?, ?, ?, ?, FALSE, ?, ?, ?, 'system', ?)")) {
                    for (int t = 0; t < tablets && done + n < count; t++) {
                        for (int h = 0; h < HOURS.length && done + n < count; h++) {
                            long start = d.atTime(HOURS[h], 0).atZone(PARIS).toInstant().toEpochMilli();
                            boolean past = start < now;
                            boolean cancelled = past && r.nextInt(10) == 0;
                            ps.setString(1, "bench-" + (done + n));
                            ps.setString(2, "bench-patient-" + t);
                            ps.setString(3, "bench-tablet-" + t);
                            ps.setLong(4, start);
                            ps.setLong(5, start + 3_600_000L);
                            ps.setLong(6, start - 86_400_000L);
                            ps.setObject(7, cancelled ? start - 3_600_000L : null, java.sql.Types.BIGINT);
                            ps.setString(8, cancelled ? "cancelled" : null);
                            ps.setObject(9, past && !cancelled ? start + 60_000L : null, java.sql.Types.BIGINT);
                            ps.addBatch();
                            n++;
                        }
                    }
                    ps.executeBatch();
                }
                return n;
            });
        }
    }

    /**
     * After the bulk writes, what a running database does by itself before anyone books: SQLite copies its
     * write-ahead log into the database (a checkpoint, at every 1,000 pages); PostgreSQL's autovacuum
     * vacuums and analyzes the table. SQLite keeps no statistics unless asked, and Lucarne does not ask.
     */
    private static void settle(Database db, TestBackend backend) {
        if (backend == null) {
            db.scrub(List.of()); // on SQLite: PRAGMA wal_checkpoint(TRUNCATE), outside any transaction
            return;
        }
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", backend.settings().user());
        p.setProperty("password", backend.settings().password());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(backend.settings().jdbcUrl(), p);
             Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE visit");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE visit failed: " + e.getMessage(), e);
        }
    }

    private static void exec(Database db, String sql) {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    private static void report(List<Row> rows, int visits, int tablets, int samples) {
        System.out.printf(Locale.ROOT, "%nBooking, %d tablets; %d searches, %d bookings of each kind and %d day requests"
                        + " a phase (after %d of each to warm up); milliseconds%n%n", tablets, samples,
                Math.max(100, samples / 2), samples, WARMUP);
        System.out.println("| database | visits in the database | next free slots p50 / p99 | booking in the server"
                + " p50 / p99 | booking, POST /api/visits p50 / p99 | the day's visits p50 / p99 | GC pauses: count, total |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        for (Row r : rows) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d, %.0f ms |%n", r.database(), r.data(),
                    ms(r.search()), ms(r.inProcess()),
                    ms(r.booking()) + (r.refused() > 0 ? " (" + r.refused() + " refused)" : ""), ms(r.day()),
                    r.gc().count(), r.gc().totalMillis());
        }
        boolean met = rows.stream().filter(r -> !r.data().contains("before") && !r.data().contains("baseline"))
                .allMatch(r -> r.search().at(99) < 20_000_000L && r.inProcess().at(99) < 20_000_000L
                        && r.booking().at(99) < 20_000_000L
                        && r.day().at(99) < 20_000_000L);
        System.out.printf(Locale.ROOT, "%nGoal, p99 under 20 ms for each with %,d visits: %s%n", visits,
                met ? "met" : "MISSED");
        System.out.printf(Locale.ROOT, "Machine: %d processors, Java %s, %s %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    private static String ms(Percentiles p) {
        return String.format(Locale.ROOT, "%.2f / %.2f", p.at(50) / 1e6, p.at(99) / 1e6);
    }

    private static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, format + "%n", args);
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intOption(String[] args, String name, int fallback, int max) {
        String v = option(args, name, null);
        if (v == null) {
            return fallback;
        }
        int n = Integer.parseInt(v);
        if (n < 1 || n > max) {
            throw new IllegalArgumentException(name + " must be 1 to " + max + ", not " + n);
        }
        return n;
    }
}
