package org.lucarne.signaling.booking;

/**
 * The rules a booking, a move or a cancellation must follow (docs/staff-api.md, "Booking rules"), by the
 * stable code a refusal names. The time rules come with suggested free slots; the others cannot be
 * mended by choosing another time.
 */
public enum BookingRule {
    /** The patient was discharged (before the visit's end). */
    PATIENT_DISCHARGED("patient_discharged", false),
    /** No tablet given, and none enrolled (and not revoked) at the patient's bed. */
    NO_TABLET("no_tablet", false),
    /** The tablet given is not at the patient's bed (or does not exist). */
    TABLET_NOT_AT_BED("tablet_not_at_bed", false),
    /** The tablet is revoked. */
    TABLET_REVOKED("tablet_revoked", false),
    /** A contact to invite is not one of the patient's allowed contacts, or was removed. */
    CONTACT_NOT_ALLOWED("contact_not_allowed", false),
    /** The visit would start before now (a few minutes' grace: a visit booked to start now). */
    IN_THE_PAST("in_the_past", true),
    /** The length is not one the ward allows. */
    LENGTH_NOT_ALLOWED("length_not_allowed", true),
    /** The visit does not lie wholly inside one span of the ward's visiting hours of its day. */
    OUTSIDE_VISITING_HOURS("outside_visiting_hours", true),
    /** The tablet has another visit then, or is being cleaned after or before one. */
    TABLET_BUSY("tablet_busy", true),
    /** The patient has as many visits that day as the ward allows. */
    DAILY_CAP_REACHED("daily_cap_reached", true),
    /** A move of a visit whose slot has already opened. */
    VISIT_STARTED("visit_started", false),
    /** A move or a cancellation of a visit that is over (ended, cancelled, or its slot passed). */
    VISIT_OVER("visit_over", false);

    private final String code;
    private final boolean aboutTime;

    BookingRule(String code, boolean aboutTime) {
        this.code = code;
        this.aboutTime = aboutTime;
    }

    /** The code in a refusal ({@code 409 {"error": code, …}}). */
    public String code() {
        return code;
    }

    /** Whether another time could satisfy it: a refusal then offers free slots. */
    public boolean aboutTime() {
        return aboutTime;
    }
}
