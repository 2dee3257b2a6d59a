package org.lucarne.signaling.policy;

import java.util.Objects;
import org.lucarne.signaling.audit.AuditEvent;

/**
 * A device as the policy sees it (docs/e2ee.md, "Decisions on the open questions": when a family may write): a
 * family browser or a bedside tablet's kiosk, with the facts the caller read afresh from the database, so that a
 * revocation, a removal or a new patient in the bed counts at once.
 */
public sealed interface DeviceActor permits DeviceActor.Family, DeviceActor.Kiosk {

    /** Who it is in the audit trail: {@code family:<contact id>} or {@code tablet:<tablet id>}. */
    String auditActor();

    /**
     * A family member's browser, come with an invite (or proven as a device) of {@code contactId}, a contact of
     * {@code patientId}.
     *
     * @param contactRemoved whether staff removed the contact
     * @param inviteLive     whether the invite it came with (for a proven device: any of the contact's) is live:
     *                       not revoked, its visit not over
     * @param member         whether the device is bound (first, or let in) to that contact
     */
    record Family(String contactId, String patientId, boolean contactRemoved, boolean inviteLive, boolean member)
            implements DeviceActor {
        public Family {
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(patientId, "patientId");
        }

        @Override
        public String auditActor() {
            return AuditEvent.family(contactId);
        }
    }

    /**
     * The kiosk of {@code tabletId}, proven by its device certificate; {@code patientInBed} is the patient now in
     * the tablet's bed, null when the bed is empty.
     */
    record Kiosk(String tabletId, String patientInBed) implements DeviceActor {
        public Kiosk {
            Objects.requireNonNull(tabletId, "tabletId");
        }

        @Override
        public String auditActor() {
            return AuditEvent.tablet(tabletId);
        }
    }
}
