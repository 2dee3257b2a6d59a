package org.lucarne.signaling.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.util.Arrays;
import java.util.Collection;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * TLS for the servers' two listeners. The public one never asks for a client certificate, so family
 * and staff browsers never see a certificate prompt; the kiosk one requires a certificate chaining to
 * the tablet CA, so a connection without one, or with one from another CA, fails in the handshake.
 * A revoked tablet is refused in the handshake too ({@link KioskHandshakeCheck}); which tablet it is, and
 * whether it is still enrolled, is checked again at the {@code /ws} upgrade.
 */
public final class ListenerTls {

    private ListenerTls() {
    }

    /** The public listener: TLS 1.2 and 1.3, no client certificate. */
    public static SslContextFactory.Server publicListener(ServerTls.Material tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        configure(ssl, tls);
        return ssl;
    }

    private static void configure(SslContextFactory.Server ssl, ServerTls.Material tls) {
        ssl.setKeyStorePath(tls.keystore().toString());
        ssl.setKeyStorePassword(tls.password());
        ssl.setKeyStoreType("PKCS12");
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    }

    /**
     * The kiosk listener: as the public one, and a client certificate from the tablet CA is required, refused
     * when it names a revoked tablet ({@code check}, which the connector must also have as a bean for sessions
     * resumed from before the revocation).
     */
    public static SslContextFactory.Server kioskListener(ServerTls.Material tls, KioskHandshakeCheck check) {
        SslContextFactory.Server ssl = new SslContextFactory.Server() {
            @Override
            protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls)
                    throws Exception {
                return Arrays.stream(super.getTrustManagers(trustStore, crls))
                        .map(m -> m instanceof X509ExtendedTrustManager x ? check.trusting(x) : m)
                        .toArray(TrustManager[]::new);
            }
        };
        configure(ssl, tls);
        ssl.setTrustStore(trustStore(tls.tabletCa()));
        ssl.setNeedClientAuth(true);
        return ssl;
    }

    private static KeyStore trustStore(ServerTls.TabletCa ca) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("tablet-ca", ca.certificate());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build the tablet trust store", e);
        }
    }
}
