package org.lucarne.signaling.personal;

import java.util.List;

/**
 * Every column of the schema that holds sealed personal data, and every blind index: what
 * {@code ./lucarne keys rotate} re-seals, and what the at-rest tests look for. A feature that
 * adds such a column adds it here.
 */
public final class SealedColumns {
    public static final SealedColumn PATIENT_NAME = new SealedColumn("patient", "display_name", "id");
    public static final SealedColumn CONTACT_NAME = new SealedColumn("family_contact", "display_name", "id");
    /** The patient's INS (French national health identifier): the matricule and its OID, as one text. */
    public static final SealedColumn PATIENT_INS = new SealedColumn("patient", "ins", "id");
    /** The hospital's own identifier of the patient (its IPP): the source of {@link #PATIENT_HOSPITAL_ID_INDEX}. */
    public static final SealedColumn PATIENT_HOSPITAL_ID = new SealedColumn("patient", "hospital_id", "id");
    /** How a contact is related to the patient, in the ward's words ("daughter", "neighbour"). */
    public static final SealedColumn CONTACT_RELATIONSHIP = new SealedColumn("family_contact", "relationship", "id");
    /** A contact's mobile phone number, E.164 ({@code +33612345678}). */
    public static final SealedColumn CONTACT_PHONE = new SealedColumn("family_contact", "phone", "id");
    /** A contact's e-mail address. */
    public static final SealedColumn CONTACT_EMAIL = new SealedColumn("family_contact", "email", "id");
    /**
     * An invite's link ({@code https://HOST/v/{id}#{secret}}), kept until its visit is over so that reminders
     * and a resend can carry it (notify.InviteLinks).
     */
    public static final SealedColumn INVITE_LINK = new SealedColumn("invite_link", "link", "invite_id_hash");
    /** What an outbox message says (its subject and text), for the staff who pass it on; purged with the link. */
    public static final SealedColumn NOTIFY_BODY = new SealedColumn("notify_message", "body", "id");
    /** A staff member's username, normalized (staff.Usernames): the source of {@link #STAFF_USERNAME_INDEX}. */
    public static final SealedColumn STAFF_USERNAME = new SealedColumn("staff_user", "username", "id");
    public static final SealedColumn STAFF_DISPLAY_NAME = new SealedColumn("staff_user", "display_name", "id");
    /** The base32 TOTP secret of a staff member's authenticator app. */
    public static final SealedColumn STAFF_TOTP_SECRET = new SealedColumn("staff_user", "totp_secret", "id");
    /** The hospital SSO's identity of a staff member ({@code <issuer>|<subject>}, made by {@code sso.SsoIdentity}). */
    public static final SealedColumn STAFF_OIDC_SUBJECT = new SealedColumn("staff_user", "oidc_subject", "id");

    /** Sign-in looks a username up by this index. */
    public static final BlindIndexColumn STAFF_USERNAME_INDEX =
            new BlindIndexColumn("username_index", STAFF_USERNAME, "username");
    /** SSO looks a staff member up by the provider's subject with this index. */
    public static final BlindIndexColumn STAFF_OIDC_SUBJECT_INDEX =
            new BlindIndexColumn("oidc_subject_index", STAFF_OIDC_SUBJECT, "oidc-subject");

    /** A patient is found by the hospital's identifier with this index (the identifier as the ward typed it, trimmed). */
    public static final BlindIndexColumn PATIENT_HOSPITAL_ID_INDEX =
            new BlindIndexColumn("hospital_id_index", PATIENT_HOSPITAL_ID, "patient-hospital-id");

    /** Every sealed column, in an order that rotation may follow. */
    public static final List<SealedColumn> ALL = List.of(PATIENT_NAME, PATIENT_INS, PATIENT_HOSPITAL_ID, CONTACT_NAME,
            CONTACT_RELATIONSHIP, CONTACT_PHONE, CONTACT_EMAIL, INVITE_LINK, NOTIFY_BODY, STAFF_USERNAME,
            STAFF_DISPLAY_NAME, STAFF_TOTP_SECRET, STAFF_OIDC_SUBJECT);

    /** Every blind index column. */
    public static final List<BlindIndexColumn> INDEXES = List.of(PATIENT_HOSPITAL_ID_INDEX, STAFF_USERNAME_INDEX,
            STAFF_OIDC_SUBJECT_INDEX);

    private SealedColumns() {
    }
}
