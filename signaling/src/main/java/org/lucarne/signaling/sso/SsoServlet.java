package org.lucarne.signaling.sso;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.lucarne.signaling.audit.AuditAction;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditOutcome;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.session.SessionCookies;
import org.lucarne.signaling.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two browser stops of an SSO sign-in (docs/staff-api.md, "SSO"):
 * <pre>
 *   GET /auth/oidc/start     → 302 to the provider; cookie __Host-lucarne-sso = the state
 *   GET /auth/oidc/callback  → 302 /staff with the session cookie, or 302 /staff?sso_error=&lt;code&gt;
 * </pre>
 * The sign-in cookie is {@code SameSite=Lax}, not Strict: the provider sends the browser back
 * with a top-level GET started on its own site, and a Strict cookie would not come with it. It
 * holds only the state, lives 10 minutes and is cleared by the callback whatever happens. Every
 * refusal is audited ({@code sign_in.sso}, failure, with its reason) and logged with its reason
 * only; the browser gets the code, never a detail or a stack trace.
 */
public final class SsoServlet extends HttpServlet {
    public static final String PATH = "/auth/oidc";
    public static final String COOKIE = "__Host-lucarne-sso";
    private static final String COOKIE_ATTRIBUTES = "; Path=/; Secure; HttpOnly; SameSite=Lax";
    private static final Logger LOG = LoggerFactory.getLogger(SsoServlet.class);

    private final transient OidcClient client;
    private final transient SsoSignIn signIn;
    private final transient AuditTrail audit;
    private final transient Predicate<HttpServletRequest> notHere;

    /**
     * @param notHere requests this servlet answers 404 to, as if it did not exist (the tablets' listener)
     */
    public SsoServlet(OidcClient client, SsoSignIn signIn, AuditTrail audit, Predicate<HttpServletRequest> notHere) {
        this.client = Objects.requireNonNull(client, "client");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.notHere = Objects.requireNonNull(notHere, "notHere");
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("Cache-Control", "no-store");
        String path = req.getRequestURI();
        if (notHere.test(req)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        } else if (path.equals(PATH + "/start")) {
            start(req, resp);
        } else if (path.equals(PATH + "/callback")) {
            callback(req, resp);
        } else {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }

    private void start(HttpServletRequest req, HttpServletResponse resp) {
        try {
            OidcClient.Start start = client.begin();
            resp.addHeader("Set-Cookie", COOKIE + "=" + start.state() + COOKIE_ATTRIBUTES + "; Max-Age="
                    + PendingLogins.LIFETIME.toSeconds());
            redirect(resp, start.authorizationUri().toString());
        } catch (SsoFailure f) {
            refuse(req, resp, f, true);
        } catch (RuntimeException e) {
            LOG.error("SSO sign-in could not start: {}", e.getMessage(), e);
            redirect(resp, errorPage(SsoError.INTERNAL));
        }
    }

    private void callback(HttpServletRequest req, HttpServletResponse resp) {
        resp.addHeader("Set-Cookie", COOKIE + "=" + COOKIE_ATTRIBUTES + "; Max-Age=0");
        try {
            SsoIdentity who = client.complete(query(req), cookie(req));
            String session = signIn.signIn(who, req.getRemoteAddr());
            resp.addHeader("Set-Cookie", session);
            redirect(resp, "/staff");
        } catch (SsoFailure f) {
            refuse(req, resp, f, !f.wasAudited());
        } catch (RuntimeException e) {
            // The database, or a provider's answer no check foresaw: nothing is half done, the person is told.
            LOG.error("SSO sign-in failed: {}", e.getMessage(), e);
            redirect(resp, errorPage(SsoError.INTERNAL));
        }
    }

    private void refuse(HttpServletRequest req, HttpServletResponse resp, SsoFailure f, boolean record) {
        if (f.error() == SsoError.UNAVAILABLE) {
            LOG.warn("SSO sign-in from {} failed ({}): {}", req.getRemoteAddr(), f.reason(), f.getMessage());
        } else {
            LOG.info("SSO sign-in from {} refused ({}): {}", req.getRemoteAddr(), f.reason(), f.getMessage());
        }
        if (record) {
            try {
                audit.record(AuditEvent.of(AuditEvent.ANONYMOUS, AuditAction.SIGN_IN_SSO, AuditOutcome.FAILURE)
                        .from(req.getRemoteAddr()).detail("reason=" + f.reason()));
            } catch (StorageException e) {
                LOG.error("SSO refusal could not be audited: {}", e.getMessage(), e);
            }
        }
        redirect(resp, errorPage(f.error()));
    }

    static String errorPage(SsoError error) {
        return "/staff?sso_error=" + error.code();
    }

    private static void redirect(HttpServletResponse resp, String location) {
        resp.setStatus(HttpServletResponse.SC_FOUND);
        resp.setHeader("Location", location);
    }

    /**
     * The callback's query, each parameter once: RFC 6749 §3.1 forbids repeating one, and an
     * answer that does is refused as a whole rather than read one way or the other.
     */
    static Map<String, String> query(HttpServletRequest req) throws SsoFailure {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, String[]> e : req.getParameterMap().entrySet()) {
            if (e.getValue().length != 1) {
                throw new SsoFailure(SsoError.REJECTED, "parameter_repeated", "the answer repeats " + e.getKey());
            }
            out.put(e.getKey(), e.getValue()[0]);
        }
        return out;
    }

    /** The state in the sign-in cookie, if the browser sent it (quoted or not: RFC 6265 §4.2.1, RFC 2965). */
    static Optional<String> cookie(HttpServletRequest req) {
        return SessionCookies.find(Collections.list(req.getHeaders("Cookie")), COOKIE);
    }
}
