package org.lucarne.signaling.personal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Seals the personal data an older Lucarne stored in plain text (the names of a database made
 * before personal data was sealed), at start, once the keys are checked: every value of every
 * sealed column that is not sealed yet, in one transaction, then the freed space is scrubbed
 * ({@link Database#scrub}). Running it again seals nothing.
 */
public final class LegacyPlaintext {
    private static final Logger LOG = LoggerFactory.getLogger(LegacyPlaintext.class);

    private LegacyPlaintext() {
    }

    /** Seals what is not sealed in {@link SealedColumns#ALL}; the count per column (only those with any). */
    public static Map<SealedColumn, Integer> sealAll(Database db, PersonalData data) {
        return sealAll(db, data, SealedColumns.ALL);
    }

    static Map<SealedColumn, Integer> sealAll(Database db, PersonalData data, List<SealedColumn> columns) {
        Map<SealedColumn, Integer> sealed = db.inTransaction(c -> {
            Map<SealedColumn, Integer> counts = new LinkedHashMap<>();
            for (SealedColumn column : columns) {
                int n = seal(c, data, column);
                if (n > 0) {
                    counts.put(column, n);
                }
            }
            return counts;
        });
        if (!sealed.isEmpty()) {
            LOG.info("sealed the personal data an older Lucarne had stored in plain text: {}", sealed);
            db.scrub(sealed.keySet().stream().map(SealedColumn::table).distinct().toList());
        }
        return sealed;
    }

    private static int seal(Connection c, PersonalData data, SealedColumn column) throws SQLException {
        List<Object[]> plain = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column.idColumn() + ", " + column.column()
                + " FROM " + column.table() + " WHERE " + column.column() + " IS NOT NULL");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String value = rs.getString(2);
                if (!PersonalData.isSealed(value)) {
                    plain.add(new Object[] {rs.getObject(1), value});
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + column.table() + " SET " + column.column()
                + " = ? WHERE " + column.idColumn() + " = ?")) {
            for (Object[] row : plain) {
                ps.setString(1, data.seal(column, String.valueOf(row[0]), (String) row[1]));
                ps.setObject(2, row[0]);
                ps.addBatch();
            }
            if (!plain.isEmpty()) {
                ps.executeBatch();
            }
        }
        return plain.size();
    }
}
