package org.lucarne.signaling.circle;

/** The names a circle's members see of each other, opened from their sealed form: never logged. */
public interface CircleNames {
    /** The patient's display name (1 to 64 characters). */
    String patientName(String patientId);

    /** The contact's display name (1 to 64 characters). */
    String contactName(String contactId);
}
