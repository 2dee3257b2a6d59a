package org.lucarne.signaling.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.personal.SealedColumns;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.RelayMessage;

/**
 * The value of each live invite's link secret, for its patient's tablet (docs/e2ee.md, "Who knows the link secret"):
 * {@code PSK = HKDF-SHA-256(IKM = the 32-byte secret, salt = 32 × 0x00, info = "Lucarne invite psk v1", L = 32)}
 * (RFC 5869), computed from the link that {@code notify} keeps sealed ({@code invite_link}) until the invite's visit is
 * over. No second copy is stored: a tablet offline at booking gets the value at its next connection, for as long as
 * the link is kept. Only the value leaves, never the secret, and only to the tablet's kiosk socket.
 */
public final class LinkSecrets {
    static final byte[] PSK_INFO = "Lucarne invite psk v1".getBytes(StandardCharsets.US_ASCII);
    private static final int SECRET_BYTES = 32;

    /**
     * The live invites of a patient's contacts whose link is kept: not revoked, the contact not removed, the visit
     * neither ended nor past its end.
     */
    static final String LIVE = "SELECT l.invite_id_hash, l.link, i.contact_id, v.ends_at FROM invite_link l"
            + " JOIN invite i ON i.id_hash = l.invite_id_hash JOIN family_contact f ON f.id = i.contact_id"
            + " JOIN visit_invite vi ON vi.invite_id_hash = l.invite_id_hash JOIN visit v ON v.id = vi.visit_id"
            + " WHERE v.patient_id = ? AND i.revoked_at IS NULL AND f.removed_at IS NULL AND v.ended_at IS NULL"
            + " AND v.ends_at > ? ORDER BY v.starts_at, l.invite_id_hash";

    private final PersonalData personal;

    public LinkSecrets(PersonalData personal) {
        this.personal = Objects.requireNonNull(personal, "personal");
    }

    /** {@code e2ee_link_secret} for each live invite of {@code patientId}'s family, at {@code now}. */
    public List<RelayMessage.LinkSecret> forPatient(Connection c, String patientId, Instant now) throws SQLException {
        return read(c, LIVE, patientId, now);
    }

    /** The same for one invite (just booked), if it is live. */
    public List<RelayMessage.LinkSecret> forInvite(Connection c, String patientId, String inviteHash, Instant now)
            throws SQLException {
        return read(c, LIVE.replace(" ORDER BY", " AND l.invite_id_hash = ? ORDER BY"), patientId, now, inviteHash);
    }

    private List<RelayMessage.LinkSecret> read(Connection c, String sql, String patientId, Instant now, String... more)
            throws SQLException {
        List<RelayMessage.LinkSecret> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, patientId);
            ps.setLong(2, now.toEpochMilli());
            for (int i = 0; i < more.length; i++) {
                ps.setString(3 + i, more[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String hash = rs.getString(1);
                    byte[] secret = secretOf(personal.open(SealedColumns.INVITE_LINK, hash, rs.getString(2)));
                    out.add(new RelayMessage.LinkSecret(hash, rs.getString(3), Base64Url.encode(psk(secret)),
                            rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** The fragment of {@code https://HOST/v/{inviteId}#{secret}}, as its 32 bytes. */
    static byte[] secretOf(String link) {
        int hash = link.lastIndexOf('#');
        byte[] secret = hash < 0 ? null : Base64.getUrlDecoder().decode(link.substring(hash + 1));
        if (secret == null || secret.length != SECRET_BYTES) {
            throw new IllegalStateException("a kept link has no 32-byte secret after '#'");
        }
        return secret;
    }

    /** PSK from a link secret (docs/e2ee.md, "Session start"; RFC 5869). */
    public static byte[] psk(byte[] secret) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(secret, new byte[32], PSK_INFO));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }
}
