package org.lucarne.signaling.relay;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

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
