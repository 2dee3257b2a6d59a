package org.lucarne.signaling.personal;

import java.util.Objects;

/**
 * A column holding the blind index ({@link PersonalData#index}) of another, sealed column's
 * value, for equality lookups (a username at sign-in). Key rotation recomputes it from the sealed
 * column.
 */
public record BlindIndexColumn(String column, SealedColumn source, String purpose) {
    public BlindIndexColumn {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(purpose, "purpose");
        new SealedColumn(source.table(), column, source.idColumn());
    }
}
