package org.lucarne.signaling.sso;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.storage.Database;

/**
 * The SSO sign-ins in progress (table {@code sso_login}), kept in the database so that any node
 * can take the provider's answer and a restart loses nothing. Each lives {@link #LIFETIME} and is
 * taken once: {@link #take} deletes it, so a replayed answer finds nothing, on every node alike.
 * Only the SHA-256 of the state is stored.
 */
public final class PendingLogins {
    /** How long a person has at the provider before the sign-in must start again. */
    public static final Duration LIFETIME = Duration.ofMinutes(10);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Database db;
    private final Clock clock;
    private final SecureRandom random;

    public PendingLogins(Database db, Clock clock, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Starts a sign-in: fresh random state, nonce and code verifier (256 bits each), stored. */
    public PendingLogin start() {
        Instant now = clock.instant();
        // RFC 7636 §4.1: a verifier of 43 to 128 characters of [A-Za-z0-9-._~]; 32 random bytes in base64url give 43.
        PendingLogin login = new PendingLogin(randomText(), randomText(), randomText(), now);
        db.inTransaction(c -> {
            purgeExpired(c, now);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sso_login (state_hash, nonce, code_verifier,"
                    + " created_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, hash(login.state()));
                ps.setString(2, login.nonce());
                ps.setString(3, login.codeVerifier());
                ps.setLong(4, now.toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
        return login;
    }

    /**
     * Takes the sign-in started with {@code state}, once: empty when there is none, when it was
     * already taken, or when it is over {@link #LIFETIME} old.
     */
    public Optional<PendingLogin> take(String state) {
        Objects.requireNonNull(state, "state");
        if (state.isEmpty() || state.length() > 128) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = hash(state);
        return db.inTransaction(c -> {
            PendingLogin found = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT nonce, code_verifier, created_at FROM sso_login"
                    + " WHERE state_hash = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        found = new PendingLogin(state, rs.getString(1), rs.getString(2),
                                Instant.ofEpochMilli(rs.getLong(3)));
                    }
                }
            }
            if (found == null) {
                return Optional.<PendingLogin>empty();
            }
            // Whoever deletes the row owns the answer: two nodes given the same answer cannot both use it.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sso_login WHERE state_hash = ?")) {
                ps.setString(1, key);
                if (ps.executeUpdate() != 1) {
                    return Optional.<PendingLogin>empty();
                }
            }
            boolean fresh = now.isBefore(found.startedAt().plus(LIFETIME));
            return fresh ? Optional.of(found) : Optional.<PendingLogin>empty();
        });
    }

    /** How many sign-ins are in progress and not yet expired: for tests and the operator. */
    public int inProgress() {
        long since = clock.millis() - LIFETIME.toMillis();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM sso_login WHERE created_at > ?")) {
                ps.setLong(1, since);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    private static void purgeExpired(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM sso_login WHERE created_at <= ?")) {
            ps.setLong(1, now.minus(LIFETIME).toEpochMilli());
            ps.executeUpdate();
        }
    }

    private String randomText() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    static String hash(String state) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(state.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
