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
    /** A staff member's username, normalized (staff.Usernames): the source of {@link #STAFF_USERNAME_INDEX}. */
    public static final SealedColumn STAFF_USERNAME = new SealedColumn("staff_user", "username", "id");
    public static final SealedColumn STAFF_DISPLAY_NAME = new SealedColumn("staff_user", "display_name", "id");
    /** The base32 TOTP secret of a staff member's authenticator app. */
    public static final SealedColumn STAFF_TOTP_SECRET = new SealedColumn("staff_user", "totp_secret", "id");
    /** The hospital SSO's identity of a staff member ({@code <issuer> <subject>}). */
    public static final SealedColumn STAFF_OIDC_SUBJECT = new SealedColumn("staff_user", "oidc_subject", "id");

    /** Sign-in looks a username up by this index. */
    public static final BlindIndexColumn STAFF_USERNAME_INDEX =
            new BlindIndexColumn("username_index", STAFF_USERNAME, "username");
    /** SSO looks a staff member up by the provider's subject with this index. */
    public static final BlindIndexColumn STAFF_OIDC_SUBJECT_INDEX =
            new BlindIndexColumn("oidc_subject_index", STAFF_OIDC_SUBJECT, "oidc-subject");

    /** Every sealed column, in an order that rotation may follow. */
    public static final List<SealedColumn> ALL = List.of(PATIENT_NAME, CONTACT_NAME, STAFF_USERNAME,
            STAFF_DISPLAY_NAME, STAFF_TOTP_SECRET, STAFF_OIDC_SUBJECT);

    /** Every blind index column. */
    public static final List<BlindIndexColumn> INDEXES = List.of(STAFF_USERNAME_INDEX, STAFF_OIDC_SUBJECT_INDEX);

    private SealedColumns() {
    }
}
