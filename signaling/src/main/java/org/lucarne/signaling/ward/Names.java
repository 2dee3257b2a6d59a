package org.lucarne.signaling.ward;

import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumn;

/** A patient's or contact's name as stored: sealed ({@link PersonalData}), or plain text left by an older Lucarne. */
final class Names {
    private Names() {
    }

    static String open(PersonalData personal, SealedColumn column, String rowId, String stored) {
        if (stored == null) {
            return null;
        }
        return PersonalData.isSealed(stored) ? personal.open(column, rowId, stored) : stored;
    }
}
