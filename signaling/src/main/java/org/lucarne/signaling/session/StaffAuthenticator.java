package org.lucarne.signaling.session;

import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Subject;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;
import org.lucarne.signaling.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is upgrading to {@code /ws} on the public listener: the member of staff whose session cookie is
 * valid, if any. Anything else (no cookie, a session that ended, the database failing) is simply no
 * principal, so a family page in a staff member's browser still connects; the socket refuses the
 * staff app without one.
 */
public final class StaffAuthenticator {
    /** The authentication type of a staff upgrade: a session cookie (as Servlet's FORM sign-in leaves). */
    public static final String AUTHENTICATION_TYPE = "SESSION_COOKIE";
    private static final Logger LOG = LoggerFactory.getLogger(StaffAuthenticator.class);

    private final Sessions sessions;

    public StaffAuthenticator(Sessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    public Optional<StaffPrincipal> authenticate(Request request) {
        Optional<String> token = SessionCookies.find(request.getHeaders().getValuesList(HttpHeader.COOKIE),
                SessionCookies.SESSION);
        if (token.isEmpty()) {
            return Optional.empty();
        }
        try {
            return sessions.check(token.get()).map(s -> new StaffPrincipal(s.tokenHash(), s.userId()));
        } catch (StorageException e) {
            LOG.warn("cannot check a staff session at a /ws upgrade: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Makes the member of staff the upgrade's user principal ({@code Session.getUserPrincipal()}). */
    public static void attach(Request request, StaffPrincipal staff) {
        Request.setAuthenticationState(request, new LoginAuthenticator.UserAuthenticationSucceeded(
                AUTHENTICATION_TYPE, UserIdentity.from(new Subject(), staff)));
    }
}
