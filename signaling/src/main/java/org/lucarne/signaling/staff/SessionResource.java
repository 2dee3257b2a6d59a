package org.lucarne.signaling.staff;

import java.time.ZoneId;
import java.util.List;
import java.util.OptionalLong;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.session.ActiveSession;
import org.lucarne.signaling.session.EndReason;
import org.lucarne.signaling.session.SessionCookies;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.storage.Database;

/**
 * {@code /api/session…} and {@code /api/me/password}: the session as the console sees it, signing
 * out (here, or everywhere), and changing one's own password (which ends one's other sessions).
 */
public final class SessionResource {
    private final StaffAccounts accounts;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final Database db;
    private final ZoneId zone;

    /** @param zone the hospital's time zone ({@code time.zone}), which the console's days and times follow */
    public SessionResource(StaffAccounts accounts, Sessions sessions, PasswordHasher hasher, SignInThrottle throttle,
                           AuditTrail audit, ZoneId zone) {
        this.zone = zone;
        this.accounts = accounts;
        this.sessions = sessions;
        this.hasher = hasher;
        this.throttle = throttle;
        this.audit = audit;
        this.db = accounts.database();
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/session", Access.SIGNED_IN, this::session),
                Route.of("POST", "/api/session/sign-out", Access.SESSION_IF_ANY, this::signOut),
                Route.of("POST", "/api/session/sign-out-everywhere", Access.SIGNED_IN, this::signOutEverywhere),
                Route.of("POST", "/api/me/password", Access.SIGNED_IN, this::changePassword));
    }

    private ApiAnswer session(ApiCall call) {
        ActiveSession s = call.session();
        StaffUser u = accounts.find(s.userId()).orElseThrow(ApiException::notSignedIn);
        return ApiAnswer.ok(StaffJson.session(u, s, call.sessionToken(), sessions.idleTimeout().toSeconds(), zone));
    }

    /** Always 204 and a cleared cookie: signing out works even when the session already ended. */
    private ApiAnswer signOut(ApiCall call) {
        call.body().only();
        call.optionalSession().ifPresent(s -> {
            boolean ended = db.inTransaction(c -> {
                boolean e = sessions.end(c, s.tokenHash(), EndReason.SIGNED_OUT);
                if (e) {
                    audit.append(c, AuditEvent.of(AuditEvent.staff(s.userId()), AuditAction.SIGN_OUT, AuditOutcome.SUCCESS)
                            .target("user", s.userId()).from(call.address()));
                }
                return e;
            });
            if (ended) {
                sessions.announce(List.of(s.tokenHash()));
            }
        });
        return ApiAnswer.noContent().withCookie(SessionCookies.clear(SessionCookies.SESSION));
    }

    private ApiAnswer signOutEverywhere(ApiCall call) {
        call.body().only();
        ActiveSession s = call.session();
        List<String> ended = db.inTransaction(c -> {
            List<String> e = sessions.endAll(c, s.userId(), EndReason.SIGNED_OUT_EVERYWHERE, null);
            audit.append(c, AuditEvent.of(AuditEvent.staff(s.userId()), AuditAction.SIGN_OUT_EVERYWHERE,
                    AuditOutcome.SUCCESS).target("user", s.userId()).from(call.address()).detail("sessions=" + e.size()));
            return e;
        });
        sessions.announce(ended);
        return ApiAnswer.noContent().withCookie(SessionCookies.clear(SessionCookies.SESSION));
    }

    /** Checked like a sign-in (throttled, Argon2); the user's other sessions end. */
    private ApiAnswer changePassword(ApiCall call) {
        JsonBody b = call.body().only("currentPassword", "newPassword");
        String current = b.string("currentPassword", 0, 1024);
        String next = b.string("newPassword", 0, 1024);
        ActiveSession s = call.session();
        StaffAccounts.SignInState state = db.inTransaction(c -> accounts.signInState(c, s.userId()))
                .orElseThrow(ApiException::notSignedIn);
        if (state.passwordHash() == null) {
            throw ApiException.conflict(null, "this account signs in through the hospital's SSO: it has no Lucarne"
                    + " password to change");
        }
        OptionalLong wait = throttle.retryAfterSeconds(state.usernameIndex(), call.address());
        if (wait.isPresent()) {
            throw ApiException.tooManyAttempts(wait.getAsLong());
        }
        if (!hasher.verify(state.passwordHash(), current).matches()) {
            throttle.failed(state.usernameIndex(), call.address());
            audit.record(AuditEvent.of(AuditEvent.staff(s.userId()), AuditAction.PASSWORD_CHANGED, AuditOutcome.FAILURE)
                    .target("user", s.userId()).from(call.address()).detail("reason=wrong_password"));
            throw new ApiException(401, "bad_credentials", "the current password is wrong");
        }
        String username = accounts.find(s.userId()).orElseThrow(ApiException::notSignedIn).username();
        PasswordPolicy.problem(next, username).ifPresent(m -> {
            throw ApiException.weakPassword(m);
        });
        String hash = hasher.hash(next);
        List<String> ended = db.inTransaction(c -> {
            accounts.setPassword(c, s.userId(), hash, false);
            List<String> e = sessions.endAll(c, s.userId(), EndReason.PASSWORD_CHANGED, s.tokenHash());
            audit.append(c, AuditEvent.of(AuditEvent.staff(s.userId()), AuditAction.PASSWORD_CHANGED, AuditOutcome.SUCCESS)
                    .target("user", s.userId()).from(call.address()).detail("via=me sessions_ended=" + e.size()));
            return e;
        });
        sessions.announce(ended);
        return ApiAnswer.noContent();
    }
}
