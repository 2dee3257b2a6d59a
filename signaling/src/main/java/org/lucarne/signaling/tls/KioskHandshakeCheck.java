package org.lucarne.signaling.tls;

import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Connector;
import org.lucarne.certs.TabletIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a revoked tablet in the kiosk listener's TLS handshake. Two places, one rule: the trust manager
 * ({@link #trusting}) refuses its certificate in a full handshake, so the tablet gets a TLS alert; the
 * handshake listener refuses a session resumed from before the revocation, which no trust manager sees.
 * The {@code /ws} upgrade checks the database again ({@code device.TabletAuthenticator}).
 */
public final class KioskHandshakeCheck implements SslHandshakeListener {
    private static final Logger LOG = LoggerFactory.getLogger(KioskHandshakeCheck.class);

    private final Predicate<String> revoked;

    /** @param revoked whether a tablet id is revoked (an in-memory list: this runs on every handshake) */
    public KioskHandshakeCheck(Predicate<String> revoked) {
        this.revoked = Objects.requireNonNull(revoked, "revoked");
    }

    /** The tablet a chain names, when it is revoked. */
    Optional<String> revokedTablet(Certificate[] chain) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
            return Optional.empty();
        }
        return TabletIds.of(leaf).filter(revoked);
    }

    @Override
    public void handshakeSucceeded(Event event) throws SSLException {
        SSLSession session = event.getSSLEngine().getSession();
        Certificate[] chain;
        try {
            chain = session.getPeerCertificates();
        } catch (SSLPeerUnverifiedException e) {
            return; // the listener requires a certificate: the handshake could not have succeeded without one
        }
        Optional<String> tablet = revokedTablet(chain);
        if (tablet.isPresent()) {
            LOG.info("refused a resumed TLS session of revoked tablet {} from {}", tablet.get(),
                    event.getSSLEngine().getPeerHost());
            throw new SSLHandshakeException("tablet " + tablet.get() + " has been revoked");
        }
    }

    /** Closes the connections of the kiosk listener (none before it exists) whose TLS peer is the tablet. */
    public static void closeConnections(Connector kioskListener, String tabletId) {
        if (kioskListener == null) {
            return;
        }
        for (EndPoint endPoint : kioskListener.getConnectedEndPoints()) {
            if (endPoint.getConnection() instanceof SslConnection tls && tabletId.equals(peerTablet(tls).orElse(null))) {
                LOG.info("closing a TLS connection of revoked tablet {} from {}", tabletId, endPoint.getRemoteSocketAddress());
                endPoint.close();
            }
        }
    }

    private static Optional<String> peerTablet(SslConnection tls) {
        try {
            Certificate[] chain = tls.getSSLEngine().getSession().getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate leaf ? TabletIds.of(leaf) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty(); // still in its handshake
        }
    }

    /** {@code delegate}, which also refuses the certificate of a revoked tablet. */
    public X509ExtendedTrustManager trusting(X509ExtendedTrustManager delegate) {
        return new Refusing(Objects.requireNonNull(delegate, "delegate"));
    }

    private final class Refusing extends X509ExtendedTrustManager {
        private final X509ExtendedTrustManager delegate;

        Refusing(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        private void refuseRevoked(X509Certificate[] chain, String from) throws CertificateException {
            Optional<String> tablet = revokedTablet(chain);
            if (tablet.isPresent()) {
                LOG.info("refused the TLS handshake of revoked tablet {} from {}", tablet.get(), from);
                throw new CertificateException("tablet " + tablet.get() + " has been revoked");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkClientTrusted(chain, authType);
            refuseRevoked(chain, "an unknown address");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, socket);
            refuseRevoked(chain, String.valueOf(socket.getRemoteSocketAddress()));
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkClientTrusted(chain, authType, engine);
            refuseRevoked(chain, engine.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            delegate.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }
}
