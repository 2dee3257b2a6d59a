package org.lucarne.signaling.report;

import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.ward.WardSettings;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.ManualClock;

/**
 * Wards for the report tests: {@code a} in Europe/Paris (its settings), {@code b} without settings (the hospital's
 * zone, UTC); each with {@code beds} beds, a patient and a tablet at each ({@code a-patient-0}, {@code a-tablet-0}…).
 * Visits are written as the call focus and booking leave them, straight into the table.
 */
final class ReportRows {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId HOSPITAL = ZoneId.of("UTC");
    private static final PersonalData KEYS = SealedRows.newKeys();

    final Database db;
    final ManualClock clock;
    private int next;

    ReportRows(Database db, ManualClock clock, int beds) {
        this.db = db;
        this.clock = clock;
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                for (String w : new String[] {"a", "b"}) {
                    st.executeUpdate("INSERT INTO ward (id, name) VALUES ('" + w + "', 'Ward " + w.toUpperCase() + "')");
                    for (int i = 0; i < beds; i++) {
                        st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('" + w + "-bed-" + i + "', '" + w
                                + "', 'Bed " + i + "')");
                        SealedRows.patient(c, KEYS, w + "-patient-" + i, w + "-bed-" + i, "Patient " + i);
                        st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('" + w + "-tablet-"
                                + i + "', '" + w + "-bed-" + i + "', 'T" + i + "', 0)");
                    }
                }
            }
            new WardSettingsStore(db, clock, HOSPITAL).save(c, "a", WardSettings.defaults(PARIS), "system");
            return null;
        });
    }

    /** What became of a visit, as its row keeps it. */
    record Outcome(Instant endedAt, VisitEndReason reason, Instant firstJoinedAt, Instant callStartedAt) {
        static final Outcome NONE = new Outcome(null, null, null, null);

        static Outcome cancelledAt(Instant at) {
            return new Outcome(at, VisitEndReason.CANCELLED, null, null);
        }

        /** Someone came at the start and the call had two people {@code minutes} before the end of a 30-minute slot. */
        static Outcome call(Instant start, int minutes) {
            return new Outcome(null, null, start, start.plus(Duration.ofMinutes(30 - minutes)));
        }
    }

    /** A visit of 30 minutes of {@code <ward>-patient-<bed>} from {@code start}; its id. */
    String visit(String ward, int bed, Instant start, Outcome o) {
        String id = "v" + next++;
        db.inTransaction(c -> {
            insert(c.prepareStatement(INSERT), id, ward, bed, start, o);
            return null;
        });
        return id;
    }

    /** {@code n} visits of 30 minutes in the ward, one every {@code every} from {@code from}, over its beds; one transaction. */
    void visits(String ward, int beds, Instant from, Duration every, int n) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT)) {
                for (int i = 0; i < n; i++) {
                    Instant start = from.plus(every.multipliedBy(i));
                    bind(ps, "v" + next++, ward, i % beds, start, i % 3 == 0 ? Outcome.call(start, 20) : Outcome.NONE);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    private static final String INSERT = "INSERT INTO visit (id, patient_id, tablet_id, starts_at, ends_at, auto_answer,"
            + " created_at, ended_at, end_reason, first_joined_at, call_started_at) VALUES (?, ?, ?, ?, ?, FALSE, 0, ?, ?, ?, ?)";

    private static void insert(PreparedStatement ps, String id, String ward, int bed, Instant start, Outcome o)
            throws java.sql.SQLException {
        try (ps) {
            bind(ps, id, ward, bed, start, o);
            ps.executeUpdate();
        }
    }

    private static void bind(PreparedStatement ps, String id, String ward, int bed, Instant start, Outcome o)
            throws java.sql.SQLException {
        ps.setString(1, id);
        ps.setString(2, ward + "-patient-" + bed);
        ps.setString(3, ward + "-tablet-" + bed);
        ps.setLong(4, start.toEpochMilli());
        ps.setLong(5, start.plus(Duration.ofMinutes(30)).toEpochMilli());
        ps.setObject(6, o.endedAt() == null ? null : o.endedAt().toEpochMilli(), java.sql.Types.BIGINT);
        ps.setString(7, o.reason() == null ? null : o.reason().stored());
        ps.setObject(8, o.firstJoinedAt() == null ? null : o.firstJoinedAt().toEpochMilli(), java.sql.Types.BIGINT);
        ps.setObject(9, o.callStartedAt() == null ? null : o.callStartedAt().toEpochMilli(), java.sql.Types.BIGINT);
    }
}
