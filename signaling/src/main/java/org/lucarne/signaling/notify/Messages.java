package org.lucarne.signaling.notify;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.storage.StorageException;

/**
 * The message queue, {@code notify_message}: what is to be sent to whom, when, and what became of it.
 * Every method runs in the caller's transaction. Claiming a message ({@link #claim}) is one conditional
 * update, so of several nodes exactly one sends it.
 */
final class Messages {
    static final String COLUMNS = "m.id, m.visit_id, m.contact_id, m.invite_id_hash, m.kind, m.channel, m.status,"
            + " m.due_at, m.next_attempt_at, m.attempts, m.error_code, m.error, m.gateway_id, m.created_at,"
            + " m.created_by, m.sent_at, m.delivered_at, m.updated_at";
    private static final Base64.Encoder ID = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    Messages(SecureRandom random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /** A message to queue. */
    record NewMessage(String visitId, String contactId, Optional<String> inviteIdHash, MessageKind kind,
                      Channel channel, Instant dueAt, String createdBy) { }

    /** Queues a message, pending until {@code dueAt}; returns its id (the gateway's {@code reference}). */
    String queue(Connection c, NewMessage m, Instant now) throws SQLException {
        String id = newId();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO notify_message (id, visit_id, contact_id,"
                + " invite_id_hash, kind, channel, status, due_at, next_attempt_at, attempts, created_at, created_by,"
                + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, 0, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, m.visitId());
            ps.setString(3, m.contactId());
            ps.setString(4, m.inviteIdHash().orElse(null));
            ps.setString(5, m.kind().stored());
            ps.setString(6, m.channel().stored());
            ps.setLong(7, m.dueAt().toEpochMilli());
            ps.setLong(8, m.dueAt().toEpochMilli());
            ps.setLong(9, now.toEpochMilli());
            ps.setString(10, m.createdBy());
            ps.setLong(11, now.toEpochMilli());
            ps.executeUpdate();
        }
        return id;
    }

    /** Cancels the visit's messages still waiting (all of them, or only those of one invite). */
    int cancelWaiting(Connection c, String visitId, Optional<String> inviteIdHash, String code, String words,
                      Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET status = 'cancelled', error_code = ?,"
                + " error = ?, updated_at = ? WHERE visit_id = ? AND status = 'pending'"
                + (inviteIdHash.isPresent() ? " AND invite_id_hash = ?" : ""))) {
            ps.setString(1, code);
            ps.setString(2, words);
            ps.setLong(3, now.toEpochMilli());
            ps.setString(4, visitId);
            if (inviteIdHash.isPresent()) {
                ps.setString(5, inviteIdHash.get());
            }
            return ps.executeUpdate();
        }
    }

    /** The ids of pending messages due by {@code now}, the longest waiting first. */
    List<String> due(Connection c, Instant now, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM notify_message WHERE status = 'pending'"
                + " AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    /** Takes a due pending message for this node until {@code until}, counting a try; false if another node has it. */
    boolean claim(Connection c, String id, Instant now, Instant until) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET status = 'sending', attempts ="
                + " attempts + 1, claimed_until = ?, updated_at = ? WHERE id = ? AND status = 'pending'"
                + " AND next_attempt_at <= ?")) {
            ps.setLong(1, until.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            ps.setString(3, id);
            ps.setLong(4, now.toEpochMilli());
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Gives back the messages whose claim ran out (the node sending them died or hung): pending again, due
     * now. Whether such a message reached the family is unknown, so it may arrive twice.
     */
    int reclaimExpired(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET status = 'pending', claimed_until = NULL,"
                + " next_attempt_at = ?, updated_at = ? WHERE status = 'sending' AND claimed_until < ?")) {
            ps.setLong(1, now.toEpochMilli());
            ps.setLong(2, now.toEpochMilli());
            ps.setLong(3, now.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /**
     * Sent by {@code channel} (which may differ from the one queued: a channel not configured any more sends
     * to the outbox). A delivery report that came first is kept.
     */
    void sent(Connection c, String id, Channel channel, Optional<String> gatewayId, Optional<String> sealedBody,
              Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET status = CASE WHEN status = 'sending'"
                + " THEN 'sent' ELSE status END, error_code = CASE WHEN status = 'sending' THEN NULL ELSE error_code END,"
                + " error = CASE WHEN status = 'sending' THEN NULL ELSE error END, channel = ?, gateway_id = ?, body = ?,"
                + " sent_at = ?, claimed_until = NULL, updated_at = ? WHERE id = ?")) {
            ps.setString(1, channel.stored());
            setOptional(ps, 2, gatewayId);
            setOptional(ps, 3, sealedBody);
            ps.setLong(4, now.toEpochMilli());
            ps.setLong(5, now.toEpochMilli());
            ps.setString(6, id);
            ps.executeUpdate();
        }
    }

    /** A passing failure with tries left: pending again from {@code next}. */
    void retryAt(Connection c, String id, Instant next, String code, String words, Instant now) throws SQLException {
        end(c, id, "pending", next, code, words, now);
    }

    /** Failed for good (refused, or no try left), with why. */
    void failed(Connection c, String id, String code, String words, Instant now) throws SQLException {
        end(c, id, "failed", null, code, words, now);
    }

    /** Not to be sent after all (the visit is over, the invite revoked …), with why. */
    void cancel(Connection c, String id, String code, String words, Instant now) throws SQLException {
        end(c, id, "cancelled", null, code, words, now);
    }

    private static void end(Connection c, String id, String status, Instant next, String code, String words,
                            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET status = ?, next_attempt_at ="
                + " COALESCE(?, next_attempt_at), claimed_until = NULL, error_code = ?, error = ?, updated_at = ?"
                + " WHERE id = ?")) {
            ps.setString(1, status);
            if (next == null) {
                ps.setNull(2, Types.BIGINT);
            } else {
                ps.setLong(2, next.toEpochMilli());
            }
            ps.setString(3, code);
            ps.setString(4, words);
            ps.setLong(5, now.toEpochMilli());
            ps.setString(6, id);
            ps.executeUpdate();
        }
    }

    /**
     * The gateway's report on a message it took: delivered, or not. A report on a message not sent yet
     * (the gateway can answer faster than its first answer arrives) counts too; a later one never undoes
     * {@code delivered}.
     *
     * @return false when there is no such SMS message
     */
    boolean report(Connection c, String id, boolean delivered, String code, String words, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(delivered
                ? "UPDATE notify_message SET status = 'delivered', delivered_at = ?, error_code = NULL, error = NULL,"
                        + " updated_at = ? WHERE id = ? AND channel = 'sms' AND status IN ('sending', 'sent', 'delivered',"
                        + " 'failed')"
                : "UPDATE notify_message SET status = CASE WHEN status = 'delivered' THEN status ELSE 'failed' END,"
                        + " error_code = CASE WHEN status = 'delivered' THEN error_code ELSE ? END,"
                        + " error = CASE WHEN status = 'delivered' THEN error ELSE ? END, updated_at = ?"
                        + " WHERE id = ? AND channel = 'sms' AND status IN ('sending', 'sent', 'delivered', 'failed')")) {
            if (delivered) {
                ps.setLong(1, now.toEpochMilli());
                ps.setLong(2, now.toEpochMilli());
                ps.setString(3, id);
            } else {
                ps.setString(1, code);
                ps.setString(2, words);
                ps.setLong(3, now.toEpochMilli());
                ps.setString(4, id);
            }
            return ps.executeUpdate() == 1;
        }
    }

    Optional<MessageRow> find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_message m WHERE m.id = ?")) {
            ps.setString(1, id);
            List<MessageRow> rows = read(ps);
            return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
        }
    }

    /** The visit's messages, oldest first. */
    List<MessageRow> ofVisit(Connection c, String visitId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM notify_message m"
                + " WHERE m.visit_id = ? ORDER BY m.created_at, m.due_at, m.id")) {
            ps.setString(1, visitId);
            return read(ps);
        }
    }

    /** Forgets what the outbox messages of visits over say. */
    int purgeBodies(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE notify_message SET body = NULL WHERE body IS NOT NULL"
                + " AND visit_id IN (SELECT v.id FROM visit v WHERE v.ends_at <= ? OR v.ended_at IS NOT NULL)")) {
            ps.setLong(1, now.toEpochMilli());
            return ps.executeUpdate();
        }
    }

    /** Whether the outbox message still keeps what it says (its visit is not over). */
    boolean bodyKept(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM notify_message WHERE id = ? AND body IS NOT NULL")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<MessageRow> read(PreparedStatement ps) throws SQLException {
        List<MessageRow> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, 1));
            }
        }
        return out;
    }

    /** A row selected as {@link #COLUMNS} from column {@code first}. */
    static MessageRow row(ResultSet rs, int first) throws SQLException {
        int i = first;
        String id = rs.getString(i++);
        String visit = rs.getString(i++);
        String contact = rs.getString(i++);
        Optional<String> invite = Optional.ofNullable(rs.getString(i++));
        String kind = rs.getString(i++);
        String channel = rs.getString(i++);
        String status = rs.getString(i++);
        Instant due = Instant.ofEpochMilli(rs.getLong(i++));
        Instant next = Instant.ofEpochMilli(rs.getLong(i++));
        int attempts = rs.getInt(i++);
        Optional<String> code = Optional.ofNullable(rs.getString(i++));
        Optional<String> error = Optional.ofNullable(rs.getString(i++));
        Optional<String> gateway = Optional.ofNullable(rs.getString(i++));
        Instant created = Instant.ofEpochMilli(rs.getLong(i++));
        String by = rs.getString(i++);
        Optional<Instant> sent = instant(rs, i++);
        Optional<Instant> delivered = instant(rs, i++);
        Instant updated = Instant.ofEpochMilli(rs.getLong(i));
        return new MessageRow(id, visit, contact, invite,
                MessageKind.fromStored(kind).orElseThrow(() -> unknown(id, "kind", kind)),
                Channel.fromStored(channel).orElseThrow(() -> unknown(id, "channel", channel)),
                MessageStatus.fromStored(status).orElseThrow(() -> unknown(id, "status", status)),
                due, next, attempts, code, error, gateway, created, by, sent, delivered, updated);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }

    private static StorageException unknown(String id, String what, String value) {
        return new StorageException("message " + id + " has " + what + " '" + value + "', which this version does not know");
    }

    private static void setOptional(PreparedStatement ps, int i, Optional<String> v) throws SQLException {
        if (v.isPresent()) {
            ps.setString(i, v.get());
        } else {
            ps.setNull(i, Types.VARCHAR);
        }
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return ID.encodeToString(b);
    }
}
