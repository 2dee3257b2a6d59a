package org.lucarne.signaling.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.MutableClock;
import org.lucarne.signaling.personal.DataKeyRing;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.SecondFactors;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.storage.StorageContract;

/** The demo's staff accounts, on every dialect: fresh passwords each run, a stable authenticator secret. */
abstract class DemoStaffContract extends StorageContract {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.FLOOR, new SecureRandom(), 2);
    private StaffAccounts accounts;
    private SecondFactors factors;
    private Sessions sessions;
    private AuditTrail audit;

    @BeforeEach
    void setUp() {
        PersonalData personal = new PersonalData(DataKeyRing.generate(new SecureRandom()), new SecureRandom());
        accounts = new StaffAccounts(db, personal, clock, new SecureRandom());
        factors = new SecondFactors(personal, clock);
        audit = new AuditTrail(db, clock);
        sessions = new Sessions(db, audit, clock, Duration.ofMinutes(15), Duration.ofHours(12), new SecureRandom());
        DemoData.seed(db, clock);
    }

    private List<DemoStaff.Login> seed() {
        return DemoStaff.seed(accounts, factors, sessions, hasher, audit);
    }

    @Test
    void aNurseAndAnAdminOnTheDemoWardWithAPasswordAndAnAuthenticator() {
        List<DemoStaff.Login> logins = seed();
        assertEquals(List.of("nurse", "admin"), logins.stream().map(DemoStaff.Login::username).toList());
        for (DemoStaff.Login l : logins) {
            String id = db.inTransaction(c -> accounts.idOfUsername(c, l.username())).orElseThrow();
            StaffUser u = accounts.find(id).orElseThrow();
            assertEquals(List.of(DemoData.WARD_ID), u.wardIds());
            assertTrue(u.secondFactor() && !u.passwordOneTime() && u.active());
            String hash = db.inTransaction(c -> accounts.passwordHash(c, id)).orElseThrow();
            assertTrue(hasher.verify(hash, l.password()).matches());
            assertTrue(l.otpauthUri().startsWith("otpauth://totp/Lucarne:" + l.username() + "?secret="), l.otpauthUri());
        }
        assertEquals(Role.ADMIN, logins.get(1).role());
    }

    @Test
    void eachRunGivesNewPasswordsAndKeepsTheAuthenticatorSecret() {
        List<DemoStaff.Login> first = seed();
        String id = db.inTransaction(c -> accounts.idOfUsername(c, "nurse")).orElseThrow();
        String token = db.inTransaction(c -> sessions.open(c, id));
        db.inTransaction(c -> accounts.change(c, id, new StaffAccounts.Changes(Optional.empty(), Optional.of(Role.NURSE),
                Optional.of(java.util.Set.of()), Optional.of(false))));
        List<DemoStaff.Login> second = seed();
        assertNotEquals(first.get(0).password(), second.get(0).password());
        assertEquals(first.get(0).otpauthUri(), second.get(0).otpauthUri());
        assertEquals(first.get(1).otpauthUri(), second.get(1).otpauthUri());
        StaffUser nurse = accounts.find(id).orElseThrow();
        assertTrue(nurse.active(), "a demo account disabled in the console is back");
        assertEquals(List.of(DemoData.WARD_ID), nurse.wardIds());
        assertTrue(sessions.check(token).isEmpty(), "sessions with the old password ended");
    }
}
