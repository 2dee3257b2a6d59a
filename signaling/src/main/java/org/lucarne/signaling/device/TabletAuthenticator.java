package org.lucarne.signaling.device;

import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.security.auth.Subject;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.security.UserIdentity;
import org.eclipse.jetty.security.authentication.LoginAuthenticator;
import org.eclipse.jetty.server.Request;
import org.lucarne.certs.TabletIds;
import org.lucarne.signaling.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is upgrading to {@code /ws}: on the kiosk listener, the tablet named by the client certificate
 * (already chained to the tablet CA by the TLS handshake), if it is enrolled and not revoked; on the
 * public listener, nobody in particular (the call layer refuses kiosk actions without a tablet).
 */
public final class TabletAuthenticator {
    /** The name of the kiosk listener's Jetty connector. */
    public static final String KIOSK_CONNECTOR = "kiosk";
    /** The authentication type of a verified tablet: a client certificate (as Servlet's CLIENT_CERT). */
    public static final String AUTHENTICATION_TYPE = "CLIENT_CERT";
    private static final Logger LOG = LoggerFactory.getLogger(TabletAuthenticator.class);

    /** The answer for one upgrade request. */
    public sealed interface Outcome permits PublicListener, Verified, Refused { }

    /** The request came to the public listener: no tablet identity. */
    public record PublicListener() implements Outcome { }

    /** An enrolled, non-revoked tablet. */
    public record Verified(TabletPrincipal tablet) implements Outcome { }

    /** Refused before any endpoint exists: the HTTP status and a plain text saying why. */
    public record Refused(int status, String text) implements Outcome { }

    private final Tablets tablets;

    public TabletAuthenticator(Tablets tablets) {
        this.tablets = tablets;
    }

    /** Whether the request arrived on the kiosk listener. */
    public static boolean onKioskListener(Request request) {
        Connector connector = request.getConnectionMetaData().getConnector();
        return connector != null && KIOSK_CONNECTOR.equals(connector.getName());
    }

    public Outcome authenticate(Request request) {
        if (!onKioskListener(request)) {
            return new PublicListener();
        }
        String address = Request.getRemoteAddr(request);
        Optional<X509Certificate> certificate = clientCertificate(request);
        if (certificate.isEmpty()) {
            LOG.info("refused kiosk /ws upgrade from {}: no client certificate", address);
            return new Refused(HttpStatus.FORBIDDEN_403,
                    "403 Forbidden: this connection carries no tablet certificate\n");
        }
        Optional<String> id = TabletIds.of(certificate.get());
        if (id.isEmpty()) {
            LOG.info("refused kiosk /ws upgrade from {}: certificate {} names no tablet", address,
                    certificate.get().getSubjectX500Principal().getName());
            return new Refused(HttpStatus.FORBIDDEN_403, "403 Forbidden: this certificate names no tablet"
                    + " (it needs one subjectAltName URI " + TabletIds.URI_PREFIX + "<id>)\n");
        }
        TabletStatus status;
        try {
            status = tablets.status(id.get());
        } catch (StorageException e) {
            LOG.error("cannot check tablet {} at its /ws upgrade", id.get(), e);
            return new Refused(HttpStatus.INTERNAL_SERVER_ERROR_500,
                    "500 Internal Server Error: the server cannot check tablets right now; it will retry\n");
        }
        if (status == TabletStatus.ENROLLED) {
            return new Verified(new TabletPrincipal(id.get()));
        }
        LOG.info("refused kiosk /ws upgrade from {}: tablet {} is {}", address, id.get(), status);
        return new Refused(HttpStatus.FORBIDDEN_403, status == TabletStatus.REVOKED
                ? "403 Forbidden: tablet " + id.get() + " has been revoked; ask ward staff to enrol it again\n"
                : "403 Forbidden: tablet " + id.get() + " is not enrolled; ask ward staff to enrol it\n");
    }

    /**
     * Makes the tablet the request's authenticated user, which the WebSocket upgrade exposes as
     * {@code HandshakeRequest.getUserPrincipal()} and {@code Session.getUserPrincipal()}.
     */
    public static void attach(Request request, TabletPrincipal tablet) {
        Request.setAuthenticationState(request, new LoginAuthenticator.UserAuthenticationSucceeded(
                AUTHENTICATION_TYPE, UserIdentity.from(new Subject(), tablet)));
    }

    private static Optional<X509Certificate> clientCertificate(Request request) {
        if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData ssl) {
            X509Certificate[] chain = ssl.peerCertificates();
            if (chain != null && chain.length > 0) {
                return Optional.of(chain[0]);
            }
        }
        return Optional.empty();
    }
}
