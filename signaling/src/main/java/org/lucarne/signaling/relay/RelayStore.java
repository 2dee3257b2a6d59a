package org.lucarne.signaling.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What the relay keeps of a device, as a whole: forgotten when it leaves its circle, expired after the queue's days. */
public final class RelayStore {
    private RelayStore() {
    }

    /** A device left its circle: its queue, its prekeys and the photos it uploaded go, in the caller's transaction. */
    public static void forget(Connection c, String device) throws SQLException {
        EnvelopeQueue.forget(c, device);
        Prekeys.forget(c, device);
        Blobs.forget(c, device);
    }

    /**
     * The devices of circle {@code circleId} (in the directory, {@code e2ee_device}) that are not among
     * {@code members} and still have something in the relay: a queue, prekeys or photos.
     */
    public static List<String> departed(Connection c, String circleId, List<String> members) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT d.device_id FROM e2ee_device d WHERE d.patient_id = ?"
                + " AND (EXISTS (SELECT 1 FROM e2ee_queue_size q WHERE q.device_id = d.device_id)"
                + " OR EXISTS (SELECT 1 FROM e2ee_signed_prekey s WHERE s.device_id = d.device_id)"
                + " OR EXISTS (SELECT 1 FROM e2ee_one_time_prekey o WHERE o.device_id = d.device_id)"
                + " OR EXISTS (SELECT 1 FROM e2ee_blob b WHERE b.uploader_id = d.device_id)) ORDER BY d.device_id")) {
            ps.setString(1, circleId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!members.contains(rs.getString(1))) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** What one batch of the expiry deleted. */
    public record Expired(int envelopes, int blobs, int handedOut) {
        public boolean full(int limit) {
            return envelopes == limit || blobs == limit || handedOut == limit;
        }
    }

    /**
     * Deletes at most {@code limit} of each of: envelopes queued, blobs started, and one-time prekeys handed out
     * (but never reported to their offline owner) before {@code cutoff}.
     */
    public static Expired expire(Connection c, Instant cutoff, int limit) throws SQLException {
        int envelopes = EnvelopeQueue.expire(c, cutoff, limit);
        int blobs = Blobs.expire(c, cutoff, limit);
        int handedOut;
        try (var ps = c.prepareStatement("DELETE FROM e2ee_prekey_handed_out WHERE (device_id, opk_id) IN"
                + " (SELECT device_id, opk_id FROM e2ee_prekey_handed_out WHERE handed_out_at < ? LIMIT ?)")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            handedOut = ps.executeUpdate();
        }
        return new Expired(envelopes, blobs, handedOut);
    }
}
