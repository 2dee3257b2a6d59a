package org.lucarne.signaling.audit;

import java.util.Objects;

/**
 * One thing to record: who did what to which target, in which ward, about which patient, from
 * where, and how it ended. Ids only, never a name, a phone number, an e-mail address or a message:
 * <ul>
 *   <li>{@code actor}: {@code staff:<user id>}, {@code tablet:<tablet id>}, {@code family:<contact id>},
 *       {@code cli}, {@code system}, or {@code anonymous} (an unknown username at sign-in)</li>
 *   <li>{@code target}: {@code <kind>:<id>}, e.g. {@code visit:…}, {@code user:…}, {@code patient:…}</li>
 *   <li>{@code detail}: short {@code key=value} words for what the action alone does not say
 *       ({@code reason=wrong_password}, {@code role=nurse}), never personal data</li>
 * </ul>
 * Optional fields are null.
 */
public record AuditEvent(String actor, AuditAction action, String target, String wardId, String patientId,
                         String address, AuditOutcome outcome, String detail) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    public static AuditEvent of(String actor, AuditAction action, AuditOutcome outcome) {
        return new AuditEvent(actor, action, null, null, null, null, outcome, null);
    }

    public AuditEvent target(String kind, String id) {
        return new AuditEvent(actor, action, kind + ":" + id, wardId, patientId, address, outcome, detail);
    }

    public AuditEvent ward(String ward) {
        return new AuditEvent(actor, action, target, ward, patientId, address, outcome, detail);
    }

    public AuditEvent patient(String patient) {
        return new AuditEvent(actor, action, target, wardId, patient, address, outcome, detail);
    }

    public AuditEvent from(String remoteAddress) {
        return new AuditEvent(actor, action, target, wardId, patientId, remoteAddress, outcome, detail);
    }

    public AuditEvent detail(String text) {
        return new AuditEvent(actor, action, target, wardId, patientId, address, outcome, text);
    }

    public static String staff(String userId) {
        return "staff:" + userId;
    }

    public static String tablet(String tabletId) {
        return "tablet:" + tabletId;
    }

    public static String family(String contactId) {
        return "family:" + contactId;
    }

    public static final String CLI = "cli";
    public static final String SYSTEM = "system";
    public static final String ANONYMOUS = "anonymous";
}
