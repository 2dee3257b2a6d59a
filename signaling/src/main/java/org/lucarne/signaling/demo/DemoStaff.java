package org.lucarne.signaling.demo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.session.EndReason;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.ReadableCodes;
import org.lucarne.signaling.staff.SecondFactors;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.staff.Totp;

/**
 * The demo's staff: a nurse ({@value #NURSE}) and an admin ({@value #ADMIN}), both on the demo ward, so
 * that the console, its users page and the audit trail can be tried. Each run gives them a new random
 * password (to use as it is) and ends their older sessions; an authenticator secret already set up is
 * kept, so an app that scanned it once keeps working. Audited as the system's doing.
 */
public final class DemoStaff {
    static final String NURSE = "nurse";
    static final String ADMIN = "admin";

    /** What the banner prints for one account. */
    public record Login(String username, String displayName, Role role, String password, String otpauthUri) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    private DemoStaff() {
    }

    public static List<Login> seed(StaffAccounts accounts, SecondFactors factors, Sessions sessions,
                                   PasswordHasher hasher, AuditTrail audit) {
        SecureRandom random = new SecureRandom();
        List<Login> logins = new ArrayList<>();
        logins.add(one(accounts, factors, sessions, hasher, audit, random, NURSE, "Claire Martin", Role.NURSE));
        logins.add(one(accounts, factors, sessions, hasher, audit, random, ADMIN, "Alex Bernard", Role.ADMIN));
        return logins;
    }

    private static Login one(StaffAccounts accounts, SecondFactors factors, Sessions sessions, PasswordHasher hasher,
                             AuditTrail audit, SecureRandom random, String username, String name, Role role) {
        String password = ReadableCodes.oneTimePassword(random);
        String hash = hasher.hash(password);
        String newSecret = Totp.newSecret(random);
        List<String> ended = new ArrayList<>();
        String secret = accounts.database().inTransaction(c -> {
            Optional<String> id = accounts.idOfUsername(c, username);
            StaffUser u;
            if (id.isEmpty()) {
                u = accounts.create(c, new StaffAccounts.NewUser(username, name, role, Set.of(DemoData.WARD_ID), hash,
                        false));
                audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.USER_CREATED, AuditOutcome.SUCCESS)
                        .target("user", u.id()).detail("role=" + role.stored() + " wards=" + DemoData.WARD_ID + " demo"));
            } else {
                StaffUser before = accounts.find(c, id.get()).orElseThrow();
                Set<String> wards = new LinkedHashSet<>(before.wardIds());
                wards.add(DemoData.WARD_ID);
                u = accounts.change(c, id.get(), new StaffAccounts.Changes(Optional.empty(), Optional.of(role),
                        Optional.of(wards), Optional.of(true)));
                accounts.setPassword(c, u.id(), hash, false);
                ended.addAll(sessions.endAll(c, u.id(), EndReason.PASSWORD_RESET, null));
                audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.USER_PASSWORD_RESET, AuditOutcome.SUCCESS)
                        .target("user", u.id()).detail("demo sessions_ended=" + ended.size()));
            }
            if (u.secondFactor()) {
                return factors.secret(c, u.id()).orElseThrow();
            }
            factors.setUnconfirmedSecret(c, u.id(), newSecret);
            factors.confirm(c, u.id());
            return newSecret;
        });
        sessions.announce(ended);
        return new Login(username, name, role, password, Totp.uri(username, secret));
    }
}
