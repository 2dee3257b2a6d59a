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
 * Binds the data keys to a database at start. The database records which key seals its personal
 * data (table {@code data_key}: the key's id and check value), so a server given another key file
 * stops with a message instead of failing on the first name it reads, and a rotation interrupted
 * between its database transaction and its key file is finished (or forgotten) here:
 * <ul>
 *   <li>the store's pending key is the one the database records: the rotation committed, the
 *       store was not rewritten yet; the pending key becomes the only one</li>
 *   <li>the store's current key is the one the database records and a key is pending: the
 *       rotation's transaction never committed; the pending key is dropped</li>
 * </ul>
 * Whoever calls this holds the database's use lock ({@link org.lucarne.signaling.storage.DatabaseUse})
 * at least shared, so no rotation is running while the store is rewritten here.
 */
public final class DataKeyCheck {
    private DataKeyCheck() {
    }

    /**
     * The server's {@link PersonalData}: the store's ring once checked against the database. A new
     * database gets the store's current key (a new store with a new key when there is none yet).
     *
     * @throws PersonalDataException when the store is missing for a database that has personal data,
     *                               or holds other keys than the database was sealed with
     */
    public static PersonalData open(Database db, DataKeyStore store, SecureRandom random, Clock clock) {
        Optional<Recorded> recorded = db.inTransaction(DataKeyCheck::recorded);
        if (recorded.isPresent() && !store.exists()) {
            throw new PersonalDataException(store.describe() + " is missing, and this database's personal"
                    + " data is sealed with data key " + recorded.get().keyId() + ". Restore it from your backup"
                    + " (docs/operations.md, \"Keys\")");
        }
        DataKeyRing ring = store.loadOrCreate(random);
        DataKeyRing checked = recorded.isEmpty() ? first(db, store, ring, clock) : reconcile(store, ring,
                recorded.get());
        return new PersonalData(checked, random);
    }

    /** A database without personal data yet: it records the store's current key. */
    private static DataKeyRing first(Database db, DataKeyStore store, DataKeyRing ring, Clock clock) {
        DataKeyRing settled = ring.pending().isPresent() ? ring.dropPending() : ring;
        // Another process may record its key at the same time: the first one recorded wins, and the
        // other is checked against it like any later start.
        Recorded r = db.inTransaction(c -> {
            recordIfAbsent(c, settled.currentKey(), clock);
            return recorded(c).orElseThrow();
        });
        DataKeyRing checked = reconcile(store, settled, r);
        if (checked == settled && settled != ring) {
            store.save(settled);
        }
        return checked;
    }

    private static DataKeyRing reconcile(DataKeyStore store, DataKeyRing ring, Recorded r) {
        if (r.keyId().equals(ring.current())) {
            requireSame(ring.currentKey(), r, store);
            if (ring.pending().isPresent()) {
                DataKeyRing settled = ring.dropPending(); // the rotation's transaction never committed
                store.save(settled);
                return settled;
            }
            return ring;
        }
        if (ring.pending().filter(r.keyId()::equals).isPresent()) {
            requireSame(ring.pendingKey().orElseThrow(), r, store);
            DataKeyRing settled = ring.promotePending(); // committed, but the store was not rewritten
            store.save(settled);
            return settled;
        }
        throw new PersonalDataException("this database's personal data is sealed with data key " + r.keyId()
                + ", but " + store.describe() + " holds " + ring.keys().keySet() + ". Start Lucarne with the keys that"
                + " go with this database (restore them from your backup; docs/operations.md, \"Keys\")");
    }

    private static void requireSame(DataKey key, Recorded r, DataKeyStore store) {
        if (!key.checkValue().equals(r.checkValue())) {
            throw new PersonalDataException("the data key " + key.id() + " in " + store.describe() + " is not the key "
                    + r.keyId() + " this database was sealed with (its check value differs). Restore the keys that go"
                    + " with this database from your backup (docs/operations.md, \"Keys\")");
        }
    }

    static Optional<Recorded> recorded(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT key_id, check_value FROM data_key WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new Recorded(rs.getString(1), rs.getString(2))) : Optional.empty();
        }
    }

    /** Records {@code key} as the one sealing this database's personal data (insert or replace). */
    static void record(Connection c, DataKey key, Clock clock) throws SQLException {
        write(c, key, clock, " ON CONFLICT (id) DO UPDATE SET key_id = excluded.key_id,"
                + " check_value = excluded.check_value, updated_at = excluded.updated_at");
    }

    private static void recordIfAbsent(Connection c, DataKey key, Clock clock) throws SQLException {
        write(c, key, clock, " ON CONFLICT (id) DO NOTHING");
    }

    private static void write(Connection c, DataKey key, Clock clock, String onConflict) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO data_key (id, key_id, check_value, updated_at)"
                + " VALUES (1, ?, ?, ?)" + onConflict)) {
            ps.setString(1, key.id());
            ps.setString(2, key.checkValue());
            ps.setLong(3, clock.millis());
            ps.executeUpdate();
        }
    }

    record Recorded(String keyId, String checkValue) {
    }
}
