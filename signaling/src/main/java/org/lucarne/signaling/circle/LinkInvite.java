package org.lucarne.signaling.circle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * What binding a link needs to know of its invite (docs/e2ee.md, "Binding a link to a browser"): its contact and
 * patient, the patient's ward, and whether it is live. Binding is allowed from the invite's issue, not only in its
 * slot window: so "live" is not revoked, not past its window's end, and its visit neither ended nor over.
 */
record LinkInvite(String idHash, String contactId, String patientId, String wardId, boolean revoked, boolean expired,
                  boolean visitOver, boolean contactRemoved) {

    /** Not revoked, not expired, its visit not over. */
    boolean live() {
        return !revoked && !expired && !visitOver;
    }

    /** The invite of that hash, if it exists and names a visit; {@code now} in epoch ms. */
    static Optional<LinkInvite> find(Connection c, String idHash, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT i.id_hash, i.contact_id, fc.patient_id, b.ward_id,"
                + " i.revoked_at, i.not_after, v.ended_at, v.ends_at, fc.removed_at FROM invite i"
                + " JOIN family_contact fc ON fc.id = i.contact_id JOIN patient p ON p.id = fc.patient_id"
                + " JOIN bed b ON b.id = p.bed_id JOIN visit_invite vi ON vi.invite_id_hash = i.id_hash"
                + " JOIN visit v ON v.id = vi.visit_id WHERE i.id_hash = ?")) {
            ps.setString(1, idHash);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                rs.getLong(5);
                boolean revoked = !rs.wasNull();
                boolean expired = rs.getLong(6) <= now;
                rs.getLong(7);
                boolean over = !rs.wasNull() || rs.getLong(8) <= now;
                rs.getLong(9);
                boolean removed = !rs.wasNull();
                return Optional.of(new LinkInvite(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        revoked, expired, over, removed));
            }
        }
    }
}
