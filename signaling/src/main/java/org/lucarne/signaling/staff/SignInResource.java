package org.lucarne.signaling.staff;

import java.time.ZoneId;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.api.ApiAnswer;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.lucarne.signaling.api.Route;
import org.lucarne.signaling.api.Route.Access;
import org.lucarne.signaling.session.ActiveSession;
import org.lucarne.signaling.session.SessionCookies;
import org.lucarne.signaling.session.Sessions;

/** {@code /api/auth/…}: the sign-in steps of docs/staff-api.md, "Sign-in". */
public final class SignInResource {
    private final SignIn signIn;
    private final StaffAccounts accounts;
    private final Sessions sessions;
    private final boolean sso;
    private final ZoneId zone;

    public SignInResource(SignIn signIn, StaffAccounts accounts, Sessions sessions, boolean sso, ZoneId zone) {
        this.zone = zone;
        this.signIn = signIn;
        this.accounts = accounts;
        this.sessions = sessions;
        this.sso = sso;
    }

    public List<Route> routes() {
        return List.of(
                Route.of("GET", "/api/auth/methods", Access.OPEN, c -> ApiAnswer.ok(Json.object()
                        .put("local", signIn.localEnabled()).put("sso", sso))),
                Route.of("POST", "/api/auth/password", Access.SIGN_IN, this::password),
                Route.of("POST", "/api/auth/change-password", Access.SIGN_IN, this::changePassword),
                Route.of("POST", "/api/auth/enrol", Access.SIGN_IN, this::enrol),
                Route.of("POST", "/api/auth/enrol/confirm", Access.SIGN_IN, this::confirm),
                Route.of("POST", "/api/auth/code", Access.SIGN_IN, this::code));
    }

    private ApiAnswer password(ApiCall call) {
        JsonBody b = call.body().only("username", "password");
        String username = b.string("username", 1, 256);
        String password = b.string("password", 0, 1024);
        return next(signIn.password(username, password, call.address()));
    }

    private ApiAnswer changePassword(ApiCall call) {
        String newPassword = call.body().only("newPassword").string("newPassword", 0, 1024);
        return next(signIn.changePassword(call.signInToken(), newPassword, call.address()));
    }

    private ApiAnswer enrol(ApiCall call) {
        call.body().only();
        SignIn.Enrolment e = signIn.enrol(call.signInToken());
        // Each enrolment renews the sign-in's 5 minutes: setting up an app can take a while.
        return ApiAnswer.ok(Json.object().put("secret", e.secret()).put("otpauthUri", e.otpauthUri()))
                .withCookie(SessionCookies.signIn(call.signInToken().orElseThrow(), SignIns.LIFETIME.toSeconds()));
    }

    private ApiAnswer confirm(ApiCall call) {
        String code = call.body().only("code").string("code", 1, 32);
        SignIn.SignedIn in = signIn.confirmEnrolment(call.signInToken(), code, call.address());
        ObjectNode o = Json.object();
        ArrayNode codes = o.putArray("recoveryCodes");
        in.recoveryCodes().forEach(codes::add);
        o.set("session", session(in));
        return signedIn(o, in);
    }

    private ApiAnswer code(ApiCall call) {
        JsonBody b = call.body().only("code", "recoveryCode");
        Optional<String> code = b.optionalString("code", 1, 32);
        Optional<String> recovery = b.optionalString("recoveryCode", 1, 64);
        if (code.isPresent() == recovery.isPresent()) {
            throw ApiException.invalid(code.isPresent() ? "recoveryCode" : "code", "send either 'code' (from the"
                    + " authenticator app) or 'recoveryCode', one of them");
        }
        SignIn.SignedIn in = signIn.code(call.signInToken(), code, recovery, call.address());
        return signedIn(session(in), in);
    }

    private ApiAnswer next(SignIn.Next n) {
        return ApiAnswer.ok(Json.object().put("next", n.step().stored()))
                .withCookie(SessionCookies.signIn(n.signInToken(), SignIns.LIFETIME.toSeconds()));
    }

    private ObjectNode session(SignIn.SignedIn in) {
        ActiveSession s = sessions.check(in.sessionToken()).orElseThrow(ApiException::notSignedIn);
        StaffUser u = accounts.find(in.userId()).orElseThrow(ApiException::notSignedIn);
        return StaffJson.session(u, s, in.sessionToken(), sessions.idleTimeout().toSeconds(), zone);
    }

    private static ApiAnswer signedIn(ObjectNode body, SignIn.SignedIn in) {
        return ApiAnswer.ok(body).withCookie(SessionCookies.session(in.sessionToken()))
                .withCookie(SessionCookies.clear(SessionCookies.SIGN_IN));
    }
}
