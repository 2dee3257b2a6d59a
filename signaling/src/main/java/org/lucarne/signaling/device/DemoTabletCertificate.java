package org.lucarne.signaling.device;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.lucarne.certs.CaDirectory;
import org.lucarne.certs.CertificateStoreException;
import org.lucarne.certs.TabletKeystore;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.enrol.TabletCertificates;
import org.lucarne.signaling.storage.Database;
import org.lucarne.signaling.storage.StorageException;
import org.lucarne.signaling.tls.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo tablet's client certificate, so that a browser on this machine can open the kiosk page:
 * {@code <data.dir>/tls/tablets/<tabletId>.p12} and its {@code .password}, issued by the development CA
 * when missing or expiring. {@code ./lucarne trust} imports it into the user's browsers. Its serial is recorded
 * ({@code tablet_certificate}, how {@code demo}) so that the CRL lists it once the demo tablet is revoked.
 */
public final class DemoTabletCertificate {
    /** The directory, under the development CA's, that holds the tablets' certificates. */
    public static final String DIRECTORY = "tablets";
    private static final Logger LOG = LoggerFactory.getLogger(DemoTabletCertificate.class);

    private DemoTabletCertificate() {
    }

    /**
     * Issues or keeps the demo tablet's certificate; returns it, or empty when there is no development CA
     * that tablets are checked against (an operator's keystore or {@code kiosk.ca.certificate}), or when the
     * files cannot be written (logged, the demo goes on without it).
     */
    public static Optional<TabletKeystore> ensure(SignalingConfig config, ServerTls.Material tls, String tabletId,
                                                  Database db, Clock clock) {
        Optional<ServerTls.DevCa> devCa = tls.devCa();
        if (devCa.isEmpty() || !devCa.get().certificate().equals(tls.tabletCa().file())) {
            LOG.info("no demo tablet certificate: tablets are checked against {}, whose key this server does"
                    + " not hold; issue one with the hospital's CA", tls.tabletCa().file());
            return Optional.empty();
        }
        Path tlsDir = config.dataDir().resolve("tls");
        try {
            TabletKeystore keystore = TabletKeystore.ensure(new CaDirectory(tlsDir).load(clock),
                    tlsDir.resolve(DIRECTORY), tabletId, clock);
            keystore.reissued().ifPresent(why -> LOG.info("issued the demo tablet certificate {} ({})",
                    keystore.keystore(), why));
            db.inTransaction(c -> {
                TabletCertificates.record(c, tabletId, keystore.certificate(), TabletCertificates.How.DEMO);
                return null;
            });
            return Optional.of(keystore);
        } catch (CertificateStoreException | IllegalArgumentException | IllegalStateException | StorageException e) {
            LOG.warn("cannot issue the demo tablet certificate in {}: {} The kiosk page will refuse this"
                    + " browser.", tlsDir.resolve(DIRECTORY), e.getMessage());
            return Optional.empty();
        }
    }
}
