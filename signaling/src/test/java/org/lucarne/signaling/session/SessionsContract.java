package org.lucarne.signaling.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.MutableClock;
import org.lucarne.signaling.personal.DataKeyRing;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.storage.StorageContract;

/** What {@link Sessions} promises on every dialect, time moved by a test clock. */
abstract class SessionsContract extends StorageContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private Sessions sessions;
    private StaffAccounts accounts;
    private final List<String> ended = new ArrayList<>();
    private String userId;

    @BeforeEach
    void setUp() {
        PersonalData personal = new PersonalData(DataKeyRing.generate(new SecureRandom()), new SecureRandom());
        accounts = new StaffAccounts(db, personal, clock, new SecureRandom());
        sessions = new Sessions(db, new AuditTrail(db, clock), clock, Duration.ofMinutes(15), Duration.ofHours(12),
                new SecureRandom());
        sessions.onEnded(ended::add);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
            }
            return null;
        });
        userId = db.inTransaction(c -> accounts.create(c, new StaffAccounts.NewUser("ann", "Ann", Role.WARD_MANAGER,
                Set.of("w1"), null, false))).id();
    }

    private String open() {
        return db.inTransaction(c -> sessions.open(c, userId));
    }

    @Test
    void aSessionCarriesItsUsersRoleAndWardsAndOnlyItsTokenHashIsStored() {
        String token = open();
        ActiveSession s = sessions.check(token).orElseThrow();
        assertEquals(userId, s.userId());
        assertEquals(Role.WARD_MANAGER, s.role());
        assertEquals(Set.of("w1"), s.wards());
        assertEquals(clock.instant().plus(Duration.ofHours(12)), s.expiresAt());
        assertEquals(SessionTokens.hash(token), s.tokenHash());
        assertEquals(0, count("SELECT COUNT(*) FROM staff_session WHERE token_hash = '" + token + "'"));
        assertTrue(sessions.check("not a token").isEmpty());
        assertTrue(sessions.check("A".repeat(43)).isEmpty());
    }

    @Test
    void activityIsWrittenAtMostEveryThirtySeconds() {
        String token = open();
        Instant start = clock.instant();
        clock.advance(Duration.ofSeconds(29));
        assertEquals(start, sessions.check(token).orElseThrow().lastSeenAt());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(clock.instant(), sessions.check(token).orElseThrow().lastSeenAt());
    }

    @Test
    void idleSessionEndsAndIsAuditedOnceWhoeverSeesItFirst() {
        String token = open();
        clock.advance(Duration.ofMinutes(15));
        assertEquals(1, sessions.sweep());
        assertEquals(0, sessions.sweep());
        assertTrue(sessions.check(token).isEmpty());
        assertEquals(List.of(SessionTokens.hash(token)), ended);
        assertEquals(1, count("SELECT COUNT(*) FROM audit_entry WHERE action = 'session.expired'"));
        assertEquals("idle", endReason(token));

        String other = open();
        clock.advance(Duration.ofMinutes(16));
        assertTrue(sessions.check(other).isEmpty(), "a request finds it over first");
        assertEquals(0, sessions.sweep());
        assertEquals(2, count("SELECT COUNT(*) FROM audit_entry WHERE action = 'session.expired'"));
    }

    @Test
    void aSessionEndsAtTheAbsoluteTimeoutEvenWhenBusy() {
        String token = open();
        Instant end = clock.instant().plus(Duration.ofHours(12));
        while (clock.instant().plus(Duration.ofMinutes(10)).isBefore(end)) {
            clock.advance(Duration.ofMinutes(10));
            assertTrue(sessions.check(token).isPresent(), "at " + clock.instant());
        }
        clock.set(end);
        assertTrue(sessions.check(token).isEmpty(), "12 hours after sign-in, active or not");
        assertEquals("absolute", endReason(token));
    }

    @Test
    void endAllSparesTheOneAskedAndAnnouncesTheOthersAfterCommit() {
        String mine = open();
        String other1 = open();
        String other2 = open();
        List<String> gone = db.inTransaction(c -> sessions.endAll(c, userId, EndReason.PASSWORD_CHANGED,
                SessionTokens.hash(mine)));
        assertEquals(2, gone.size());
        assertTrue(ended.isEmpty(), "nothing is announced inside the transaction");
        sessions.announce(gone);
        assertEquals(Set.copyOf(gone), Set.copyOf(ended));
        assertTrue(sessions.check(mine).isPresent());
        assertTrue(sessions.check(other1).isEmpty() && sessions.check(other2).isEmpty());
        assertEquals("password_changed", endReason(other1));
    }

    @Test
    void aDisabledUsersSessionIsOverAtItsNextCheck() {
        String token = open();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET active = ? WHERE id = ?")) {
                ps.setBoolean(1, false);
                ps.setString(2, userId);
                ps.executeUpdate();
            }
            return null;
        });
        assertTrue(sessions.check(token).isEmpty());
        assertEquals("disabled", endReason(token));
    }

    @Test
    void keepAliveCountsForAnOpenSessionButDoesNotReviveAnIdleOne() {
        String token = open();
        String hash = SessionTokens.hash(token);
        clock.advance(Duration.ofMinutes(10));
        sessions.keepAlive(hash);
        clock.advance(Duration.ofMinutes(10));
        assertTrue(sessions.checkHash(hash, false).isPresent(), "kept alive 10 minutes ago");
        clock.advance(Duration.ofMinutes(15));
        sessions.keepAlive(hash);
        assertEquals(Optional.empty(), sessions.checkHash(hash, false), "too late: idle for 15 minutes already");
    }

    private String endReason(String token) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT end_reason FROM staff_session WHERE token_hash = ?")) {
                ps.setString(1, SessionTokens.hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private long count(String sql) {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
