package org.lucarne.signaling.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.StaffSettings;
import org.lucarne.testing.ManualClock;
import org.lucarne.signaling.personal.DataKeyRing;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.session.SessionCookies;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.SecondFactors;
import org.lucarne.signaling.staff.SignIn;
import org.lucarne.signaling.staff.SignInThrottle;
import org.lucarne.signaling.staff.SignIns;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.storage.StorageContract;

/** What {@link SsoAccounts} does to accounts and sessions, on every dialect. */
abstract class SsoAccountsContract extends StorageContract {
    static final String ISSUER = "https://sso.chu.example/realms/chu";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private StaffAccounts accounts;
    private Sessions sessions;
    private SignIn signIn;

    @BeforeEach
    void setUp() {
        PersonalData personal = new PersonalData(DataKeyRing.generate(new SecureRandom()), new SecureRandom());
        accounts = new StaffAccounts(db, personal, clock, new SecureRandom());
        AuditTrail audit = new AuditTrail(db, clock);
        sessions = new Sessions(db, audit, clock, Duration.ofMinutes(15), Duration.ofHours(12), new SecureRandom());
        signIn = new SignIn(accounts, new SecondFactors(personal, clock), new SignIns(db, clock, new SecureRandom()),
                sessions, new PasswordHasher(PasswordHasher.FLOOR, new SecureRandom(), 1), new SignInThrottle(clock),
                audit, new SecureRandom(), true);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('icu', 'ICU'), ('w4', 'Ward 4')");
            }
            return null;
        });
    }

    private SsoAccounts sso(StaffSettings.Accounts mode) {
        StaffSettings.Oidc settings = new StaffSettings.Oidc(URI.create(ISSUER), "lucarne", "secret", List.of("openid"),
                mode, "roles", "wards", "name", true, List.of());
        return new SsoAccounts(settings, accounts, signIn, new AuditTrail(db, clock), clock, new SecureRandom());
    }

    private static SsoIdentity who(String sub, String role, Set<String> wards) {
        return new SsoIdentity(ISSUER, sub, Optional.of("Name of " + sub), Optional.of(sub), Optional.ofNullable(role),
                0, Optional.ofNullable(wards));
    }

    private StaffUser account(String sub) {
        String id = db.inTransaction(c -> accounts.idOfOidcSubject(c, SsoIdentity.link(ISSUER, sub))).orElseThrow();
        return accounts.find(id).orElseThrow();
    }

    private int openSessions(String userId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM staff_session WHERE user_id = ?"
                    + " AND ended_at IS NULL")) {
                ps.setString(1, userId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Test
    void firstSignInMakesALinkedAccountWithoutPasswordAndOpensASession() throws Exception {
        String cookie = sso(StaffSettings.Accounts.CLAIMS).signIn(who("n1", "nurse", Set.of("icu", "nowhere")),
                "10.0.0.7");
        assertTrue(cookie.startsWith(SessionCookies.SESSION + "="), cookie);
        StaffUser u = account("n1");
        assertEquals(Role.NURSE, u.role());
        assertEquals(List.of("icu"), u.wardIds());
        assertEquals("n1", u.username());
        assertEquals("Name of n1", u.displayName());
        assertTrue(u.sso() && !u.hasPassword() && u.active());
        assertEquals(1, openSessions(u.id()));
        String token = cookie.substring(cookie.indexOf('=') + 1, cookie.indexOf(';'));
        assertEquals(u.id(), sessions.check(token).orElseThrow().userId());
    }

    @Test
    void laterSignInsFollowTheClaimsEvenForTheLastAdmin() throws Exception {
        SsoAccounts sso = sso(StaffSettings.Accounts.CLAIMS);
        sso.signIn(who("a1", "admin", Set.of()), "10.0.0.7");
        assertEquals(Role.ADMIN, account("a1").role());
        sso.signIn(who("a1", "ward_manager", Set.of("w4", "icu")), "10.0.0.7");
        StaffUser u = account("a1");
        assertEquals(Role.WARD_MANAGER, u.role(), "the provider took the admin role away; an admin is made there");
        assertEquals(List.of("icu", "w4"), u.wardIds().stream().sorted().toList());
        assertEquals(2, openSessions(u.id()));
    }

    @Test
    void refusalsChangeNothingAndOpenNoSession() throws Exception {
        SsoAccounts sso = sso(StaffSettings.Accounts.CLAIMS);
        sso.signIn(who("n2", "nurse", Set.of("icu")), "10.0.0.7");
        StaffUser before = account("n2");
        SsoFailure noRole = assertThrows(SsoFailure.class, () -> sso.signIn(who("n2", null, Set.of("w4")), "10.0.0.7"));
        assertEquals(SsoError.NO_ROLE, noRole.error());
        assertTrue(noRole.wasAudited());
        SsoFailure noWard = assertThrows(SsoFailure.class, () -> sso.signIn(who("n2", "ward_manager", Set.of()), "x"));
        assertEquals(SsoError.NO_WARD, noWard.error());
        SsoFailure noClaim = assertThrows(SsoFailure.class, () -> sso.signIn(who("n3", "nurse", null), "x"));
        assertEquals(SsoError.NO_WARD, noClaim.error());
        StaffUser after = account("n2");
        assertEquals(before.role(), after.role());
        assertEquals(before.wardIds(), after.wardIds());
        assertEquals(1, openSessions(after.id()));
    }

    @Test
    void usernameComesFromTheProviderWhenFreeAndValidElseIsMadeUp() throws Exception {
        db.inTransaction(c -> accounts.create(c, new StaffAccounts.NewUser("taken", "Local", Role.NURSE, Set.of("icu"),
                null, false)));
        SsoAccounts sso = sso(StaffSettings.Accounts.CLAIMS);
        sso.signIn(new SsoIdentity(ISSUER, "s1", Optional.empty(), Optional.of("Taken"), Optional.of("nurse"), 0,
                Optional.of(Set.of("icu"))), "x");
        StaffUser made = account("s1");
        assertTrue(made.username().matches("sso-[a-z0-9]{10}"), made.username());
        assertEquals(made.username(), made.displayName(), "no name from the provider: the username stands in");
        sso.signIn(new SsoIdentity(ISSUER, "s2", Optional.of("x".repeat(100) + "\u0007"), Optional.of("bad name!"),
                Optional.of("nurse"), 0, Optional.of(Set.of("icu"))), "x");
        StaffUser odd = account("s2");
        assertTrue(odd.username().startsWith("sso-"), odd.username());
        assertEquals("x".repeat(64), odd.displayName());
    }

    @Test
    void linkedModeUsesLucarnesRoleAndRefusesTheUnlinkedAndTheDisabled() throws Exception {
        String id = db.inTransaction(c -> {
            StaffUser u = accounts.create(c, new StaffAccounts.NewUser("jdurand", "Jeanne", Role.NURSE, Set.of("icu"),
                    null, false));
            accounts.linkOidcSubject(c, u.id(), SsoIdentity.link(ISSUER, "810012345678"));
            return u.id();
        });
        SsoAccounts sso = sso(StaffSettings.Accounts.LINKED);
        sso.signIn(who("810012345678", "admin", Set.of("w4")), "x");
        assertEquals(Role.NURSE, accounts.find(id).orElseThrow().role());
        assertEquals(List.of("icu"), accounts.find(id).orElseThrow().wardIds());
        assertEquals(SsoError.NOT_LINKED, assertThrows(SsoFailure.class, () -> sso.signIn(who("someone", "admin",
                Set.of("icu")), "x")).error());
        db.inTransaction(c -> accounts.change(c, id, new StaffAccounts.Changes(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(false))));
        assertEquals(SsoError.DISABLED, assertThrows(SsoFailure.class, () -> sso.signIn(who("810012345678", null,
                null), "x")).error());
        assertEquals(1, openSessions(id));
    }
}
