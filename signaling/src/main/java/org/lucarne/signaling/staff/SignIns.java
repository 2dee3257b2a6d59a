package org.lucarne.signaling.staff;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.session.SessionTokens;
import org.lucarne.signaling.storage.Database;

/**
 * Sign-ins in progress (table {@code staff_sign_in}): after a good password, which step comes next
 * for whom. The browser holds the token in {@code __Host-lucarne-signin}; only its hash is stored.
 * A sign-in lasts {@link #LIFETIME} from its last step.
 */
public final class SignIns {
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    /** The step a sign-in waits for. */
    public enum Step {
        CODE("code"),
        CHANGE_PASSWORD("change_password"),
        ENROL("enrol");

        private final String stored;

        Step(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }

        static Step fromStored(String s) {
            for (Step x : values()) {
                if (x.stored.equals(s)) {
                    return x;
                }
            }
            throw new IllegalArgumentException("unknown sign-in step '" + s + "'");
        }
    }

    /** A sign-in in progress, and whether it is still within its lifetime. */
    public record Pending(String tokenHash, String userId, Step step, Instant since, boolean expired) {
    }

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;

    public SignIns(Database db, Clock clock, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts a sign-in at {@code step}; returns its token, for the cookie. */
    public String start(Connection c, String userId, Step step) throws SQLException {
        String token = SessionTokens.newToken(random);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO staff_sign_in (token_hash, user_id, step, created_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, SessionTokens.hash(token));
            ps.setString(2, userId);
            ps.setString(3, step.stored());
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
        return token;
    }

    public Optional<Pending> find(Connection c, String token) throws SQLException {
        if (!SessionTokens.wellFormed(token)) {
            return Optional.empty();
        }
        String hash = SessionTokens.hash(token);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT user_id, step, created_at FROM staff_sign_in WHERE token_hash = ?")) {
            ps.setString(1, hash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Instant since = Instant.ofEpochMilli(rs.getLong(3));
                return Optional.of(new Pending(hash, rs.getString(1), Step.fromStored(rs.getString(2)), since,
                        !clock.instant().isBefore(since.plus(LIFETIME))));
            }
        }
    }

    /** Moves the sign-in to {@code step}, with a new lifetime. */
    public void advance(Connection c, String tokenHash, Step step) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE staff_sign_in SET step = ?, created_at = ? WHERE token_hash = ?")) {
            ps.setString(1, step.stored());
            ps.setLong(2, clock.millis());
            ps.setString(3, tokenHash);
            ps.executeUpdate();
        }
    }

    public void finish(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sign_in WHERE token_hash = ?")) {
            ps.setString(1, tokenHash);
            ps.executeUpdate();
        }
    }

    /** Forgets sign-ins past their lifetime. */
    public int sweep() {
        long cutoff = clock.millis() - LIFETIME.toMillis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM staff_sign_in WHERE created_at <= ?")) {
                ps.setLong(1, cutoff);
                return ps.executeUpdate();
            }
        });
    }
}
