package org.lucarne.signaling.policy;

import java.util.Objects;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;

/**
 * Asks the {@link AccessPolicy} and records every refusal in the audit trail
 * ({@code access.refused}: who, the target, its ward and patient, from where, and the action in the
 * detail). The REST API and the signaling socket both go through it.
 */
public final class AccessGuard {
    private final AccessPolicy policy;
    private final AuditTrail audit;

    public AccessGuard(AccessPolicy policy, AuditTrail audit) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /**
     * What the thing asked about is: {@code kind:id} for the audit entry, the ward it belongs to (null
     * for none) and the patient it is about (null for none).
     */
    public record Target(String kind, String id, String wardId, String patientId) {
        public Target {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(id, "id");
        }

        public static Target ward(String wardId) {
            return new Target("ward", wardId, wardId, null);
        }

        public static Target patient(String patientId, String wardId) {
            return new Target("patient", patientId, wardId, patientId);
        }

        public static Target visit(String visitId, String wardId, String patientId) {
            return new Target("visit", visitId, wardId, patientId);
        }

        /** A device of a patient's circle (a family browser, the tablet's), by its device id. */
        public static Target device(String deviceId, String wardId, String patientId) {
            return new Target("device", deviceId, wardId, patientId);
        }

        /** A family contact of a patient. */
        public static Target contact(String contactId, String wardId, String patientId) {
            return new Target("contact", contactId, wardId, patientId);
        }

        public static Target user(String userId) {
            return new Target("user", userId, null, null);
        }
    }

    /** The policy's decision; a refusal is audited before it is returned. */
    public Decision check(StaffActor who, Action action, Target target, String address) {
        Decision d = policy.decide(who, action, target.wardId());
        if (!d.allowed()) {
            audit.record(AuditEvent.of(AuditEvent.staff(who.userId()), AuditAction.ACCESS_REFUSED, AuditOutcome.REFUSED)
                    .target(target.kind(), target.id()).ward(target.wardId()).patient(target.patientId())
                    .from(address).detail("action=" + action.stored()));
        }
        return d;
    }

    /** The policy's decision about a device (a family browser, a kiosk); a refusal is audited before it is returned. */
    public Decision check(DeviceActor who, Action action, Target target, String address) {
        Decision d = policy.decide(who, action, target.patientId());
        if (!d.allowed()) {
            audit.record(AuditEvent.of(who.auditActor(), AuditAction.ACCESS_REFUSED, AuditOutcome.REFUSED)
                    .target(target.kind(), target.id()).ward(target.wardId()).patient(target.patientId())
                    .from(address).detail("action=" + action.stored()));
        }
        return d;
    }

    public AccessPolicy policy() {
        return policy;
    }
}
