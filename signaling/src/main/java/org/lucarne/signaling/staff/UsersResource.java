package org.lucarne.signaling.staff;

import org.lucarne.signaling.sso.SsoIdentity;
import java.sql.Connection;
import java.sql.SQLException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.lucarne.signaling.api.ApiAccess;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.policy.AccessGuard;
import org.lucarne.signaling.policy.Action;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.session.EndReason;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.storage.Database;

/** {@code /api/users…}: staff accounts, for admins (docs/staff-api.md, "Staff accounts"). */
public final class UsersResource {
    static final int MAX_WARDS = 100;

    private final StaffAccounts accounts;
    private final SecondFactors factors;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final AccessGuard guard;
    private final AuditTrail audit;
    private final SecureRandom random;
    private final Database db;

    /**
     * @param ssoIssuer the hospital SSO's issuer when it is configured: accounts may then be linked to a
     *                  person's subject there ({@code oidcSubject}), as {@code admin create-user --oidc-subject} does
     */
    public UsersResource(StaffAccounts accounts, SecondFactors factors, Sessions sessions, PasswordHasher hasher,
                         AccessGuard guard, AuditTrail audit, SecureRandom random, Optional<String> ssoIssuer) {
        this.ssoIssuer = ssoIssuer;
        this.accounts = accounts;
        this.factors = factors;
        this.sessions = sessions;
        this.hasher = hasher;
        this.guard = guard;
        this.audit = audit;
        this.random = random;
        this.db = accounts.database();
    }

    private final Optional<String> ssoIssuer;

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/users", Access.SIGNED_IN, this::list),
                Route.of("POST", "/api/users", Access.SIGNED_IN, this::create),
                Route.of("PATCH", "/api/users/{id}", Access.SIGNED_IN, this::change),
                Route.of("POST", "/api/users/{id}/reset", Access.SIGNED_IN, this::reset),
                Route.of("POST", "/api/users/{id}/end-sessions", Access.SIGNED_IN, this::endSessions));
    }

    private ApiAnswer list(ApiCall call) {
        ApiAccess.require(guard, call, Action.STAFF_VIEW, AccessGuard.Target.user("*"));
        ArrayNode all = Json.array();
        accounts.list().forEach(u -> all.add(StaffJson.userForAdmin(u)));
        return ApiAnswer.ok(all);
    }

    private ApiAnswer create(ApiCall call) {
        ApiAccess.require(guard, call, Action.STAFF_MANAGE, AccessGuard.Target.user("*"));
        JsonBody b = call.body().only("username", "displayName", "role", "wards", "oidcSubject");
        String username = Usernames.normalize(b.string("username", 1, 256));
        Usernames.problem(username).ifPresent(m -> {
            throw ApiException.invalid("username", m);
        });
        String displayName = displayName(b.string("displayName", 1, 64));
        Role role = role(b.string("role", 1, 32));
        Set<String> wards = new TreeSet<>(b.strings("wards", MAX_WARDS, 128));
        Optional<String> link = ssoLink(b);
        // An account linked to the hospital's SSO signs in there: it has no password of Lucarne's.
        String oneTime = link.isPresent() ? null : ReadableCodes.oneTimePassword(random);
        String hash = oneTime == null ? null : hasher.hash(oneTime);
        StaffUser user = translate(() -> db.inTransaction(c -> {
            StaffUser u = accounts.create(c, new StaffAccounts.NewUser(username, displayName, role, wards, hash,
                    oneTime != null));
            if (link.isPresent()) {
                linkTo(c, u.id(), link.get());
            }
            audit.append(c, AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.USER_CREATED,
                    AuditOutcome.SUCCESS).target("user", u.id()).from(call.address())
                    .detail("role=" + role.stored() + " wards=" + String.join(",", wards)
                            + (link.isPresent() ? " sso=linked" : "")));
            return accounts.find(c, u.id()).orElse(u);
        }));
        com.fasterxml.jackson.databind.node.ObjectNode o = Json.object();
        o.set("user", StaffJson.userForAdmin(user));
        if (oneTime == null) {
            o.putNull("oneTimePassword");
        } else {
            o.put("oneTimePassword", oneTime);
        }
        return ApiAnswer.created(o);
    }

    private ApiAnswer change(ApiCall call) {
        String id = call.path("id");
        ApiAccess.require(guard, call, Action.STAFF_MANAGE, AccessGuard.Target.user(id));
        JsonBody b = call.body().only("displayName", "role", "wards", "active", "oidcSubject");
        Optional<String> link = ssoLink(b);
        StaffAccounts.Changes ch = new StaffAccounts.Changes(
                b.optionalString("displayName", 1, 64).map(UsersResource::displayName),
                b.optionalString("role", 1, 32).map(UsersResource::role),
                b.optionalStrings("wards", MAX_WARDS, 128).map(TreeSet::new),
                b.optionalBoolean("active"));
        if (ch.displayName().isEmpty() && ch.role().isEmpty() && ch.wards().isEmpty() && ch.active().isEmpty()
                && link.isEmpty()) {
            throw ApiException.invalid("send at least one of displayName, role, wards, active, oidcSubject");
        }
        List<String> detail = new ArrayList<>();
        ch.role().ifPresent(r -> detail.add("role=" + r.stored()));
        ch.wards().ifPresent(w -> detail.add("wards=" + String.join(",", w)));
        ch.active().ifPresent(a -> detail.add("active=" + a));
        ch.displayName().ifPresent(n -> detail.add("display_name=changed"));
        link.ifPresent(l -> detail.add("sso=linked"));
        List<String> ended = new ArrayList<>();
        StaffUser user = translate(() -> db.inTransaction(c -> {
            if (link.isPresent()) {
                accounts.find(c, id).orElseThrow(ApiException::notFound);
                linkTo(c, id, link.get());
            }
            StaffUser u = accounts.change(c, id, ch);
            if (ch.active().equals(Optional.of(false))) {
                ended.addAll(sessions.endAll(c, id, EndReason.DISABLED, null));
                detail.add("sessions_ended=" + ended.size());
            }
            audit.append(c, AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.USER_CHANGED,
                    AuditOutcome.SUCCESS).target("user", id).from(call.address()).detail(String.join(" ", detail)));
            return u;
        }));
        sessions.announce(ended);
        return ApiAnswer.ok(StaffJson.userForAdmin(user));
    }

    /** A new one-time password, the second factor forgotten (to enrol again), the sessions ended. */
    private ApiAnswer reset(ApiCall call) {
        String id = call.path("id");
        ApiAccess.require(guard, call, Action.STAFF_MANAGE, AccessGuard.Target.user(id));
        call.body().only();
        String oneTime = ReadableCodes.oneTimePassword(random);
        String hash = hasher.hash(oneTime);
        List<String> ended = translate(() -> db.inTransaction(c -> {
            accounts.setPassword(c, id, hash, true);
            factors.forget(c, id);
            List<String> e = sessions.endAll(c, id, EndReason.PASSWORD_RESET, null);
            audit.append(c, AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.USER_PASSWORD_RESET,
                    AuditOutcome.SUCCESS).target("user", id).from(call.address()).detail("sessions_ended=" + e.size()));
            return e;
        }));
        sessions.announce(ended);
        return ApiAnswer.ok(Json.object().put("oneTimePassword", oneTime));
    }

    private ApiAnswer endSessions(ApiCall call) {
        String id = call.path("id");
        ApiAccess.require(guard, call, Action.STAFF_MANAGE, AccessGuard.Target.user(id));
        call.body().only();
        accounts.find(id).orElseThrow(ApiException::notFound);
        List<String> ended = db.inTransaction(c -> {
            List<String> e = sessions.endAll(c, id, EndReason.ENDED_BY_ADMIN, null);
            audit.append(c, AuditEvent.of(AuditEvent.staff(call.session().userId()), AuditAction.SESSIONS_ENDED_BY_ADMIN,
                    AuditOutcome.SUCCESS).target("user", id).from(call.address()).detail("sessions=" + e.size()));
            return e;
        });
        sessions.announce(ended);
        return ApiAnswer.noContent();
    }

    static String displayName(String typed) {
        String s = typed.strip();
        if (s.isEmpty() || s.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.invalid("displayName", "a display name is 1 to 64 characters, without control"
                    + " characters");
        }
        return s;
    }

    static Role role(String typed) {
        return Role.fromStored(typed).orElseThrow(() -> ApiException.invalid("role", "the role must be nurse,"
                + " ward_manager or admin"));
    }

    private interface Work<T> {
        T run();
    }

    /** A refused change to accounts, as the API answers it. */
    /** The {@code issuer|subject} an admin links the account to, if the body has {@code oidcSubject}. */
    private Optional<String> ssoLink(JsonBody b) {
        Optional<String> subject = b.optionalString("oidcSubject", 1, 255).map(String::strip);
        if (subject.isPresent() && ssoIssuer.isEmpty()) {
            throw ApiException.invalid("oidcSubject", "the hospital's SSO is not configured (auth.oidc.issuer): an"
                    + " account cannot be linked to it");
        }
        if (subject.isPresent() && subject.get().isEmpty()) {
            throw ApiException.invalid("oidcSubject", "oidcSubject is the person's subject at the SSO provider");
        }
        return subject.map(s -> SsoIdentity.link(ssoIssuer.get(), s));
    }

    /** Links {@code id} to {@code link}, unless another account already is. */
    private void linkTo(Connection c, String id, String link) throws SQLException {
        Optional<String> holder = accounts.idOfOidcSubject(c, link);
        if (holder.isPresent() && !holder.get().equals(id)) {
            throw ApiException.conflict("oidcSubject", "this person's SSO identity is already linked to another account");
        }
        accounts.linkOidcSubject(c, id, link);
    }

    private static <T> T translate(Work<T> work) {
        try {
            return work.run();
        } catch (StaffException e) {
            throw switch (e.problem()) {
                case USERNAME_TAKEN, LAST_ADMIN, NO_LOCAL_PASSWORD -> ApiException.conflict(e.field(), e.getMessage());
                case UNKNOWN_WARD -> ApiException.invalid(e.field(), e.getMessage());
                case UNKNOWN_USER -> ApiException.notFound();
            };
        }
    }
}
