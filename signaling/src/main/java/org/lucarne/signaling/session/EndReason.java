package org.lucarne.signaling.session;

/** Why a staff session ended (column {@code staff_session.end_reason}). */
public enum EndReason {
    SIGNED_OUT("signed_out"),
    SIGNED_OUT_EVERYWHERE("signed_out_everywhere"),
    /** No request within the idle timeout. */
    IDLE("idle"),
    /** The absolute timeout: a shift is over. */
    ABSOLUTE("absolute"),
    ENDED_BY_ADMIN("ended_by_admin"),
    /** The user changed their password: their other sessions end. */
    PASSWORD_CHANGED("password_changed"),
    /** An admin reset the account. */
    PASSWORD_RESET("password_reset"),
    /** An admin disabled the account. */
    DISABLED("disabled");

    private final String stored;

    EndReason(String stored) {
        this.stored = stored;
    }

    public String stored() {
        return stored;
    }
}
