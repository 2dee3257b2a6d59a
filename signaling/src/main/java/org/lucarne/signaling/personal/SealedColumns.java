package org.lucarne.signaling.personal;

import java.util.List;

/**
 * Every column of the schema that holds sealed personal data, and every blind index: what
 * {@code ./lucarne keys rotate} re-seals, and what the at-rest tests look for. A feature that
 * adds such a column adds it here.
 */
public final class SealedColumns {
    public static final SealedColumn PATIENT_NAME = new SealedColumn("patient", "display_name", "id");
    public static final SealedColumn CONTACT_NAME = new SealedColumn("family_contact", "display_name", "id");

    /** Every sealed column, in an order that rotation may follow. */
    public static final List<SealedColumn> ALL = List.of(PATIENT_NAME, CONTACT_NAME);

    /** Every blind index column. */
    public static final List<BlindIndexColumn> INDEXES = List.of();

    private SealedColumns() {
    }
}
