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
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.staff.PasswordHasher;
import org.lucarne.signaling.staff.ReadableCodes;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffException;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.staff.Usernames;

/**
 * {@code lucarne admin create-user --username NAME --role ROLE [--ward WARD_ID]... [--name "Display Name"]}:
 * a staff account with a one-time password, printed once; at first sign-in its owner chooses their own
 * password and sets up an authenticator app. This is how a fresh install gets its first admin.
 * Audited ({@code user.created}, actor {@code cli}).
 */
final class CreateUserCommand implements AdminCommands.Command {
    private record Options(String username, Role role, Set<String> wards, String name) { }

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
        SecureRandom random = new SecureRandom();
        String oneTime = ReadableCodes.oneTimePassword(random);
        String hash = PasswordHasher.standard().hash(oneTime);
        StaffAccounts accounts = new StaffAccounts(context.database(), context.personalData(), context.clock(), random);
        StaffUser user;
        try {
            user = context.database().inTransaction(c -> {
                StaffUser u = accounts.create(c, new StaffAccounts.NewUser(o.username(), o.name(), o.role(), o.wards(),
                        hash, true));
                context.audit().append(c, AuditEvent.of(AuditEvent.CLI, AuditAction.USER_CREATED, AuditOutcome.SUCCESS)
                        .target("user", u.id()).detail("role=" + o.role().stored() + " wards="
                                + String.join(",", o.wards())));
                return u;
            });
        } catch (StaffException e) {
            err.println("lucarne: cannot create the account: " + e.getMessage());
            return 1;
        }
        out.println("Created " + o.role().stored() + " account " + user.username() + " (id " + user.id() + ")"
                + (o.wards().isEmpty() ? ", on no ward." : ", on " + String.join(", ", o.wards()) + "."));
        out.println("One-time password (shown only now): " + oneTime);
        out.println("At the first sign-in at " + context.config().origin(context.config().httpsPort()) + "/staff, "
                + user.username() + " chooses their own password and sets up an authenticator app.");
        if (!context.config().staff().localPasswords()) {
            out.println("Note: password sign-in is off (auth.local.enabled = false): this account signs in through"
                    + " the hospital's SSO, where its username must match.");
        }
        return 0;
    }

    private static Options parse(String[] args) {
        String username = null;
        String role = null;
        String name = null;
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
        return new Options(normalized, parsed, wards, display);
    }
}
