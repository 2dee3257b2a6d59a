package org.lucarne.signaling.enrol;

import java.math.BigInteger;
import java.security.cert.CRLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.lucarne.certs.RevokedEntry;
import org.lucarne.signaling.storage.Database;

/**
 * The tablet CA's CRL, DER: every recorded certificate of a revoked tablet that has not expired, nextUpdate in
 * {@link #NEXT_UPDATE}. Kept while it is current; made again once a tablet is revoked (on any node: the tablets'
 * revocations are read at each request) or an hour after it was made. Its CRL number is the time it was made, in
 * milliseconds, so that it grows across restarts and nodes (RFC 5280 §5.2.3).
 */
final class TabletCrl {
    static final Duration NEXT_UPDATE = Duration.ofHours(24);
    static final Duration REMADE_AFTER = Duration.ofHours(1);

    private record Made(String revocations, Instant at, byte[] der) {
    }

    private final Database db;
    private final Issuing issuing;
    private volatile Made current;

    TabletCrl(Database db, Issuing issuing) {
        this.db = db;
        this.issuing = issuing;
    }

    byte[] der() {
        Instant now = issuing.clock.instant();
        String revocations = db.inTransaction(TabletCertificates::revocationState);
        Made m = current;
        if (m != null && m.revocations().equals(revocations) && now.isBefore(m.at().plus(REMADE_AFTER))
                && !now.isBefore(m.at())) {
            return m.der();
        }
        synchronized (this) {
            List<RevokedEntry> revoked = db.inTransaction(c -> TabletCertificates.revoked(c, now));
            try {
                byte[] der = issuing.ca.crl(revoked, BigInteger.valueOf(now.toEpochMilli()), now.plus(NEXT_UPDATE))
                        .getEncoded();
                current = new Made(revocations, now, der);
                return der;
            } catch (CRLException e) {
                throw new IllegalStateException("cannot encode the tablets' CRL", e);
            }
        }
    }
}
