package org.lucarne.signaling.relay;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What the relay asks of the circles (the directory of package {@code circle}, adapted where the server is wired):
 * who is a member now, of which circle, with which identity. Device ids are base64url.
 */
public interface RelayCircles {

    /**
     * A member device: its identity record (128 bytes), its circle (the patient's id), and whose it is: a tablet's
     * ({@code tabletId}) or a family contact's ({@code contactId}).
     */
    record Member(String deviceId, byte[] identity, String circleId, String tabletId, String contactId) {
        public boolean tablet() {
            return tabletId != null;
        }

        /** Who acts, as the audit trail names them: the tablet, or the contact. */
        String actor() {
            return tablet() ? org.lucarne.signaling.audit.AuditEvent.tablet(tabletId)
                    : org.lucarne.signaling.audit.AuditEvent.family(contactId);
        }
    }

    /** The device, if it is an active member of a circle now. */
    Optional<Member> member(String deviceId);

    /** A circle's active members. */
    List<Member> members(String circleId);

    /** Devices of this circle that are no longer members (left, reset, revoked), which the relay forgets. */
    List<String> departed(String circleId);

    /** Calls {@code changed} with a circle's id whenever its membership changed. */
    void addListener(Consumer<String> changed);
}
