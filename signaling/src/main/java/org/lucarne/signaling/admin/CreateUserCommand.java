package org.lucarne.signaling.admin;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.config.StaffSettings;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.sso.SsoIdentity;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.ReadableCodes;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffException;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.staff.Usernames;

/**
 * {@code lucarne admin create-user --username NAME --role ROLE [--ward WARD_ID]... [--name "Display Name"]
 * [--oidc-subject SUB]}: a staff account with a one-time password, printed once; at first sign-in its owner
 * chooses their own password and sets up an authenticator app. This is how a fresh install gets its first
 * admin. With {@code --oidc-subject}, the account has no password: it is linked to the person's subject at
 * the hospital's SSO provider ({@code auth.oidc.issuer}) and signs in there. Audited ({@code user.created},
 * actor {@code cli}).
 */
final class CreateUserCommand implements AdminCommands.Command {
    private record Options(String username, Role role, Set<String> wards, String name, Optional<String> oidcSubject) { }

    @Override
    public int run(String[] args, AdminContext context, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("lucarne: " + e.getMessage());
            err.println(AdminCommands.USAGE);
            return 2;
        }
        Optional<String> link = Optional.empty();
        if (o.oidcSubject().isPresent()) {
            Optional<StaffSettings.Oidc> sso = context.config().staff().oidc();
            if (sso.isEmpty()) {
                err.println("lucarne: --oidc-subject links the account to the hospital's SSO, which is not configured"
                        + " (auth.oidc.issuer): configure it first, or leave --oidc-subject out for a password account");
                return 1;
            }
            link = Optional.of(SsoIdentity.link(sso.get().issuer().toString(), o.oidcSubject().get()));
        }
        SecureRandom random = new SecureRandom();
        String oneTime = link.isPresent() ? null : ReadableCodes.oneTimePassword(random);
        String hash = link.isPresent() ? null : PasswordHasher.standard().hash(oneTime);
        StaffAccounts accounts = new StaffAccounts(context.database(), context.personalData(), context.clock(), random);
        Optional<String> linked = link;
        StaffUser user;
        try {
            user = context.database().inTransaction(c -> {
                if (linked.isPresent() && accounts.idOfOidcSubject(c, linked.get()).isPresent()) {
                    throw new StaffException(StaffException.Problem.USERNAME_TAKEN, "oidc-subject", "another account is"
                            + " already linked to this SSO subject");
                }
                StaffUser u = accounts.create(c, new StaffAccounts.NewUser(o.username(), o.name(), o.role(), o.wards(),
                        hash, hash != null));
                if (linked.isPresent()) {
                    accounts.linkOidcSubject(c, u.id(), linked.get());
                }
                context.audit().append(c, AuditEvent.of(AuditEvent.CLI, AuditAction.USER_CREATED, AuditOutcome.SUCCESS)
                        .target("user", u.id()).detail("role=" + o.role().stored() + " wards="
                                + String.join(",", o.wards()) + (linked.isPresent() ? " source=sso" : "")));
                return u;
            });
        } catch (StaffException e) {
            err.println("lucarne: cannot create the account: " + e.getMessage());
            return 1;
        }
        out.println("Created " + o.role().stored() + " account " + user.username() + " (id " + user.id() + ")"
                + (o.wards().isEmpty() ? ", on no ward." : ", on " + String.join(", ", o.wards()) + "."));
        if (linked.isPresent()) {
            out.println("It has no password: its owner signs in with the hospital account at "
                    + context.config().origin(context.config().httpsPort()) + "/staff (SSO subject linked).");
            return 0;
        }
        out.println("One-time password (shown only now): " + oneTime);
        out.println("At the first sign-in at " + context.config().origin(context.config().httpsPort()) + "/staff, "
                + user.username() + " chooses their own password and sets up an authenticator app.");
        if (!context.config().staff().localPasswords()) {
            out.println("Note: password sign-in is off (auth.local.enabled = false): this account cannot sign in"
                    + " until it is linked to the hospital's SSO (create it with --oidc-subject instead).");
        }
        return 0;
    }

    private static Options parse(String[] args) {
        String username = null;
        String role = null;
        String name = null;
        String subject = null;
        Set<String> wards = new LinkedHashSet<>();
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            if (rest.isEmpty()) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = rest.remove(0);
            switch (flag) {
                case "--username" -> username = value;
                case "--role" -> role = value;
                case "--name" -> name = value;
                case "--ward" -> wards.add(value);
                case "--oidc-subject" -> subject = value;
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (username == null || role == null) {
            throw new IllegalArgumentException("--username and --role are required");
        }
        String normalized = Usernames.normalize(username);
        Optional<String> problem = Usernames.problem(normalized);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("--username " + username + ": " + problem.get());
        }
        String r = role;
        Role parsed = Role.fromStored(role).orElseThrow(() -> new IllegalArgumentException("--role " + r
                + " is not a role: nurse, ward_manager or admin"));
        String display = name == null ? normalized : name.strip();
        if (display.isEmpty() || display.length() > 64 || display.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("--name is 1 to 64 characters");
        }
        if (subject != null && (subject.isBlank() || subject.length() > 255)) {
            throw new IllegalArgumentException("--oidc-subject is the person's subject (sub) at the provider, 1 to 255"
                    + " characters");
        }
        return new Options(normalized, parsed, wards, display, Optional.ofNullable(subject));
    }
}
