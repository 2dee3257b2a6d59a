package org.lucarne.signaling.staff;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;

/**
 * The second factor of local accounts: the authenticator app's TOTP secret (sealed in
 * {@code staff_user.totp_secret}, confirmed once a code from it was accepted) and ten one-time
 * recovery codes (table {@code staff_recovery_code}, only their SHA-256). Every method runs in the
 * caller's transaction.
 */
public final class SecondFactors {
    /** The outcome of a code. */
    public enum Check {
        ACCEPTED,
        /** Not the code of now, the step before or the step after. */
        WRONG,
        /** The code of a step already used (or older): someone saw it, or it was typed twice. */
        REPLAYED
    }

    private final PersonalData personal;
    private final Clock clock;

    public SecondFactors(PersonalData personal, Clock clock) {
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Stores a new, unconfirmed secret (enrolment), replacing an unconfirmed one. */
    public void setUnconfirmedSecret(Connection c, String userId, String base32Secret) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET totp_secret = ?, totp_confirmed_at = NULL,"
                + " totp_last_step = NULL, updated_at = ? WHERE id = ?")) {
            ps.setString(1, personal.seal(SealedColumns.STAFF_TOTP_SECRET, userId, base32Secret));
            ps.setLong(2, clock.millis());
            ps.setString(3, userId);
            ps.executeUpdate();
        }
    }

    /** The secret, confirmed or not, in base32. */
    public Optional<String> secret(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT totp_secret FROM staff_user WHERE id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(personal.openNullable(SealedColumns.STAFF_TOTP_SECRET, userId,
                        rs.getString(1))) : Optional.empty();
            }
        }
    }

    /**
     * Checks a TOTP code (RFC 6238, one step of drift) against the user's secret; accepted, its step
     * becomes the newest used, so the same code, or an older one, is refused afterwards. Two requests
     * with one code race on one conditional update: only one wins.
     */
    public Check checkCode(Connection c, String userId, String code) throws SQLException {
        Optional<String> secret = secret(c, userId);
        if (secret.isEmpty()) {
            return Check.WRONG;
        }
        OptionalLong step = Totp.match(Base32.decode(secret.get()), code, clock.instant());
        if (step.isEmpty()) {
            return Check.WRONG;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET totp_last_step = ? WHERE id = ?"
                + " AND (totp_last_step IS NULL OR totp_last_step < ?)")) {
            ps.setLong(1, step.getAsLong());
            ps.setString(2, userId);
            ps.setLong(3, step.getAsLong());
            return ps.executeUpdate() == 1 ? Check.ACCEPTED : Check.REPLAYED;
        }
    }

    /** The enrolled secret now counts: sign-in asks for its codes from now on. */
    public void confirm(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET totp_confirmed_at = ?, updated_at = ?"
                + " WHERE id = ? AND totp_secret IS NOT NULL")) {
            ps.setLong(1, clock.millis());
            ps.setLong(2, clock.millis());
            ps.setString(3, userId);
            ps.executeUpdate();
        }
    }

    /** Forgets the secret and the recovery codes (an admin's reset): the user enrols again. */
    public void forget(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET totp_secret = NULL, totp_confirmed_at = NULL,"
                + " totp_last_step = NULL, updated_at = ? WHERE id = ?")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, userId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_recovery_code WHERE user_id = ?")) {
            ps.setString(1, userId);
            ps.executeUpdate();
        }
    }

    /** Replaces the user's recovery codes with {@code codes} (as given to them: only hashes are kept). */
    public void replaceRecoveryCodes(Connection c, String userId, List<String> codes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_recovery_code WHERE user_id = ?")) {
            ps.setString(1, userId);
            ps.executeUpdate();
        }
        for (String code : codes) {
            String normalized = ReadableCodes.normalizeRecoveryCode(code).orElseThrow();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO staff_recovery_code (user_id, code_hash) VALUES (?, ?)")) {
                ps.setString(1, userId);
                ps.setString(2, ReadableCodes.hashRecoveryCode(normalized));
                ps.executeUpdate();
            }
        }
    }

    /** Uses a recovery code: true once for each code, false for anything else. */
    public boolean useRecoveryCode(Connection c, String userId, String typed) throws SQLException {
        Optional<String> normalized = ReadableCodes.normalizeRecoveryCode(typed);
        if (normalized.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_recovery_code SET used_at = ? WHERE user_id = ?"
                + " AND code_hash = ? AND used_at IS NULL")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, userId);
            ps.setString(3, ReadableCodes.hashRecoveryCode(normalized.get()));
            return ps.executeUpdate() == 1;
        }
    }

    /** How many recovery codes the user has not used. */
    public int recoveryCodesLeft(Connection c, String userId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM staff_recovery_code WHERE user_id = ? AND used_at IS NULL")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
