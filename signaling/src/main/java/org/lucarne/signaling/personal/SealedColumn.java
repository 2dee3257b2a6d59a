package org.lucarne.signaling.personal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A column that holds sealed personal data, and the column naming its row: together they are the
 * associated data of every value sealed there, so a value copied to another row, column or table
 * does not open. {@link SealedColumns} lists them all, for key rotation.
 */
public record SealedColumn(String table, String column, String idColumn) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public SealedColumn {
        for (String n : new String[] {table, column, idColumn}) {
            if (!NAME.matcher(Objects.requireNonNull(n, "name")).matches()) {
                throw new IllegalArgumentException("not a plain SQL name: " + n);
            }
        }
    }

    @Override
    public String toString() {
        return table + "." + column;
    }
}
