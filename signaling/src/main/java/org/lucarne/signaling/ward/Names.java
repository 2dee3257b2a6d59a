package org.lucarne.signaling.ward;

import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.PersonalDataException;
import org.lucarne.signaling.personal.SealedColumn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A patient's or contact's name as the console shows it, opened from its sealed form. A value that
 * does not open shows as "?" (the rest of the page still works) and is logged by column and row,
 * never by person; plain text left by an older Lucarne was sealed at start.
 */
public final class Names {
    private static final Logger LOG = LoggerFactory.getLogger(Names.class);
    static final String UNKNOWN = "?";

    private Names() {
    }

    public static String open(PersonalData personal, SealedColumn column, String rowId, String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return personal.open(column, rowId, stored);
        } catch (PersonalDataException e) {
            LOG.warn("the console shows '{}' for a name: {}", UNKNOWN, e.getMessage());
            return UNKNOWN;
        }
    }
}
