package org.lucarne.signaling.staff;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.session.Sessions;
import org.lucarne.signaling.staff.SignIns.Pending;
import org.lucarne.signaling.staff.SignIns.Step;
import org.lucarne.signaling.storage.Database;

/**
 * Local sign-in, step by step (docs/staff-api.md, "Sign-in"): a password, then, for a new or reset
 * account, a new password and an authenticator app, then a TOTP code or a recovery code. Each step
 * is audited; failures are throttled ({@link SignInThrottle}). An unknown username, a disabled
 * account's wrong password and a wrong password get the same answer after the same Argon2 work.
 *
 * <p>Argon2 never runs inside a database transaction: on SQLite that would hold the one connection.
 */
public final class SignIn {
    /** The outcome of a step that does not sign in yet: what comes next, and the sign-in's token. */
    public record Next(Step step, String signInToken) { }

    /** A new secret to put in an authenticator app. */
    public record Enrolment(String secret, String otpauthUri) { }

    /** Signed in: the session's token (for the cookie), who, and the recovery codes of a new enrolment. */
    public record SignedIn(String sessionToken, String userId, List<String> recoveryCodes) {
        @Override
        public String toString() {
            return "SignedIn[" + userId + "]";
        }
    }

    private final Database db;
    private final StaffAccounts accounts;
    private final SecondFactors factors;
    private final SignIns signIns;
    private final Sessions sessions;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AuditTrail audit;
    private final SecureRandom random;
    private final boolean localEnabled;

    public SignIn(StaffAccounts accounts, SecondFactors factors, SignIns signIns, Sessions sessions, PasswordHasher hasher,
                  SignInThrottle throttle, AuditTrail audit, SecureRandom random, boolean localEnabled) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.db = accounts.database();
        this.factors = Objects.requireNonNull(factors, "factors");
        this.signIns = Objects.requireNonNull(signIns, "signIns");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.random = Objects.requireNonNull(random, "random");
        this.localEnabled = localEnabled;
    }

    public boolean localEnabled() {
        return localEnabled;
    }

    /** Step 1: username and password. */
    public Next password(String typedUsername, String password, String address) {
        requireLocal();
        String username = Usernames.normalize(typedUsername);
        String key = accounts.usernameIndex(username);
        requireNotThrottled(key, address);
        Optional<StaffAccounts.SignInState> state = db.inTransaction(c -> {
            Optional<String> id = accounts.idOfUsername(c, username);
            return id.isPresent() ? accounts.signInState(c, id.get()) : Optional.empty();
        });
        PasswordHasher.Verification v;
        if (state.isEmpty() || state.get().passwordHash() == null) {
            hasher.verifyDummy(password);
            v = new PasswordHasher.Verification(false, false);
        } else {
            v = hasher.verify(state.get().passwordHash(), password);
        }
        if (!v.matches()) {
            throttle.failed(key, address);
            String reason = state.isEmpty() ? "unknown_user" : state.get().passwordHash() == null ? "no_password"
                    : state.get().active() ? "wrong_password" : "disabled";
            audit.record(AuditEvent.of(state.map(s -> AuditEvent.staff(s.userId())).orElse(AuditEvent.ANONYMOUS),
                    AuditAction.SIGN_IN, AuditOutcome.FAILURE).from(address).detail("reason=" + reason));
            throw badCredentials();
        }
        StaffAccounts.SignInState s = state.get();
        if (!s.active()) {
            audit.record(AuditEvent.of(AuditEvent.staff(s.userId()), AuditAction.SIGN_IN, AuditOutcome.FAILURE)
                    .target("user", s.userId()).from(address).detail("reason=disabled"));
            throw new ApiException(403, "account_disabled", "this account is disabled: ask an administrator");
        }
        String rehash = v.needsRehash() ? hasher.hash(password) : null;
        Step step = s.passwordOneTime() ? Step.CHANGE_PASSWORD : s.secondFactor() ? Step.CODE : Step.ENROL;
        String token = db.inTransaction(c -> {
            if (rehash != null) {
                accounts.setPassword(c, s.userId(), rehash, s.passwordOneTime());
            }
            return signIns.start(c, s.userId(), step);
        });
        return new Next(step, token);
    }

    /** Step 2 of a new or reset account: its own password instead of the one-time one. */
    public Next changePassword(Optional<String> signInToken, String newPassword, String address) {
        requireLocal();
        Pending p = pending(signInToken, Step.CHANGE_PASSWORD);
        StaffUser user = accounts.find(p.userId()).orElseThrow(SignIn::expired);
        PasswordPolicy.problem(newPassword, user.username()).ifPresent(m -> {
            throw ApiException.weakPassword(m);
        });
        String old = db.inTransaction(c -> accounts.passwordHash(c, p.userId())).orElse(null);
        if (old != null && hasher.verify(old, newPassword).matches()) {
            throw ApiException.weakPassword("choose a password of your own, not the one-time password");
        }
        String hash = hasher.hash(newPassword);
        Step next = user.secondFactor() ? Step.CODE : Step.ENROL;
        db.inTransaction(c -> {
            accounts.setPassword(c, p.userId(), hash, false);
            signIns.advance(c, p.tokenHash(), next);
            audit.append(c, AuditEvent.of(AuditEvent.staff(p.userId()), AuditAction.PASSWORD_CHANGED, AuditOutcome.SUCCESS)
                    .target("user", p.userId()).from(address).detail("via=sign_in"));
            return null;
        });
        return new Next(next, signInToken.orElseThrow());
    }

    /** Enrolment: a new secret for the authenticator app, each call (the last one counts). */
    public Enrolment enrol(Optional<String> signInToken) {
        requireLocal();
        Pending p = pending(signInToken, Step.ENROL);
        String secret = Totp.newSecret(random);
        String username = db.inTransaction(c -> {
            factors.setUnconfirmedSecret(c, p.userId(), secret);
            signIns.advance(c, p.tokenHash(), Step.ENROL);
            return accounts.find(c, p.userId()).orElseThrow(SignIn::expired).username();
        });
        return new Enrolment(secret, Totp.uri(username, secret));
    }

    /** Enrolment confirmed by a code from the app: signed in, with ten recovery codes, shown once. */
    public SignedIn confirmEnrolment(Optional<String> signInToken, String code, String address) {
        requireLocal();
        Pending p = pending(signInToken, Step.ENROL);
        String key = throttleKey(p.userId());
        requireNotThrottled(key, address);
        List<String> codes = ReadableCodes.recoveryCodes(random);
        Attempt a = db.inTransaction(c -> {
            SecondFactors.Check check = factors.checkCode(c, p.userId(), code);
            if (check != SecondFactors.Check.ACCEPTED) {
                secondFactorFailed(c, p.userId(), address, check == SecondFactors.Check.REPLAYED ? "replayed_code"
                        : "wrong_code");
                return new Attempt(null);
            }
            factors.confirm(c, p.userId());
            factors.replaceRecoveryCodes(c, p.userId(), codes);
            audit.append(c, AuditEvent.of(AuditEvent.staff(p.userId()), AuditAction.SECOND_FACTOR_ENROLLED,
                    AuditOutcome.SUCCESS).target("user", p.userId()).from(address));
            return new Attempt(complete(c, p, address, "factor=totp"));
        });
        return finish(a, p.userId(), key, address, codes);
    }

    /** The last step: a code from the app, or one of the recovery codes. */
    public SignedIn code(Optional<String> signInToken, Optional<String> code, Optional<String> recoveryCode,
                         String address) {
        requireLocal();
        Pending p = pending(signInToken, Step.CODE);
        String key = throttleKey(p.userId());
        requireNotThrottled(key, address);
        Attempt a = db.inTransaction(c -> {
            if (recoveryCode.isPresent()) {
                if (!factors.useRecoveryCode(c, p.userId(), recoveryCode.get())) {
                    secondFactorFailed(c, p.userId(), address, "wrong_recovery_code");
                    return new Attempt(null);
                }
                audit.append(c, AuditEvent.of(AuditEvent.staff(p.userId()), AuditAction.SIGN_IN_RECOVERY_CODE,
                        AuditOutcome.SUCCESS).target("user", p.userId()).from(address)
                        .detail("left=" + factors.recoveryCodesLeft(c, p.userId())));
                return new Attempt(complete(c, p, address, "factor=recovery_code"));
            }
            SecondFactors.Check check = factors.checkCode(c, p.userId(), code.orElse(""));
            if (check != SecondFactors.Check.ACCEPTED) {
                secondFactorFailed(c, p.userId(), address, check == SecondFactors.Check.REPLAYED ? "replayed_code"
                        : "wrong_code");
                return new Attempt(null);
            }
            return new Attempt(complete(c, p, address, "factor=totp"));
        });
        return finish(a, p.userId(), key, address, List.of());
    }

    /**
     * For a sign-in that happened elsewhere (the hospital's SSO): opens a session for an active
     * account and audits {@code action} with {@code detail}.
     *
     * @throws ApiException {@code 403 account_disabled} for a disabled account
     */
    public SignedIn openSessionFor(String userId, String address, AuditAction action, String detail) {
        return db.inTransaction(c -> {
            StaffAccounts.SignInState s = accounts.signInState(c, userId).orElseThrow(ApiException::notFound);
            if (!s.active()) {
                throw new ApiException(403, "account_disabled", "this account is disabled: ask an administrator");
            }
            String token = sessions.open(c, userId);
            audit.append(c, AuditEvent.of(AuditEvent.staff(userId), action, AuditOutcome.SUCCESS).target("user", userId)
                    .from(address).detail(detail));
            return new SignedIn(token, userId, List.of());
        });
    }

    // --- helpers

    /** The holder of an attempt's outcome out of its transaction: the sign-in, or null for a failure. */
    private record Attempt(String sessionToken) { }

    private SignedIn finish(Attempt a, String userId, String key, String address, List<String> codes) {
        if (a.sessionToken() == null) {
            throttle.failed(key, address);
            throw new ApiException(401, "bad_code", "this code is wrong, expired or already used: type the code the app"
                    + " shows now, or a recovery code");
        }
        throttle.succeeded(key);
        return new SignedIn(a.sessionToken(), userId, codes);
    }

    private String complete(Connection c, Pending p, String address, String detail) throws SQLException {
        signIns.finish(c, p.tokenHash());
        String token = sessions.open(c, p.userId());
        audit.append(c, AuditEvent.of(AuditEvent.staff(p.userId()), AuditAction.SIGN_IN, AuditOutcome.SUCCESS)
                .target("user", p.userId()).from(address).detail(detail));
        return token;
    }

    private void secondFactorFailed(Connection c, String userId, String address, String reason) throws SQLException {
        audit.append(c, AuditEvent.of(AuditEvent.staff(userId), AuditAction.SIGN_IN_SECOND_FACTOR, AuditOutcome.FAILURE)
                .target("user", userId).from(address).detail("reason=" + reason));
    }

    /** The sign-in in progress of this cookie, at {@code step}, of an account still active. */
    private Pending pending(Optional<String> token, Step step) {
        if (token.isEmpty()) {
            throw expired();
        }
        Pending found = db.inTransaction(c -> {
            Pending p = signIns.find(c, token.get()).orElseThrow(SignIn::expired);
            Optional<StaffAccounts.SignInState> s = accounts.signInState(c, p.userId());
            if (p.expired() || s.isEmpty() || !s.get().active()) {
                signIns.finish(c, p.tokenHash());
                return null;
            }
            if (p.step() != step) {
                throw ApiException.conflict(null, "this sign-in is at the step '" + p.step().stored() + "', not '"
                        + step.stored() + "'");
            }
            return p;
        });
        if (found == null) {
            throw expired(); // after the transaction that forgot it
        }
        return found;
    }

    private String throttleKey(String userId) {
        return db.inTransaction(c -> accounts.signInState(c, userId).map(StaffAccounts.SignInState::usernameIndex)
                .orElseThrow(SignIn::expired));
    }

    private void requireNotThrottled(String key, String address) {
        OptionalLong wait = throttle.retryAfterSeconds(key, address);
        if (wait.isPresent()) {
            throw ApiException.tooManyAttempts(wait.getAsLong());
        }
    }

    private void requireLocal() {
        if (!localEnabled) {
            throw new ApiException(403, "local_sign_in_disabled", "password sign-in is turned off here: sign in with"
                    + " the hospital's SSO");
        }
    }

    private static ApiException badCredentials() {
        return new ApiException(401, "bad_credentials", "wrong username or password");
    }

    private static ApiException expired() {
        return new ApiException(401, "sign_in_expired", "this sign-in is over (more than 5 minutes, or not started):"
                + " start again with your username and password");
    }
}
