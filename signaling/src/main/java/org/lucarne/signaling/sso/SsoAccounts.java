package org.lucarne.signaling.sso;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.config.StaffSettings;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.session.SessionCookies;
import org.lucarne.signaling.staff.SignIn;
import org.lucarne.signaling.staff.StaffAccounts;
import org.lucarne.signaling.staff.StaffUser;
import org.lucarne.signaling.staff.Usernames;
import org.lucarne.signaling.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff account of an SSO identity, and its session (docs/operations.md, "Two ways to give
 * roles and wards"). The account is found by the blind index of {@code issuer|subject} only.
 * <ul>
 *   <li>{@code auth.oidc.accounts = claims}: the claims give the role and wards at every sign-in;
 *       the account is made at the first ({@code user.created} by {@code system}) and brought in
 *       line at each later one ({@code user.changed} by {@code system}, when something changed).
 *       No Lucarne role: refused; a nurse or ward manager without a known ward: refused.</li>
 *   <li>{@code linked}: only an account an admin linked may sign in, with its own role and wards.</li>
 * </ul>
 * The account is settled in one transaction; then {@link SignIn#openSessionFor} opens the session
 * (the same cookie, timeouts and CSRF token as a local sign-in) and appends {@code sign_in.sso}. A
 * refusal changes nothing and is audited on its own.
 */
public final class SsoAccounts implements SsoSignIn {
    static final int MAX_DISPLAY_NAME = 64;
    private static final Logger LOG = LoggerFactory.getLogger(SsoAccounts.class);

    private final StaffSettings.Oidc settings;
    private final StaffAccounts accounts;
    private final SignIn signIns;
    private final AuditTrail audit;
    private final Database db;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param signIns opens the session once the account is settled ({@link SignIn#openSessionFor}), as
     *                every sign-in's session is opened
     */
    public SsoAccounts(StaffSettings.Oidc settings, StaffAccounts accounts, SignIn signIns, AuditTrail audit,
                       Clock clock, SecureRandom random) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.signIns = Objects.requireNonNull(signIns, "signIns");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.db = accounts.database();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** How the account step ends: the account to sign in, or a refusal and whom it concerns. */
    private record Outcome(String userId, SsoFailure refusal, String actor) { }

    @Override
    public String signIn(SsoIdentity who, String address) throws SsoFailure {
        Outcome o = db.inTransaction(c -> {
            Optional<String> id = accounts.idOfOidcSubject(c, who.link());
            Outcome refused = settings.accounts() == StaffSettings.Accounts.LINKED ? linked(c, id, who)
                    : claims(c, id, who);
            return refused != null ? refused
                    : new Outcome(accounts.idOfOidcSubject(c, who.link()).orElseThrow(), null, null);
        });
        if (o.refusal() != null) {
            throw refused(o, address);
        }
        try {
            String role = accounts.find(o.userId()).map(u -> u.role().stored()).orElse("none");
            SignIn.SignedIn s = signIns.openSessionFor(o.userId(), address, AuditAction.SIGN_IN_SSO,
                    "accounts=" + mode() + " role=" + role);
            return SessionCookies.session(s.sessionToken());
        } catch (ApiException e) {
            // Disabled (or removed) between the two steps: refused as the account step would have.
            throw refused(refuse(AuditEvent.staff(o.userId()), SsoError.DISABLED, "disabled", "account " + o.userId()
                    + " was disabled while signing in: " + e.code()), address);
        }
    }

    private SsoFailure refused(Outcome o, String address) {
        audit.record(AuditEvent.of(o.actor(), AuditAction.SIGN_IN_SSO, AuditOutcome.FAILURE).from(address)
                .detail("reason=" + o.refusal().reason()));
        return o.refusal().audited();
    }

    /** {@code linked}: an account an admin linked, active; its display name follows the provider's. */
    private Outcome linked(Connection c, Optional<String> id, SsoIdentity who) throws SQLException {
        if (id.isEmpty()) {
            return refuse(AuditEvent.ANONYMOUS, SsoError.NOT_LINKED, "not_linked", "no account is linked to this"
                    + " subject");
        }
        StaffUser user = accounts.find(c, id.get()).orElseThrow();
        if (!user.active()) {
            return refuse(AuditEvent.staff(user.id()), SsoError.DISABLED, "disabled", "account " + user.id()
                    + " is disabled");
        }
        Optional<String> name = displayName(who);
        if (name.isPresent() && !name.get().equals(user.displayName())) {
            accounts.change(c, user.id(), new StaffAccounts.Changes(name, Optional.empty(), Optional.empty(),
                    Optional.empty()));
            audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.USER_CHANGED, AuditOutcome.SUCCESS)
                    .target("user", user.id()).detail("display_name=changed source=sso"));
        }
        return null;
    }

    /** {@code claims}: the role and wards of the token, the account made or brought in line. */
    private Outcome claims(Connection c, Optional<String> id, SsoIdentity who) throws SQLException {
        String actor = id.map(AuditEvent::staff).orElse(AuditEvent.ANONYMOUS);
        Optional<Role> role = who.role().flatMap(Role::fromStored);
        if (role.isEmpty()) {
            return refuse(actor, SsoError.NO_ROLE, "no_role", "the roles claim " + settings.rolesClaim()
                    + " holds no Lucarne role (" + who.otherRoles() + " other values)");
        }
        Set<String> wards = knownWards(c, who.wards().orElse(Set.of()));
        if (role.get() != Role.ADMIN && wards.isEmpty()) {
            return refuse(actor, SsoError.NO_WARD, "no_ward", "a " + role.get().stored() + " whose wards claim "
                    + settings.wardsClaim() + " names no ward Lucarne knows");
        }
        if (id.isEmpty()) {
            create(c, who, role.get(), wards);
            return null;
        }
        StaffUser user = accounts.find(c, id.get()).orElseThrow();
        if (!user.active()) {
            return refuse(actor, SsoError.DISABLED, "disabled", "account " + user.id() + " is disabled");
        }
        bringInLine(c, user, who, role.get(), wards);
        return null;
    }

    private void create(Connection c, SsoIdentity who, Role role, Set<String> wards) throws SQLException {
        String username = username(c, who);
        String name = displayName(who).orElse(username);
        StaffUser user = accounts.create(c, new StaffAccounts.NewUser(username, name, role, wards, null, false));
        accounts.linkOidcSubject(c, user.id(), who.link());
        audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.USER_CREATED, AuditOutcome.SUCCESS)
                .target("user", user.id()).detail("role=" + role.stored() + " wards=" + String.join(",", wards)
                        + " source=sso"));
        LOG.info("SSO: account {} created at its first sign-in, {} on {} ward(s)", user.id(), role.stored(),
                wards.size());
    }

    private void bringInLine(Connection c, StaffUser user, SsoIdentity who, Role role, Set<String> wards)
            throws SQLException {
        List<String> changed = new ArrayList<>();
        Optional<String> name = displayName(who).filter(n -> !n.equals(user.displayName()));
        Optional<Set<String>> newWards = Optional.of(wards).filter(w -> !w.equals(new TreeSet<>(user.wardIds())));
        name.ifPresent(n -> changed.add("display_name=changed"));
        newWards.ifPresent(w -> changed.add("wards=" + String.join(",", w)));
        if (name.isPresent() || newWards.isPresent()) {
            accounts.change(c, user.id(), new StaffAccounts.Changes(name, Optional.empty(), newWards, Optional.empty()));
        }
        if (role != user.role()) {
            // The provider decides roles in this mode: the console's last-admin guard does not apply (an admin
            // is made at the provider), so the role is set here rather than through StaffAccounts.change.
            try (PreparedStatement ps = c.prepareStatement("UPDATE staff_user SET role = ?, updated_at = ? WHERE id = ?")) {
                ps.setString(1, role.stored());
                ps.setLong(2, clock.millis());
                ps.setString(3, user.id());
                ps.executeUpdate();
            }
            changed.add(0, "role=" + role.stored());
        }
        if (!changed.isEmpty()) {
            audit.append(c, AuditEvent.of(AuditEvent.SYSTEM, AuditAction.USER_CHANGED, AuditOutcome.SUCCESS)
                    .target("user", user.id()).detail(String.join(" ", changed) + " source=sso"));
        }
    }

    /** The claimed wards that exist; the others are logged (ward ids are not personal data). */
    private Set<String> knownWards(Connection c, Set<String> claimed) throws SQLException {
        Set<String> known = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String w : claimed) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM ward WHERE id = ?")) {
                ps.setString(1, w);
                try (ResultSet rs = ps.executeQuery()) {
                    (rs.next() ? known : unknown).add(w);
                }
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("SSO: the wards claim {} names ward ids Lucarne does not know, left out: {}",
                    settings.wardsClaim(), unknown.stream().limit(20).map(SsoAccounts::printable).toList());
        }
        return known;
    }

    /** The provider's preferred username when it is a valid, free username; else {@code sso-} and 10 random letters. */
    private String username(Connection c, SsoIdentity who) throws SQLException {
        Optional<String> preferred = who.username().map(Usernames::normalize)
                .filter(u -> Usernames.problem(u).isEmpty());
        if (preferred.isPresent() && accounts.idOfUsername(c, preferred.get()).isEmpty()) {
            return preferred.get();
        }
        String letters = "abcdefghijkmnopqrstuvwxyz23456789";
        while (true) {
            StringBuilder b = new StringBuilder("sso-");
            for (int i = 0; i < 10; i++) {
                b.append(letters.charAt(random.nextInt(letters.length())));
            }
            if (accounts.idOfUsername(c, b.toString()).isEmpty()) {
                return b.toString();
            }
        }
    }

    /** The provider's name for the person, without control characters, at most 64 characters. */
    static Optional<String> displayName(SsoIdentity who) {
        return who.displayName().map(n -> n.codePoints().filter(cp -> !Character.isISOControl(cp))
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                        .strip())
                .map(n -> n.codePointCount(0, n.length()) <= MAX_DISPLAY_NAME ? n
                        : n.substring(0, n.offsetByCodePoints(0, MAX_DISPLAY_NAME)).strip())
                .filter(n -> !n.isEmpty());
    }

    private static String printable(String wardId) {
        String s = wardId.length() > 64 ? wardId.substring(0, 64) + "…" : wardId;
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private String mode() {
        return settings.accounts().name().toLowerCase(Locale.ROOT);
    }

    private static Outcome refuse(String actor, SsoError error, String reason, String message) {
        return new Outcome(null, new SsoFailure(error, reason, message), actor);
    }
}
