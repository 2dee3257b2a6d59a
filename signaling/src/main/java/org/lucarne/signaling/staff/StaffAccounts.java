package org.lucarne.signaling.staff;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.StaffException.Problem;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.StorageException;
import org.lucarne.signaling.ward.WardRef;

/**
 * Staff accounts (tables {@code staff_user}, {@code staff_ward}). The username and display name are
 * sealed ({@link PersonalData}); a username is found by its blind index. Methods that take a
 * {@link Connection} run in the caller's transaction, so a change and its audit entry commit together.
 */
public final class StaffAccounts {
    private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();
    private static final String COLUMNS = "id, username, display_name, role, active,"
            + " CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, password_one_time,"
            + " CASE WHEN totp_confirmed_at IS NULL THEN 0 ELSE 1 END,"
            + " CASE WHEN oidc_subject_index IS NULL THEN 0 ELSE 1 END, created_at";

    /** A new account: the username normalized, a password hash or none (SSO only). */
    public record NewUser(String username, String displayName, Role role, Set<String> wards, String passwordHash,
                          boolean passwordOneTime) {
        public NewUser {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(role, "role");
            wards = Set.copyOf(wards);
        }
    }

    /**
     * What sign-in needs to know of an account, and nothing else reads: its password hash (null for
     * none), whether that password is one-time, whether a second factor is enrolled, and the username's
     * blind index (the throttle's key).
     */
    public record SignInState(String userId, boolean active, String passwordHash, boolean passwordOneTime,
                              boolean secondFactor, String usernameIndex) {
        @Override
        public String toString() {
            return "SignInState[" + userId + "]";
        }
    }

    /** What an admin changes; empty parts stay as they are. */
    public record Changes(Optional<String> displayName, Optional<Role> role, Optional<Set<String>> wards,
                          Optional<Boolean> active) {
    }

    private final Database db;
    private final PersonalData personal;
    private final Clock clock;
    private final SecureRandom random;

    public StaffAccounts(Database db, PersonalData personal, Clock clock, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.personal = Objects.requireNonNull(personal, "personal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    public Database database() {
        return db;
    }

    /**
     * Creates an account.
     *
     * @throws StaffException when the username is taken or a ward does not exist
     */
    public StaffUser create(Connection c, NewUser u) throws SQLException {
        if (idOfUsername(c, u.username()).isPresent()) {
            throw new StaffException(Problem.USERNAME_TAKEN, "username", "the username " + u.username()
                    + " is taken: choose another");
        }
        requireWards(c, u.wards());
        byte[] b = new byte[16];
        random.nextBytes(b);
        String id = ID.encodeToString(b);
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_user (id, username, username_index, display_name,"
                + " role, active, password_hash, password_one_time, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, personal.seal(SealedColumns.STAFF_USERNAME, id, u.username()));
            ps.setString(3, usernameIndex(u.username()));
            ps.setString(4, personal.seal(SealedColumns.STAFF_DISPLAY_NAME, id, u.displayName()));
            ps.setString(5, u.role().stored());
            ps.setBoolean(6, true);
            ps.setString(7, u.passwordHash());
            ps.setBoolean(8, u.passwordOneTime());
            ps.setLong(9, now);
            ps.setLong(10, now);
            ps.executeUpdate();
        }
        setWards(c, id, u.wards());
        return find(c, id).orElseThrow();
    }

    public Optional<StaffUser> find(String id) {
        return db.inTransaction(c -> find(c, id));
    }

    public Optional<StaffUser> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_user WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(c, rs)) : Optional.empty();
            }
        }
    }

    /** Every account, by username. */
    public List<StaffUser> list() {
        return db.inTransaction(c -> {
            List<StaffUser> all = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM staff_user");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    all.add(read(c, rs));
                }
            }
            all.sort((x, y) -> x.username().compareTo(y.username()));
            return all;
        });
    }

    /** The account with this (normalized) username, looked up by its blind index. */
    public Optional<String> idOfUsername(Connection c, String normalizedUsername) throws SQLException {
        return idBy(c, "username_index", usernameIndex(normalizedUsername));
    }

    /** The blind index of a normalized username: also what sign-in throttles by, known or not. */
    public String usernameIndex(String normalizedUsername) {
        return personal.index(Usernames.INDEX_PURPOSE, normalizedUsername);
    }

    /**
     * Applies an admin's changes.
     *
     * @throws StaffException for an unknown user or ward, or a change that would leave no active admin
     */
    public StaffUser change(Connection c, String id, Changes ch) throws SQLException {
        StaffUser before = find(c, id).orElseThrow(() -> new StaffException(Problem.UNKNOWN_USER, null,
                "there is no staff account " + id));
        boolean staysAdmin = ch.role().orElse(before.role()) == Role.ADMIN && ch.active().orElse(before.active());
        if (before.role() == Role.ADMIN && before.active() && !staysAdmin && activeAdmins(c) <= 1) {
            throw new StaffException(Problem.LAST_ADMIN, ch.role().isPresent() ? "role" : "active", "this is the last"
                    + " active admin: make another account admin first, or nobody could manage accounts any more");
        }
        if (ch.wards().isPresent()) {
            requireWards(c, ch.wards().get());
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_ward WHERE user_id = ?")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
            setWards(c, id, ch.wards().get());
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET display_name = ?, role = ?, active = ?,"
                + " updated_at = ? WHERE id = ?")) {
            ps.setString(1, ch.displayName().map(n -> personal.seal(SealedColumns.STAFF_DISPLAY_NAME, id, n))
                    .orElse(sealedDisplayName(c, id)));
            ps.setString(2, ch.role().orElse(before.role()).stored());
            ps.setBoolean(3, ch.active().orElse(before.active()));
            ps.setLong(4, clock.millis());
            ps.setString(5, id);
            ps.executeUpdate();
        }
        return find(c, id).orElseThrow();
    }

    /** Sets the password hash; {@code oneTime}: it must be changed at the next sign-in. */
    public void setPassword(Connection c, String id, String hash, boolean oneTime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET password_hash = ?, password_one_time = ?,"
                + " updated_at = ? WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setBoolean(2, oneTime);
            ps.setLong(3, clock.millis());
            ps.setString(4, id);
            if (ps.executeUpdate() != 1) {
                throw new StaffException(Problem.UNKNOWN_USER, null, "there is no staff account " + id);
            }
        }
    }

    public Optional<SignInState> signInState(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT active, password_hash, password_one_time,"
                + " CASE WHEN totp_confirmed_at IS NULL THEN 0 ELSE 1 END, username_index FROM staff_user WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new SignInState(id, rs.getBoolean(1), rs.getString(2), rs.getBoolean(3),
                        rs.getInt(4) == 1, rs.getString(5))) : Optional.empty();
            }
        }
    }

    /** The stored password hash, or empty (SSO only, or no such account). */
    public Optional<String> passwordHash(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM staff_user WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    // --- the seam for the hospital's SSO: an external sign-in finds or links its account

    /** The account linked to this SSO identity ({@code issuer} and {@code subject} as one string). */
    public Optional<String> idOfOidcSubject(Connection c, String subject) throws SQLException {
        return idBy(c, "oidc_subject_index", personal.index(SealedColumns.STAFF_OIDC_SUBJECT_INDEX.purpose(), subject));
    }

    /** Links an account to an SSO identity (sealed, with its blind index). */
    public void linkOidcSubject(Connection c, String id, String subject) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET oidc_subject = ?, oidc_subject_index = ?,"
                + " updated_at = ? WHERE id = ?")) {
            ps.setString(1, personal.seal(SealedColumns.STAFF_OIDC_SUBJECT, id, subject));
            ps.setString(2, personal.index(SealedColumns.STAFF_OIDC_SUBJECT_INDEX.purpose(), subject));
            ps.setLong(3, clock.millis());
            ps.setString(4, id);
            ps.executeUpdate();
        }
    }

    // --- helpers

    private int activeAdmins(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM staff_user WHERE role = ? AND active = ?")) {
            ps.setString(1, Role.ADMIN.stored());
            ps.setBoolean(2, true);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Optional<String> idBy(Connection c, String column, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM staff_user WHERE " + column + " = ?")) {
            ps.setString(1, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static String sealedDisplayName(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT display_name FROM staff_user WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static void requireWards(Connection c, Set<String> wards) throws SQLException {
        for (String w : new LinkedHashSet<>(wards)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ward WHERE id = ?")) {
                ps.setString(1, w);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new StaffException(Problem.UNKNOWN_WARD, "wards", "there is no ward " + w);
                    }
                }
            }
        }
    }

    private static void setWards(Connection c, String id, Set<String> wards) throws SQLException {
        for (String w : wards) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_ward (user_id, ward_id) VALUES (?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, w);
                ps.executeUpdate();
            }
        }
    }

    private StaffUser read(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        Role role = Role.fromStored(rs.getString(4)).orElseThrow(() -> new StorageException("staff user " + id
                + " has a role this version does not know"));
        return new StaffUser(id, personal.open(SealedColumns.STAFF_USERNAME, id, rs.getString(2)),
                personal.open(SealedColumns.STAFF_DISPLAY_NAME, id, rs.getString(3)), role, rs.getBoolean(5),
                wards(c, id), rs.getInt(6) == 1, rs.getBoolean(7), rs.getInt(8) == 1, rs.getInt(9) == 1,
                Instant.ofEpochMilli(rs.getLong(10)));
    }

    private static List<WardRef> wards(Connection c, String id) throws SQLException {
        List<WardRef> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.id, w.name FROM staff_ward sw JOIN ward w"
                + " ON w.id = sw.ward_id WHERE sw.user_id = ? ORDER BY w.name, w.id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WardRef(rs.getString(1), rs.getString(2)));
                }
            }
        }
        return out;
    }
}
