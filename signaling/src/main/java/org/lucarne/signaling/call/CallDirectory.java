package org.lucarne.signaling.call;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Objects;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.personal.SealedColumn;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The names people see in a call: the patient's and each family contact's, as the ward wrote them,
 * opened from their sealed form ({@link SealedColumns#PATIENT_NAME}, {@link SealedColumns#CONTACT_NAME}).
 */
public final class CallDirectory implements org.lucarne.signaling.circle.CircleNames {
    private static final Logger LOG = LoggerFactory.getLogger(CallDirectory.class);
    /** What stands for a name the database does not have (a record deleted during the call), or that does not open. */
    static final String UNKNOWN = "?";

    private final Database db;
    private final PersonalData personalData;

    public CallDirectory(Database db, PersonalData personalData) {
        this.db = Objects.requireNonNull(db, "db");
        this.personalData = Objects.requireNonNull(personalData, "personalData");
    }

    @Override
    public String patientName(String patientId) {
        return name(SealedColumns.PATIENT_NAME, patientId);
    }

    @Override
    public String contactName(String contactId) {
        return name(SealedColumns.CONTACT_NAME, contactId);
    }

    private String name(SealedColumn column, String id) {
        String sealed = db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + column.column() + " FROM " + column.table()
                    + " WHERE " + column.idColumn() + " = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (sealed == null) {
            return UNKNOWN;
        }
        try {
            return displayable(personalData.open(column, id, sealed));
        } catch (PersonalDataException e) {
            // A call goes on without the name; the message names the column and the row, never a person.
            LOG.warn("a call shows '{}' for a name: {}", UNKNOWN, e.getMessage());
            return UNKNOWN;
        }
    }

    /** A protocol name is 1 to 64 characters (docs/protocol.md): longer ones are cut, empty ones replaced. */
    static String displayable(String name) {
        if (name == null || name.isBlank()) {
            return UNKNOWN;
        }
        String trimmed = name.strip();
        return trimmed.length() <= 64 ? trimmed : trimmed.substring(0, 63) + "…";
    }
}
