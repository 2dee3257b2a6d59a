package org.lucarne.signaling.policy;

import java.util.Optional;

/**
 * Everything the authorization policy decides on (docs/security.md, "Who may do what"). An action on
 * a ward's data is asked about with that ward; staff accounts are not any ward's. Names are stable:
 * they are in audit entries ({@code action=patient.view}).
 */
public enum Action {
    /** A ward's day: its visit list, its patient list. */
    WARD_VIEW("ward.view", true, false),
    /** A patient's record: name, bed, contacts, visits. */
    PATIENT_VIEW("patient.view", true, true),
    /** Admit, move, rename or discharge a patient. */
    PATIENT_CHANGE("patient.change", true, true),
    /** A patient's family contacts (names, phone numbers, e-mail addresses). */
    CONTACT_VIEW("contact.view", true, true),
    /** Add, change or remove a contact; issue, send or revoke their invites. */
    CONTACT_CHANGE("contact.change", true, true),
    /** One visit. */
    VISIT_VIEW("visit.view", true, true),
    /** Book, move or cancel a visit. */
    VISIT_CHANGE("visit.change", true, true),
    /** Join a live visit's call from the console, to help the patient. */
    CALL_JOIN("call.join", true, true),
    /** A ward's bedside tablets and their state. */
    TABLET_VIEW("tablet.view", true, false),
    /** A tablet's day-to-day state: label, cleaning, out of order. */
    TABLET_CHANGE("tablet.change", true, false),
    /** Turn a tablet's "do not disturb" on (until a given time) or off: no visit rings it meanwhile. */
    TABLET_DO_NOT_DISTURB("tablet.do_not_disturb", true, false),
    /** Enrol a tablet (its device certificate) or revoke one. */
    TABLET_ENROL("tablet.enrol", true, false),
    /** A ward's settings: visiting hours, slot length, cleaning buffer, daily cap. */
    WARD_SETTINGS_VIEW("ward_settings.view", true, false),
    WARD_SETTINGS_CHANGE("ward_settings.change", true, false),
    /** A ward's reports: counts and lengths of calls, no names. */
    REPORT_VIEW("report.view", true, false),
    /** Audit entries: a ward's, or without a ward, every entry (sign-ins and account changes included). */
    AUDIT_VIEW("audit.view", true, false),
    /**
     * A family browser binds its link (docs/e2ee.md, "Binding a link to a browser"): a family action
     * ({@link DeviceActor.Family}), while its invite is live; no member of staff does it.
     */
    E2EE_BIND("e2ee.bind", true, false),
    /** A device writes to its circle: a family device while it is a member, the tablet of the patient's bed. */
    MESSAGE_SEND("message.send", true, false),
    /** Let in (or refuse) a second device waiting with a contact's link: the patient's kiosk, or staff. */
    DEVICE_ADMIT("e2ee.device.admit", true, true),
    /** Reset a contact's binding (a lost phone): every device of theirs leaves the circle. */
    BINDING_RESET("e2ee.binding.reset", true, true),
    /** The list of staff accounts. */
    STAFF_VIEW("staff.view", false, false),
    /** Create, change, disable and reset staff accounts, end their sessions. */
    STAFF_MANAGE("staff.manage", false, false);

    private final String stored;
    private final boolean wardScoped;
    private final boolean hidden;

    Action(String stored, boolean wardScoped, boolean hidden) {
        this.stored = stored;
        this.wardScoped = wardScoped;
        this.hidden = hidden;
    }

    public String stored() {
        return stored;
    }

    /** Whether the action is on one ward's data (asked with a ward), rather than on the whole installation. */
    public boolean wardScoped() {
        return wardScoped;
    }

    /**
     * Whether a refusal must hide that the thing exists ({@code 404}, or {@code wrong_visit}): patients,
     * contacts and visits of another ward.
     */
    public boolean hidesExistence() {
        return hidden;
    }

    public static Optional<Action> fromStored(String s) {
        for (Action a : values()) {
            if (a.stored.equals(s)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}
