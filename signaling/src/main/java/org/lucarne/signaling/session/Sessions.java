package org.lucarne.signaling.session;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.policy.StaffActor;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Staff sessions (table {@code staff_session}): opened at the end of a sign-in, checked at every
 * request, ended by signing out, by an admin, by a password change, by disabling the account, or
 * by a timeout. Both timeouts are read from the injected clock: the idle one (no request for
 * {@code idle}) and the absolute one ({@code absolute} after sign-in, whatever happens).
 *
 * <p>Activity is written to {@code last_seen_at} at most every {@value #TOUCH_SECONDS} s, so a
 * busy console does not write at every request; the idle timeout may therefore end a session up to
 * that much early.
 *
 * <p>Every end is announced to the listeners after its transaction committed: the server closes
 * that session's sockets at once. An expiry is audited ({@code session.expired}) exactly once,
 * whether a request or the sweep finds it first: the update that ends a session only ends an open one.
 */
public final class Sessions {
    static final int TOUCH_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(Sessions.class);

    private final Database db;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final SecureRandom random;
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();

    public Sessions(Database db, AuditTrail audit, Clock clock, Duration idle, Duration absolute, SecureRandom random) {
        this.db = Objects.requireNonNull(db, "db");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idle = Objects.requireNonNull(idle, "idle");
        this.absolute = Objects.requireNonNull(absolute, "absolute");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** {@code listener} hears the token hash of every session that ends, after the end is committed. */
    public void onEnded(Consumer<String> listener) {
        endListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public Duration idleTimeout() {
        return idle;
    }

    /** Opens a session for {@code userId} inside the caller's transaction; returns its token, for the cookie. */
    public String open(Connection c, String userId) throws SQLException {
        String token = SessionTokens.newToken(random);
        long now = clock.millis();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO staff_session (token_hash, user_id, created_at,"
                + " last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, SessionTokens.hash(token));
            ps.setString(2, userId);
            ps.setLong(3, now);
            ps.setLong(4, now);
            ps.setLong(5, now + absolute.toMillis());
            ps.executeUpdate();
        }
        return token;
    }

    /** The open session of a cookie's token, counting this as activity; empty when it is over or unknown. */
    public Optional<ActiveSession> check(String token) {
        return check(token, true);
    }

    /**
     * The open session of a cookie's token; empty when it is over or unknown.
     *
     * @param activity false for what a page does by itself (a list refreshed on a timer), which must not
     *                 keep an unattended console signed in
     */
    public Optional<ActiveSession> check(String token, boolean activity) {
        return SessionTokens.wellFormed(token) ? checkHash(SessionTokens.hash(token), activity) : Optional.empty();
    }

    /**
     * The open session with this token hash. One found over is ended now (and audited, and announced),
     * so the caller sees the same whether or not the sweep came first.
     *
     * @param activity whether this counts as the user's activity (an API request: yes)
     */
    public Optional<ActiveSession> checkHash(String tokenHash, boolean activity) {
        Instant now = clock.instant();
        List<String> ended = new ArrayList<>();
        Optional<ActiveSession> found = db.inTransaction(c -> {
            Row r = row(c, tokenHash);
            if (r == null || r.ended) {
                return Optional.empty();
            }
            Optional<EndReason> over = !r.active ? Optional.of(EndReason.DISABLED) : overAt(r, now);
            if (over.isPresent()) {
                if (end(c, tokenHash, over.get(), now)) {
                    ended.add(tokenHash);
                    if (over.get() != EndReason.DISABLED) {
                        auditExpiry(c, r.userId, over.get());
                    }
                }
                return Optional.empty();
            }
            Instant seen = r.lastSeen;
            if (activity && !now.isBefore(r.lastSeen.plusSeconds(TOUCH_SECONDS))) {
                touch(c, tokenHash, now);
                seen = now;
            }
            return Optional.of(new ActiveSession(tokenHash, r.userId, r.role, wards(c, r.userId), r.created, seen,
                    r.expires));
        });
        announce(ended);
        return found;
    }

    /**
     * Who holds each of these sessions now, for those still open (not ended, within both timeouts, the
     * account active), with their role and wards read afresh: for what the server pushes to staff
     * sockets, which the policy decides at each push. Counts as nobody's activity and ends nothing (the
     * sweep does that); one transaction.
     */
    public Map<String, StaffActor> openActors(Collection<String> tokenHashes) {
        Instant now = clock.instant();
        return db.inTransaction(c -> {
            Map<String, StaffActor> open = new HashMap<>();
            for (String h : tokenHashes) {
                Row r = row(c, h);
                if (r != null && !r.ended && r.active && overAt(r, now).isEmpty()) {
                    open.put(h, new StaffActor(r.userId, r.role, wards(c, r.userId)));
                }
            }
            return open;
        });
    }

    /**
     * Counts as activity of the session, if it is open and not yet idle: for a member of staff in a call,
     * whose console sends no request for a while. At most one write every {@value #TOUCH_SECONDS} s.
     */
    public void keepAlive(String tokenHash) {
        long now = clock.millis();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_session SET last_seen_at = ? WHERE token_hash = ?"
                    + " AND ended_at IS NULL AND expires_at > ? AND last_seen_at <= ? AND last_seen_at > ?")) {
                ps.setLong(1, now);
                ps.setString(2, tokenHash);
                ps.setLong(3, now);
                ps.setLong(4, now - TOUCH_SECONDS * 1000L);
                ps.setLong(5, now - idle.toMillis());
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Ends one session in the caller's transaction. Call {@link #announce} with the hash after the
     * commit when this returns true.
     *
     * @return whether it was open
     */
    public boolean end(Connection c, String tokenHash, EndReason reason) throws SQLException {
        return end(c, tokenHash, reason, clock.instant());
    }

    /**
     * Ends every open session of {@code userId} but {@code except} (null for none) in the caller's
     * transaction, and returns their hashes: pass them to {@link #announce} after the commit.
     */
    public List<String> endAll(Connection c, String userId, EndReason reason, String except) throws SQLException {
        List<String> open = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT token_hash FROM staff_session WHERE user_id = ? AND ended_at IS NULL")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    open.add(rs.getString(1));
                }
            }
        }
        Instant now = clock.instant();
        List<String> ended = new ArrayList<>();
        for (String h : open) {
            if (!h.equals(except) && end(c, h, reason, now)) {
                ended.add(h);
            }
        }
        return ended;
    }

    /** Tells the listeners (the socket registry) that these sessions ended. Never throws. */
    public void announce(List<String> tokenHashes) {
        for (String h : tokenHashes) {
            for (Consumer<String> l : endListeners) {
                try {
                    l.accept(h);
                } catch (RuntimeException e) {
                    LOG.warn("a listener failed on the end of a session", e);
                }
            }
        }
    }

    /**
     * Ends every open session past its idle or absolute timeout, audits each ({@code session.expired},
     * actor {@code system}) and announces them. Run every few seconds by the server.
     *
     * @return how many ended
     */
    public int sweep() {
        Instant now = clock.instant();
        List<String> ended = new ArrayList<>();
        try {
            db.inTransaction(c -> {
                List<Row> due = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW + " FROM staff_session s JOIN staff_user u"
                        + " ON u.id = s.user_id WHERE s.ended_at IS NULL AND (s.expires_at <= ? OR s.last_seen_at <= ?)")) {
                    ps.setLong(1, now.toEpochMilli());
                    ps.setLong(2, now.toEpochMilli() - idle.toMillis());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            due.add(read(rs));
                        }
                    }
                }
                for (Row r : due) {
                    EndReason reason = overAt(r, now).orElse(EndReason.IDLE);
                    if (end(c, r.tokenHash, reason, now)) {
                        auditExpiry(c, r.userId, reason);
                        ended.add(r.tokenHash);
                    }
                }
                return null;
            });
        } catch (StorageException e) {
            LOG.warn("the session sweep failed; it will run again: {}", e.getMessage());
            return 0;
        }
        announce(ended);
        return ended.size();
    }

    private Optional<EndReason> overAt(Row r, Instant now) {
        if (!now.isBefore(r.expires)) {
            return Optional.of(EndReason.ABSOLUTE);
        }
        if (!now.isBefore(r.lastSeen.plus(idle))) {
            return Optional.of(EndReason.IDLE);
        }
        return Optional.empty();
    }

    private void auditExpiry(Connection c, String userId, EndReason reason) throws SQLException {
        audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.SESSION_EXPIRED, AuditOutcome.SUCCESS)
                .target("user", userId).detail("reason=" + reason.stored()));
    }

    private static boolean end(Connection c, String tokenHash, EndReason reason, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_session SET ended_at = ?, end_reason = ?"
                + " WHERE token_hash = ? AND ended_at IS NULL")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, reason.stored());
            ps.setString(3, tokenHash);
            return ps.executeUpdate() == 1;
        }
    }

    private static void touch(Connection c, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE staff_session SET last_seen_at = ? WHERE token_hash = ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setString(2, tokenHash);
            ps.executeUpdate();
        }
    }

    private static final String ROW = "s.token_hash, s.user_id, s.created_at, s.last_seen_at, s.expires_at,"
            + " s.ended_at, u.role, u.active";

    private static Row row(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ROW + " FROM staff_session s"
                + " JOIN staff_user u ON u.id = s.user_id WHERE s.token_hash = ?")) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    private static Row read(ResultSet rs) throws SQLException {
        String hash = rs.getString(1);
        String user = rs.getString(2);
        Instant created = Instant.ofEpochMilli(rs.getLong(3));
        Instant seen = Instant.ofEpochMilli(rs.getLong(4));
        Instant expires = Instant.ofEpochMilli(rs.getLong(5));
        rs.getLong(6);
        boolean ended = !rs.wasNull();
        Role role = Role.fromStored(rs.getString(7)).orElseThrow(() -> new StorageException("staff user " + user
                + " has a role this version does not know"));
        return new Row(hash, user, created, seen, expires, ended, role, rs.getBoolean(8));
    }

    static Set<String> wards(Connection c, String userId) throws SQLException {
        Set<String> wards = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT ward_id FROM staff_ward WHERE user_id = ?")) {
            ps.setString(1, userId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wards.add(rs.getString(1));
                }
            }
        }
        return wards;
    }

    private record Row(String tokenHash, String userId, Instant created, Instant lastSeen, Instant expires,
                       boolean ended, Role role, boolean active) {
    }
}
