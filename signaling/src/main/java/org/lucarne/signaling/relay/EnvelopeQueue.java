package org.lucarne.signaling.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * The per-recipient-device queues of envelopes (docs/e2ee.md, "The server"), inside the caller's transaction.
 * Each recipient's envelopes get seqs from 1 in arrival order; they are read after a seq, deleted by
 * acknowledgement or after {@code e2ee.queue.days}, and bounded: {@value #MAX_ENVELOPES} envelopes and
 * {@value #MAX_BYTES} bytes a recipient, beyond which nothing is queued ({@code e2ee_queue_full}).
 */
public final class EnvelopeQueue {
    public static final int MAX_ENVELOPES = 10_000;
    public static final long MAX_BYTES = 64L * 1024 * 1024;

    /** One queued envelope: its recipient's seq, when it was queued (ms), and its bytes. */
    public record Queued(long seq, long queuedAt, byte[] envelope) { }

    /** An acknowledged envelope: who sent it, and its seq in the recipient's queue (as the sender's e2ee_sent said). */
    public record Acknowledged(String sender, long seq) { }

    private EnvelopeQueue() {
    }

    /**
     * Queues {@code envelope} for {@code recipient} and returns its seq; refuses with {@code e2ee_queue_full} when it
     * would pass either bound. The recipient's size row is updated first, and only within the bounds: on PostgreSQL
     * that update locks the row, so two senders at once cannot both pass the last place.
     */
    public static long enqueue(Connection c, String recipient, String sender, byte[] envelope, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_queue_size (device_id, envelopes, bytes,"
                + " next_seq) VALUES (?, 0, 0, 1) ON CONFLICT (device_id) DO NOTHING")) {
            ps.setString(1, recipient);
            ps.executeUpdate();
        }
        long seq;
        try (PreparedStatement ps = c.prepareStatement("UPDATE e2ee_queue_size SET envelopes = envelopes + 1,"
                + " bytes = bytes + ?, next_seq = next_seq + 1 WHERE device_id = ? AND envelopes < ? AND bytes + ? <= ?"
                + " RETURNING next_seq - 1")) {
            ps.setLong(1, envelope.length);
            ps.setString(2, recipient);
            ps.setInt(3, MAX_ENVELOPES);
            ps.setLong(4, envelope.length);
            ps.setLong(5, MAX_BYTES);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new RelayRefusal(ErrorCode.E2EE_QUEUE_FULL, "the recipient device has " + MAX_ENVELOPES
                            + " envelopes or 64 MiB waiting; nothing was queued: try again once it has read them");
                }
                seq = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_queue (recipient_id, seq, sender_id, bytes,"
                + " envelope, queued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, recipient);
            ps.setLong(2, seq);
            ps.setString(3, sender);
            ps.setInt(4, envelope.length);
            ps.setString(5, Base64Url.encode(envelope));
            ps.setLong(6, now.toEpochMilli());
            ps.executeUpdate();
        }
        return seq;
    }

    /** At most {@code limit} of {@code recipient}'s envelopes with a seq above {@code afterSeq}, in seq order. */
    public static List<Queued> after(Connection c, String recipient, long afterSeq, int limit) throws SQLException {
        List<Queued> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, queued_at, envelope FROM e2ee_queue"
                + " WHERE recipient_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            ps.setString(1, recipient);
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Queued(rs.getLong(1), rs.getLong(2), Base64Url.decode(rs.getString(3))));
                }
            }
        }
        return out;
    }

    /**
     * Deletes {@code recipient}'s envelopes of these seqs (unknown ones are ignored); those deleted, with their senders
     * (read from the rows themselves, so the sender can be told; nothing else is kept).
     */
    public static List<Acknowledged> ack(Connection c, String recipient, List<Long> seqs) throws SQLException {
        List<Acknowledged> deleted = new ArrayList<>();
        long bytes = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM e2ee_queue WHERE recipient_id = ? AND seq = ? RETURNING bytes, sender_id")) {
            for (long seq : seqs) {
                ps.setString(1, recipient);
                ps.setLong(2, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        deleted.add(new Acknowledged(rs.getString(2), seq));
                        bytes += rs.getLong(1);
                    }
                }
            }
        }
        shrink(c, recipient, deleted.size(), bytes);
        return deleted;
    }

    private static void shrink(Connection c, String recipient, int envelopes, long bytes) throws SQLException {
        if (envelopes == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE e2ee_queue_size SET envelopes = envelopes - ?,"
                + " bytes = bytes - ? WHERE device_id = ?")) {
            ps.setInt(1, envelopes);
            ps.setLong(2, bytes);
            ps.setString(3, recipient);
            ps.executeUpdate();
        }
    }

    /** How many envelopes, and how many bytes, wait for {@code recipient}. */
    public static long[] size(Connection c, String recipient) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT envelopes, bytes FROM e2ee_queue_size WHERE device_id = ?")) {
            ps.setString(1, recipient);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getLong(2)} : new long[] {0, 0};
            }
        }
    }

    /** Deletes at most {@code limit} envelopes queued before {@code cutoff}, oldest first; how many. */
    public static int expire(Connection c, Instant cutoff, int limit) throws SQLException {
        Map<String, long[]> byRecipient = new LinkedHashMap<>();
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT recipient_id, seq, bytes FROM e2ee_queue"
                + " WHERE queued_at < ? ORDER BY queued_at LIMIT ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)});
                }
            }
        }
        int deleted = 0;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM e2ee_queue WHERE recipient_id = ? AND seq = ?")) {
            for (Object[] row : rows) {
                ps.setString(1, (String) row[0]);
                ps.setLong(2, (Long) row[1]);
                if (ps.executeUpdate() == 1) {
                    deleted++;
                    long[] sum = byRecipient.computeIfAbsent((String) row[0], r -> new long[2]);
                    sum[0]++;
                    sum[1] += (Long) row[2];
                }
            }
        }
        for (var e : byRecipient.entrySet()) {
            shrink(c, e.getKey(), (int) e.getValue()[0], e.getValue()[1]);
        }
        return deleted;
    }

    /** Every envelope waiting for a device that left its circle, and its size row. */
    static void forget(Connection c, String device) throws SQLException {
        Prekeys.update(c, "DELETE FROM e2ee_queue WHERE recipient_id = ?", device);
        Prekeys.update(c, "DELETE FROM e2ee_queue_size WHERE device_id = ?", device);
    }
}
