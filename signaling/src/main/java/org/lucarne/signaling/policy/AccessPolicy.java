package org.lucarne.signaling.policy;

import static org.lucarne.signaling.policy.Role.ADMIN;
import static org.lucarne.signaling.policy.Role.NURSE;
import static org.lucarne.signaling.policy.Role.WARD_MANAGER;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The one authorization policy of Lucarne: the REST API and the signaling socket both ask it, and
 * nothing else decides who may do what. Pure: no I/O, no clock; the caller gives who asks (read
 * afresh from the database), the action and the ward the data belongs to. Refusals are audited by
 * the caller ({@link AccessGuard}).
 *
 * <p>The table (docs/security.md, "Who may do what", which a test compares with this one):
 * <ul>
 *   <li>nurses and ward managers act on their own wards' patients, contacts, visits, calls and
 *       tablets; ward managers also enrol tablets, change their wards' settings and read their
 *       wards' reports and audit entries;</li>
 *   <li>admins manage every staff account and read every ward's audit entries and reports; on the
 *       wards they work on, they do what a ward manager does. Least privilege: an admin is IT, not
 *       care, so they see no patient of a ward they do not work on.</li>
 * </ul>
 */
public final class AccessPolicy {
    /** Who may do an action: on the wards they work on, and on any ward (or, for an action of no ward, at all). */
    record Grant(Set<Role> ownWard, Set<Role> anyWard) {
    }

    private static final Map<Action, Grant> TABLE = table();

    private static Map<Action, Grant> table() {
        Map<Action, Grant> t = new EnumMap<>(Action.class);
        Set<Role> care = EnumSet.of(NURSE, WARD_MANAGER, ADMIN);
        Set<Role> managers = EnumSet.of(WARD_MANAGER, ADMIN);
        Set<Role> nobody = EnumSet.noneOf(Role.class);
        for (Action a : new Action[] {Action.WARD_VIEW, Action.PATIENT_VIEW, Action.PATIENT_CHANGE, Action.CONTACT_VIEW,
                Action.CONTACT_CHANGE, Action.VISIT_VIEW, Action.VISIT_CHANGE, Action.CALL_JOIN, Action.TABLET_VIEW,
                Action.TABLET_CHANGE, Action.TABLET_DO_NOT_DISTURB, Action.WARD_SETTINGS_VIEW, Action.DEVICE_ADMIT,
                Action.BINDING_RESET}) {
            t.put(a, new Grant(care, nobody));
        }
        // Devices' own actions: no member of staff binds a link or writes to a circle (decide(DeviceActor, ...)).
        t.put(Action.E2EE_BIND, new Grant(nobody, nobody));
        t.put(Action.MESSAGE_SEND, new Grant(nobody, nobody));
        t.put(Action.TABLET_ENROL, new Grant(managers, nobody));
        t.put(Action.WARD_SETTINGS_CHANGE, new Grant(managers, nobody));
        t.put(Action.REPORT_VIEW, new Grant(managers, EnumSet.of(ADMIN)));
        t.put(Action.AUDIT_VIEW, new Grant(managers, EnumSet.of(ADMIN)));
        t.put(Action.STAFF_VIEW, new Grant(nobody, EnumSet.of(ADMIN)));
        t.put(Action.STAFF_MANAGE, new Grant(nobody, EnumSet.of(ADMIN)));
        for (Action a : Action.values()) {
            if (!t.containsKey(a)) {
                throw new IllegalStateException("the policy has no rule for " + a);
            }
        }
        return t;
    }

    /**
     * May {@code who} do {@code action} on the data of {@code wardId}?
     *
     * @param wardId the ward the data belongs to; null for an action of no ward (staff accounts), or for
     *               a ward-scoped action over every ward at once (the whole audit trail)
     */
    public Decision decide(StaffActor who, Action action, String wardId) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Grant g = TABLE.get(action);
        boolean allowed = g.anyWard().contains(who.role())
                || (wardId != null && who.worksOn(wardId) && g.ownWard().contains(who.role()));
        if (allowed) {
            return Decision.ALLOWED;
        }
        return action.hidesExistence() && wardId != null ? Decision.HIDDEN : Decision.FORBIDDEN;
    }

    /**
     * May the device {@code who} do {@code action} about the patient {@code patientId} (whose circle it is)?
     * <ul>
     *   <li>{@code e2ee.bind}: a family browser with a live invite (not revoked, its visit not over) of a contact
     *       of that patient, not removed;</li>
     *   <li>{@code message.send}: a family device that is a member of the patient's circle (bound, its contact
     *       not removed and with a live invite), or the kiosk of the tablet in the patient's bed;</li>
     *   <li>{@code e2ee.device.admit}: the kiosk of the tablet in the patient's bed.</li>
     * </ul>
     * Any other action is no device's: forbidden.
     */
    public Decision decide(DeviceActor who, Action action, String patientId) {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        boolean allowed = patientId != null && switch (action) {
            case E2EE_BIND -> who instanceof DeviceActor.Family f && f.patientId().equals(patientId)
                    && !f.contactRemoved() && f.inviteLive();
            case MESSAGE_SEND -> (who instanceof DeviceActor.Family f && f.patientId().equals(patientId)
                    && !f.contactRemoved() && f.inviteLive() && f.member())
                    || (who instanceof DeviceActor.Kiosk k && patientId.equals(k.patientInBed()));
            case DEVICE_ADMIT -> who instanceof DeviceActor.Kiosk k && patientId.equals(k.patientInBed());
            default -> false;
        };
        return allowed ? Decision.ALLOWED : Decision.FORBIDDEN;
    }

    /** Where {@code who} may do {@code action}: on every ward, on some of theirs, or nowhere. */
    public WardScope scope(StaffActor who, Action action) {
        Grant g = TABLE.get(Objects.requireNonNull(action, "action"));
        if (g.anyWard().contains(who.role())) {
            return WardScope.EVERY_WARD;
        }
        return g.ownWard().contains(who.role()) ? WardScope.of(who.wards()) : WardScope.of(Set.of());
    }

    /** The rule for {@code action}, for the documentation test. */
    Grant grant(Action action) {
        return TABLE.get(action);
    }
}
