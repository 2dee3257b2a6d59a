package org.lucarne.signaling.personal;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEntry;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.storage.Database;

/**
 * {@code ./lucarne keys rotate}: every sealed value re-sealed, and every blind index recomputed,
 * under a new data key. Run with the database's use lock held exclusively (no server running). Three
 * steps, each of which may be interrupted:
 * <ol>
 *   <li>{@link #writePendingKey}: the key store gets a new key, pending beside the current one</li>
 *   <li>{@link #reseal}: one database transaction re-seals {@link SealedColumns#ALL}, recomputes
 *       {@link SealedColumns#INDEXES}, records the new key in {@code data_key} and appends a
 *       {@code data_keys.rotated} audit entry</li>
 *   <li>{@link #finishOrExplain}: the key store keeps the new key alone</li>
 * </ol>
 * Stopped after step 1 (or during step 2, which then rolls back), the database still uses the old
 * key and the next start drops the pending one; stopped after step 2, the database uses the new key
 * and the next start promotes it ({@link DataKeyCheck}). Either way every start can open the data.
 */
public final class KeyRotation {
    /**
     * What a rotation did: from which key to which, how many values and indexes, and its audit entry;
     * {@code unfinished} says why the key store still holds both keys when it could not be rewritten
     * after the database committed (safe: the next start keeps the new key alone).
     */
    public record Result(String from, String to, Map<SealedColumn, Integer> values,
                         Map<BlindIndexColumn, Integer> indexes, AuditEntry audit, Optional<String> unfinished) {
        public int valueCount() {
            return values.values().stream().mapToInt(Integer::intValue).sum();
        }

        public int indexCount() {
            return indexes.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private final Database db;
    private final DataKeyStore store;
    private final PersonalData data;
    private final AuditTrail audit;
    private final SecureRandom random;
    private final Clock clock;
    private final List<SealedColumn> columns;
    private final List<BlindIndexColumn> indexes;

    KeyRotation(Database db, DataKeyStore store, PersonalData data, AuditTrail audit, SecureRandom random, Clock clock,
                List<SealedColumn> columns, List<BlindIndexColumn> indexes) {
        this.db = Objects.requireNonNull(db, "db");
        this.store = Objects.requireNonNull(store, "store");
        this.data = Objects.requireNonNull(data, "data");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.random = Objects.requireNonNull(random, "random");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.columns = List.copyOf(columns);
        this.indexes = List.copyOf(indexes);
    }

    /**
     * A rotation of every sealed column and blind index of the schema.
     *
     * @param data the data keys as checked at start ({@link DataKeyCheck}), so without a pending key
     */
    public static KeyRotation of(Database db, DataKeyStore store, PersonalData data, AuditTrail audit, Clock clock) {
        return new KeyRotation(db, store, data, audit, new SecureRandom(), clock, SealedColumns.ALL,
                SealedColumns.INDEXES);
    }

    /** The three steps, then the freed space scrubbed. {@code data} uses the new key afterwards. */
    public Result run() {
        DataKeyRing pending = writePendingKey();
        // A failure from here on leaves the pending key in the store on purpose: whether the
        // transaction committed (a lost answer to COMMIT) is the database's to say, and the next
        // start reads it there (DataKeyCheck). Dropping the key here could lose the only copy.
        Result result = reseal(pending);
        Optional<String> unfinished = finishOrExplain(pending);
        if (unfinished.isPresent()) {
            result = new Result(result.from(), result.to(), result.values(), result.indexes(), result.audit(),
                    unfinished);
        }
        db.scrub(Stream.concat(result.values().keySet().stream().map(SealedColumn::table),
                result.indexes().keySet().stream().map(i -> i.source().table())).distinct().toList());
        return result;
    }

    /** Step 1: a new key, pending, written to the store beside the current one. */
    DataKeyRing writePendingKey() {
        DataKeyRing ring = data.ring();
        if (ring.pending().isPresent()) {
            throw new IllegalStateException("data key " + ring.pending().get() + " is still pending: the keys were not"
                    + " checked against the database");
        }
        DataKeyRing pending = ring.withNewPending(random);
        store.save(pending);
        return pending;
    }

    /** Step 2: everything re-sealed under the pending key, in one transaction with its record and audit entry. */
    Result reseal(DataKeyRing pending) {
        DataKey to = pending.pendingKey().orElseThrow();
        PersonalData both = new PersonalData(pending, random);
        return db.inTransaction(c -> {
            Map<SealedColumn, Integer> values = new LinkedHashMap<>();
            for (SealedColumn column : columns) {
                values.put(column, reseal(c, both, to, column));
            }
            Map<BlindIndexColumn, Integer> recomputed = new LinkedHashMap<>();
            for (BlindIndexColumn index : indexes) {
                recomputed.put(index, recompute(c, both, to, index));
            }
            DataKeyCheck.record(c, to, clock);
            int valueCount = values.values().stream().mapToInt(Integer::intValue).sum();
            int indexCount = recomputed.values().stream().mapToInt(Integer::intValue).sum();
            AuditEntry entry = audit.append(c, AuditEvent.of(AuditEvent.CLI, AuditAction.DATA_KEYS_ROTATED,
                    AuditOutcome.SUCCESS).target("data_key", to.id()).detail("from=" + pending.current() + " to="
                    + to.id() + " values=" + valueCount + " indexes=" + indexCount));
            return new Result(pending.current(), to.id(), values, recomputed, entry, Optional.empty());
        });
    }

    /**
     * Step 3: the store keeps the new key alone; {@code data} seals with it from now on. When the
     * store cannot be rewritten, why: it still holds both keys, and the next start finishes.
     */
    Optional<String> finishOrExplain(DataKeyRing pending) {
        DataKeyRing done = pending.promotePending();
        data.use(done); // the database holds nothing sealed under the old key any more
        try {
            store.save(done);
            return Optional.empty();
        } catch (PersonalDataException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static int reseal(Connection c, PersonalData both, DataKey to, SealedColumn column) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column.idColumn() + ", " + column.column()
                + " FROM " + column.table() + " WHERE " + column.column() + " IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getObject(1), rs.getString(2)});
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + column.table() + " SET " + column.column()
                + " = ? WHERE " + column.idColumn() + " = ?")) {
            for (Object[] row : rows) {
                String id = String.valueOf(row[0]);
                String stored = (String) row[1];
                String plain = PersonalData.isSealed(stored) ? both.open(column, id, stored) : stored;
                ps.setString(1, both.seal(to, column, id, plain));
                ps.setObject(2, row[0]);
                ps.addBatch();
            }
            if (!rows.isEmpty()) {
                ps.executeBatch();
            }
        }
        return rows.size();
    }

    private static int recompute(Connection c, PersonalData both, DataKey to, BlindIndexColumn index)
            throws SQLException {
        SealedColumn source = index.source();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + source.idColumn() + ", " + source.column()
                + " FROM " + source.table() + " WHERE " + source.column() + " IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Object[] {rs.getObject(1), rs.getString(2)});
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + source.table() + " SET " + index.column()
                + " = ? WHERE " + source.idColumn() + " = ?")) {
            for (Object[] row : rows) {
                String plain = both.open(source, String.valueOf(row[0]), (String) row[1]);
                ps.setString(1, both.index(to, index, plain));
                ps.setObject(2, row[0]);
                ps.addBatch();
            }
            if (!rows.isEmpty()) {
                ps.executeBatch();
            }
        }
        return rows.size();
    }
}
