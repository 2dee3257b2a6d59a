package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.MutableClock;
import org.lucarne.signaling.personal.DataKeyRing;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.StaffException.Problem;
import org.lucarne.signaling.storage.StorageContract;

/** What {@link StaffAccounts} and {@link SecondFactors} promise on every dialect. */
abstract class StaffAccountsContract extends StorageContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private StaffAccounts accounts;
    private SecondFactors factors;

    @BeforeEach
    void setUp() {
        PersonalData personal = new PersonalData(DataKeyRing.generate(new SecureRandom()), new SecureRandom());
        accounts = new StaffAccounts(db, personal, clock, new SecureRandom());
        factors = new SecondFactors(personal, clock);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1'), ('w2', 'Ward 2')");
            }
            return null;
        });
    }

    private StaffUser create(String username, Role role, String... wards) {
        return db.inTransaction(c -> accounts.create(c, new StaffAccounts.NewUser(username, "Name of " + username, role,
                Set.of(wards), "$argon2id$v=19$m=19456,t=2,p=1$hash", false)));
    }

    @Test
    void anAccountIsFoundByItsUsernameWhichIsStoredSealed() {
        StaffUser u = create("marie.dupont", Role.NURSE, "w2", "w1");
        assertEquals(Optional.of(u.id()), db.inTransaction(c -> accounts.idOfUsername(c, "marie.dupont")));
        assertEquals(Optional.empty(), db.inTransaction(c -> accounts.idOfUsername(c, "marie")));
        StaffUser found = accounts.find(u.id()).orElseThrow();
        assertEquals("marie.dupont", found.username());
        assertEquals("Name of marie.dupont", found.displayName());
        assertEquals(List.of("w1", "w2"), found.wardIds());
        assertTrue(found.active() && found.hasPassword() && !found.secondFactor() && !found.sso());
        String raw = db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT username, username_index, display_name FROM staff_user")) {
                rs.next();
                return rs.getString(1) + rs.getString(2) + rs.getString(3);
            }
        });
        assertFalse(raw.contains("marie") || raw.contains("Name of"), "neither the username nor the name in clear: " + raw);
    }

    @Test
    void aUsernameIsTakenOnceAndWardsMustExist() {
        create("bob", Role.NURSE);
        StaffException taken = assertThrows(StaffException.class, () -> create("bob", Role.ADMIN));
        assertEquals(Problem.USERNAME_TAKEN, taken.problem());
        StaffException ward = assertThrows(StaffException.class, () -> create("carol", Role.NURSE, "w1", "w9"));
        assertEquals(Problem.UNKNOWN_WARD, ward.problem());
        assertTrue(ward.getMessage().contains("w9"));
        assertEquals(Optional.empty(), db.inTransaction(c -> accounts.idOfUsername(c, "carol")), "nothing half-written");
    }

    @Test
    void changesReplaceWardsAndKeepWhatWasNotAsked() {
        create("admin", Role.ADMIN);
        StaffUser u = create("dave", Role.NURSE, "w1");
        StaffUser changed = db.inTransaction(c -> accounts.change(c, u.id(), new StaffAccounts.Changes(Optional.empty(),
                Optional.of(Role.WARD_MANAGER), Optional.of(Set.of("w2")), Optional.empty())));
        assertEquals(Role.WARD_MANAGER, changed.role());
        assertEquals(List.of("w2"), changed.wardIds());
        assertEquals("Name of dave", changed.displayName());
        assertTrue(changed.active());
    }

    @Test
    void theLastActiveAdminStays() {
        StaffUser a = create("root", Role.ADMIN);
        StaffException e = assertThrows(StaffException.class, () -> db.inTransaction(c -> accounts.change(c, a.id(),
                new StaffAccounts.Changes(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(false)))));
        assertEquals(Problem.LAST_ADMIN, e.problem());
        StaffUser b = create("root2", Role.ADMIN);
        db.inTransaction(c -> accounts.change(c, a.id(), new StaffAccounts.Changes(Optional.empty(), Optional.of(Role.NURSE),
                Optional.empty(), Optional.empty())));
        assertEquals(Role.NURSE, accounts.find(a.id()).orElseThrow().role());
        assertEquals(Role.ADMIN, accounts.find(b.id()).orElseThrow().role());
    }

    @Test
    void aCodeIsAcceptedOnceAndOlderOnesNever() {
        StaffUser u = create("erin", Role.NURSE);
        String secret = Totp.newSecret(new SecureRandom());
        db.inTransaction(c -> {
            factors.setUnconfirmedSecret(c, u.id(), secret);
            factors.confirm(c, u.id());
            return null;
        });
        byte[] key = Base32.decode(secret);
        long now = Totp.step(clock.instant());
        assertEquals(SecondFactors.Check.ACCEPTED, check(u, Totp.code(key, now)));
        assertEquals(SecondFactors.Check.REPLAYED, check(u, Totp.code(key, now)));
        assertEquals(SecondFactors.Check.REPLAYED, check(u, Totp.code(key, now - 1)), "an older step, though in the window");
        assertEquals(SecondFactors.Check.ACCEPTED, check(u, Totp.code(key, now + 1)), "the next step, clock drift");
        assertEquals(SecondFactors.Check.WRONG, check(u, "000000".equals(Totp.code(key, now + 1)) ? "111111" : "000000"));
        assertTrue(accounts.find(u.id()).orElseThrow().secondFactor());
        String stored = db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT totp_secret FROM staff_user")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertFalse(stored.contains(secret), "the secret is sealed");
    }

    @Test
    void twoSignInsWithOneCodeAtOnceLetOnlyOneIn() throws Exception {
        StaffUser u = create("fay", Role.NURSE);
        String secret = Totp.newSecret(new SecureRandom());
        db.inTransaction(c -> {
            factors.setUnconfirmedSecret(c, u.id(), secret);
            return null;
        });
        String code = Totp.code(Base32.decode(secret), Totp.step(clock.instant()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<SecondFactors.Check> attempt = () -> check(u, code);
            List<Future<SecondFactors.Check>> all = pool.invokeAll(List.of(attempt, attempt, attempt, attempt));
            long accepted = 0;
            for (Future<SecondFactors.Check> f : all) {
                accepted += f.get() == SecondFactors.Check.ACCEPTED ? 1 : 0;
            }
            assertEquals(1, accepted);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recoveryCodesWorkOnceEachAndOnlyTheirHashesAreKept() {
        StaffUser u = create("gus", Role.NURSE);
        List<String> codes = ReadableCodes.recoveryCodes(new SecureRandom());
        db.inTransaction(c -> {
            factors.replaceRecoveryCodes(c, u.id(), codes);
            return null;
        });
        assertTrue(use(u, codes.get(0)));
        assertFalse(use(u, codes.get(0)), "a second time");
        assertFalse(use(u, "zzzzz-zzzzz"));
        assertEquals(9, (int) db.inTransaction(c -> factors.recoveryCodesLeft(c, u.id())));
        String stored = db.inTransaction(c -> {
            StringBuilder s = new StringBuilder();
            try (PreparedStatement ps = c.prepareStatement("SELECT code_hash FROM staff_recovery_code");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    s.append(rs.getString(1));
                }
            }
            return s.toString();
        });
        for (String code : codes) {
            assertFalse(stored.contains(code.replace("-", "")), "no code in clear");
        }
        db.inTransaction(c -> {
            factors.forget(c, u.id());
            return null;
        });
        assertEquals(0, (int) db.inTransaction(c -> factors.recoveryCodesLeft(c, u.id())));
        assertFalse(accounts.find(u.id()).orElseThrow().secondFactor());
    }

    @Test
    void anSsoIdentityIsLinkedAndFoundByItsIndex() {
        StaffUser u = create("hal", Role.NURSE);
        String subject = "https://sso.example/realms/h 0b8f-hal";
        db.inTransaction(c -> {
            accounts.linkOidcSubject(c, u.id(), subject);
            return null;
        });
        assertEquals(Optional.of(u.id()), db.inTransaction(c -> accounts.idOfOidcSubject(c, subject)));
        assertTrue(accounts.find(u.id()).orElseThrow().sso());
        assertEquals(Optional.empty(), db.inTransaction(c -> accounts.idOfOidcSubject(c, subject + "x")));
    }

    private boolean use(StaffUser u, String code) {
        Boolean used = db.inTransaction(c -> factors.useRecoveryCode(c, u.id(), code));
        return used;
    }

    private SecondFactors.Check check(StaffUser u, String code) {
        return db.inTransaction(c -> factors.checkCode(c, u.id(), code));
    }
}
