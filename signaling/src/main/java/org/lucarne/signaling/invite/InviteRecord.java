package org.lucarne.signaling.invite;

import java.time.Instant;

/**
 * An invite as stored: no id, only its hash.
 *
 * @param idHash    SHA-256 hex of the invite id
 * @param contactId the family contact it admits
 * @param patientId the patient that contact may visit
 * @param notBefore first instant it is valid
 * @param notAfter  first instant it is no longer valid
 */
public record InviteRecord(String idHash, String contactId, String patientId, Instant createdAt,
        Instant notBefore, Instant notAfter) {
}
