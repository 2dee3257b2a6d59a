package org.lucarne.signaling.personal;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A column holding the blind index ({@link PersonalData#index(BlindIndexColumn, String)}) of
 * another, sealed column's value in the same row, for equality lookups (an e-mail address at
 * sign-in). Key rotation recomputes it from the sealed column, through {@code normalize}: a lookup
 * that ignores case normalizes to lower case here, and looks up with the same
 * {@link PersonalData#index(BlindIndexColumn, String)}.
 *
 * @param column    the index column, in {@code source}'s table
 * @param source    the sealed column it indexes
 * @param purpose   a word of its own per index ({@code "staff.email"}), so two indexes of one value differ
 * @param normalize what the value goes through before it is indexed
 */
public record BlindIndexColumn(String column, SealedColumn source, String purpose, UnaryOperator<String> normalize) {
    public BlindIndexColumn {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(normalize, "normalize");
        new SealedColumn(source.table(), column, source.idColumn());
    }

    /** An index of the value as it is. */
    public BlindIndexColumn(String column, SealedColumn source, String purpose) {
        this(column, source, purpose, UnaryOperator.identity());
    }

    @Override
    public String toString() {
        return source.table() + "." + column;
    }
}
