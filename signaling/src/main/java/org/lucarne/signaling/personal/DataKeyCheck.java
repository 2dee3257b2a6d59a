package org.lucarne.signaling.personal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.lucarne.signaling.storage.Database;

/**
 * Binds a key file to a database at start. The database records which key seals its personal data
 * (table {@code data_key}: the key's id and check value), so a server given another key file stops
 * with a message instead of failing on the first name it reads, and a rotation interrupted between
 * its database transaction and its key file is finished (or forgotten) here.
 */
public final class DataKeyCheck {
    private DataKeyCheck() {
    }

    /**
     * The server's {@link PersonalData}: the key file's ring once checked against the database. A new
     * database gets the file's current key (a new file with a new key when there is none yet).
     *
     * @throws PersonalDataException when the file is missing for a database that has personal data,
     *                               or holds other keys than the database was sealed with
     */
    public static PersonalData open(Database db, KeyFile file, SecureRandom random, Clock clock) {
        Optional<Recorded> recorded = db.inTransaction(DataKeyCheck::recorded);
        if (recorded.isPresent() && !file.exists()) {
            throw new PersonalDataException("the data key file " + file.path().toAbsolutePath().normalize()
                    + " is missing, and this database's personal data is sealed with data key " + recorded.get().keyId()
                    + ". Restore the key file from your backup (docs/operations.md, \"Keys\")");
        }
        DataKeyRing ring = file.loadOrCreate(random);
        DataKeyRing checked = reconcile(db, file, ring, recorded, clock);
        return new PersonalData(checked, random);
    }

    private static DataKeyRing reconcile(Database db, KeyFile file, DataKeyRing ring, Optional<Recorded> recorded,
                                         Clock clock) {
        if (recorded.isEmpty()) {
            DataKeyRing settled = ring.pending().isPresent() ? ring.dropPending() : ring;
            db.inTransaction(c -> record(c, settled.currentKey(), clock));
            if (settled != ring) {
                file.save(settled);
            }
            return settled;
        }
        Recorded r = recorded.get();
        if (r.keyId().equals(ring.current())) {
            requireSame(ring.currentKey(), r, file);
            if (ring.pending().isPresent()) {
                DataKeyRing settled = ring.dropPending(); // the rotation's transaction never committed
                file.save(settled);
                return settled;
            }
            return ring;
        }
        if (ring.pending().filter(r.keyId()::equals).isPresent()) {
            requireSame(ring.pendingKey().orElseThrow(), r, file);
            DataKeyRing settled = ring.promotePending(); // committed, but the file was not rewritten
            file.save(settled);
            return settled;
        }
        throw new PersonalDataException("this database's personal data is sealed with data key " + r.keyId()
                + ", but the key file " + file.path().toAbsolutePath().normalize() + " holds " + ring.keys().keySet()
                + ". Start Lucarne with the key file that goes with this database (restore it from your backup;"
                + " docs/operations.md, \"Keys\")");
    }

    private static void requireSame(DataKey key, Recorded r, KeyFile file) {
        if (!key.checkValue().equals(r.checkValue())) {
            throw new PersonalDataException("the data key " + key.id() + " in " + file.path().toAbsolutePath()
                    .normalize() + " is not the key " + r.keyId() + " this database was sealed with (its check value"
                    + " differs). Restore the key file that goes with this database from your backup"
                    + " (docs/operations.md, \"Keys\")");
        }
    }

    static Optional<Recorded> recorded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key_id, check_value FROM data_key WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Recorded(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
    }

    /** Records {@code key} as the one sealing this database's personal data (insert or replace). */
    static Void record(Connection c, DataKey key, Clock clock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_key (id, key_id, check_value, updated_at)"
                + " VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id,"
                + " check_value = excluded.check_value, updated_at = excluded.updated_at")) {
            ps.setString(1, key.id());
            ps.setString(2, key.checkValue());
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
        return null;
    }

    record Recorded(String keyId, String checkValue) {
    }
}
