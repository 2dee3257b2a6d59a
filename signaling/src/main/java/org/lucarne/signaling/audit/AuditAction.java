package org.lucarne.signaling.audit;

/**
 * What the audit trail records (docs/security.md, "Audit trail"). The stored name is stable: it
 * is in every entry's hash and in exports.
 */
public enum AuditAction {
    // staff sign-in and sessions
    SIGN_IN("sign_in"),
    SIGN_IN_SECOND_FACTOR("sign_in.second_factor"),
    SIGN_IN_RECOVERY_CODE("sign_in.recovery_code"),
    SIGN_IN_SSO("sign_in.sso"),
    SIGN_OUT("sign_out"),
    SIGN_OUT_EVERYWHERE("sign_out.everywhere"),
    SESSION_EXPIRED("session.expired"),
    SESSIONS_ENDED_BY_ADMIN("session.ended_by_admin"),
    PASSWORD_CHANGED("password.changed"),
    SECOND_FACTOR_ENROLLED("second_factor.enrolled"),
    // staff accounts
    USER_CREATED("user.created"),
    USER_CHANGED("user.changed"),
    USER_PASSWORD_RESET("user.password_reset"),
    // patients, visits, invites
    PATIENT_VIEWED("patient.viewed"),
    VISITS_VIEWED("visits.viewed"),
    VISIT_VIEWED("visit.viewed"),
    VISIT_BOOKED("visit.booked"),
    VISIT_CHANGED("visit.changed"),
    VISIT_CANCELLED("visit.cancelled"),
    INVITE_ISSUED("invite.issued"),
    INVITE_OPENED("invite.opened"),
    INVITE_REVOKED("invite.revoked"),
    INVITE_RESENT("invite.resent"),
    INVITE_LINK_SHOWN("invite.link_shown"),
    OUTBOX_VIEWED("outbox.viewed"),
    // calls
    CALL_STARTED("call.started"),
    CALL_JOINED("call.joined"),
    CALL_LEFT("call.left"),
    CALL_ENDED("call.ended"),
    // tablets
    TABLET_ENROLLED("tablet.enrolled"),
    TABLET_CHANGED("tablet.changed"),
    TABLET_REVOKED("tablet.revoked"),
    /** "Do not disturb" turned on (by the patient on the tablet, or staff), or off (by them, or its end). */
    TABLET_DND_ON("tablet.dnd.on"),
    TABLET_DND_OFF("tablet.dnd.off"),
    TABLET_RENEWED("tablet.renewed"),
    TABLET_ENROLMENT_REFUSED("tablet.enrolment.refused"),
    // ward data: settings, patients, family contacts (tablets' cleaning is tablet.changed)
    WARD_SETTINGS_CHANGED("ward_settings.changed"),
    PATIENTS_VIEWED("patients.viewed"),
    PATIENT_ADMITTED("patient.admitted"),
    PATIENT_CHANGED("patient.changed"),
    PATIENT_CONSENT_RECORDED("patient.consent_recorded"),
    PATIENT_DISCHARGED("patient.discharged"),
    CONTACT_ADDED("contact.added"),
    CONTACT_CHANGED("contact.changed"),
    CONTACT_REMOVED("contact.removed"),
    // end-to-end encryption: the device directory (docs/e2ee.md, "Binding a link to a browser"), by device ids
    E2EE_IDENTITY_PUBLISHED("e2ee.identity.published"),
    E2EE_DEVICE_BOUND("e2ee.device.bound"),
    E2EE_DEVICE_WAITING("e2ee.device.waiting"),
    E2EE_DEVICE_ADMITTED("e2ee.device.admitted"),
    E2EE_DEVICE_REFUSED("e2ee.device.refused"),
    E2EE_BINDING_RESET("e2ee.binding.reset"),
    // reports and retention
    REPORT_VIEWED("report.viewed"),
    RETENTION_PURGED("retention.purged"),
    // the policy's refusals, whatever was asked
    ACCESS_REFUSED("access.refused"),
    // the command line and the trail itself
    ADMIN_COMMAND("admin.command"),
    DATA_KEYS_ROTATED("data_keys.rotated"),
    AUDIT_EXPORTED("audit.exported"),
    AUDIT_VIEWED("audit.viewed"),
    // the end-to-end encryption relay: refusals of the circle's rule (ids only, at most one a device and reason
    // every 10 minutes: never one an envelope)
    E2EE_RELAY_REFUSED("e2ee.relay.refused");

    private final String stored;

    AuditAction(String stored) {
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }

    public static AuditAction fromStored(String s) {
        for (AuditAction a : values()) {
            if (a.stored.equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown audit action '" + s + "'");
    }
}
