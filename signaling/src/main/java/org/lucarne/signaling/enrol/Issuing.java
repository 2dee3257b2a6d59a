package org.lucarne.signaling.enrol;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.Pem;
import org.lucarne.signaling.session.SessionTokens;

/** What enrolment, MDM packages and renewal share: the tablet CA, new tablet rows, and chains in PEM. */
final class Issuing {
    /** The validity asked for every tablet certificate (the CA caps it at 90 days too). */
    static final Duration VALIDITY = CertificateAuthority.MAX_TABLET_VALIDITY;

    /** A bed and the ward it is in. */
    record Bed(String id, String label, String wardId) {
    }

    final CertificateAuthority ca;
    final Clock clock;
    final SecureRandom random;

    Issuing(CertificateAuthority ca, Clock clock, SecureRandom random) {
        this.ca = ca;
        this.clock = clock;
        this.random = random;
    }

    static Optional<Bed> bed(Connection c, String bedId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, label, ward_id FROM bed WHERE id = ?")) {
            ps.setString(1, bedId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Bed(rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    /** A new tablet row in {@code bed}, enrolled now: its id. */
    String newTablet(Connection c, Bed bed, String label) throws SQLException {
        String id = "t-" + SessionTokens.newToken(random).substring(0, 22);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, bed.id());
            ps.setString(3, label);
            ps.setLong(4, clock.millis());
            ps.executeUpdate();
        }
        return id;
    }

    /** A chain as PEM, leaf first. */
    static String pem(List<X509Certificate> chain) {
        StringBuilder s = new StringBuilder();
        chain.forEach(x -> s.append(Pem.encode(x)));
        return s.toString();
    }
}
