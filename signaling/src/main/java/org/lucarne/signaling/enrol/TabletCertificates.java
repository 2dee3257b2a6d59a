package org.lucarne.signaling.enrol;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.lucarne.certs.RevokedEntry;

/**
 * Every certificate issued to a tablet (table {@code tablet_certificate}), inside the caller's transaction: its
 * serial, so that the CRL lists those of a revoked tablet until they expire. Nothing else of it is kept.
 */
public final class TabletCertificates {
    /** How a certificate came to be. */
    public enum How {
        ENROLMENT("enrolment"), RENEWAL("renewal"), MDM("mdm"), DEMO("demo");

        private final String stored;

        How(String stored) {
            this.stored = stored;
        }

        public String stored() {
            return stored;
        }
    }

    private TabletCertificates() {
    }

    /** Records {@code certificate} as issued to {@code tabletId}; recording it twice changes nothing. */
    public static void record(Connection c, String tabletId, X509Certificate certificate, How how) throws SQLException {
        String serial = serial(certificate.getSerialNumber());
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM tablet_certificate WHERE serial = ?")) {
            ps.setString(1, serial);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tablet_certificate (serial, tablet_id, issued_at,"
                + " not_after, how) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, serial);
            ps.setString(2, tabletId);
            ps.setLong(3, certificate.getNotBefore().getTime());
            ps.setLong(4, certificate.getNotAfter().getTime());
            ps.setString(5, how.stored());
            ps.executeUpdate();
        }
    }

    /**
     * The certificates of revoked tablets that have not expired at {@code now}, each with its tablet's revocation
     * time (or its issue time, if it was issued after that), by serial.
     */
    public static List<RevokedEntry> revoked(Connection c, Instant now) throws SQLException {
        List<RevokedEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT k.serial, t.revoked_at, k.issued_at"
                + " FROM tablet_certificate k JOIN tablet t ON t.id = k.tablet_id"
                + " WHERE t.revoked_at IS NOT NULL AND k.not_after > ? ORDER BY k.serial")) {
            ps.setLong(1, now.toEpochMilli());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RevokedEntry(new BigInteger(rs.getString(1), 16),
                            Instant.ofEpochMilli(Math.max(rs.getLong(2), rs.getLong(3)))));
                }
            }
        }
        return out;
    }

    /**
     * What the CRL depends on besides time: the number of revoked tablets and the latest revocation. When it
     * changes, the CRL is made again.
     */
    public static String revocationState(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*), MAX(revoked_at) FROM tablet WHERE revoked_at IS NOT NULL");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) + "@" + rs.getLong(2);
        }
    }

    /** A serial as stored: lowercase hex. */
    public static String serial(BigInteger serial) {
        return serial.toString(16);
    }
}
