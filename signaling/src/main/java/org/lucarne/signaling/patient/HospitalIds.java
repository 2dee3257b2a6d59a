package org.lucarne.signaling.patient;

/**
 * The hospital's own identifier of a patient (its IPP, identifiant permanent du patient), in the one
 * form it is stored and indexed in: as the ward typed it, trimmed. Its blind index
 * ({@code SealedColumns.PATIENT_HOSPITAL_ID_INDEX}) is of this form, so a lookup finds it only typed
 * the same way.
 */
public final class HospitalIds {
    public static final int MAX_LENGTH = 64;

    private HospitalIds() {
    }

    /** @throws IllegalArgumentException for an empty, too long or control-character identifier */
    public static String normalize(String typed) {
        String s = typed.strip();
        if (s.isEmpty() || s.codePointCount(0, s.length()) > MAX_LENGTH || s.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a hospital identifier is 1 to " + MAX_LENGTH + " characters, without"
                    + " control characters");
        }
        return s;
    }
}
