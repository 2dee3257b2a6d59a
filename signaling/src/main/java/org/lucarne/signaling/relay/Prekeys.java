package org.lucarne.signaling.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * The prekey directory (docs/e2ee.md, "Prekeys"), inside the caller's transaction: one signed prekey a device,
 * replaced by the next; one-time prekeys uploaded by {@value #MAX_UPLOAD} at most, {@value #MAX_HELD} held at most,
 * each handed out once and deleted in the transaction that hands it out. Devices are named by their base64url ids.
 */
public final class Prekeys {
    /** The most one-time prekeys one upload carries. */
    public static final int MAX_UPLOAD = 100;
    /** The most one-time prekeys a device holds on the server. */
    public static final int MAX_HELD = 200;
    /** Below this many one-time prekeys left, the owner is told to upload more. */
    public static final int REFILL_BELOW = 20;
    /** How many times taking a one-time prekey is tried again when another transaction took the same one. */
    private static final int TAKE_ATTEMPTS = 5;

    /** What the owner is told: how many one-time prekeys are left, and which were handed out since it was last told. */
    public record State(int oneTimeLeft, List<Long> handedOut) {
        public State {
            handedOut = List.copyOf(handedOut);
        }
    }

    /** What a peer gets to start a session: the signed prekey, and a one-time prekey while any is left. */
    public record Bundle(SignedPrekey signed, Optional<OneTimePrekey> oneTime) { }

    private Prekeys() {
    }

    /** Replaces {@code device}'s signed prekey (checked by the caller against its identity). */
    public static void putSigned(Connection c, String device, SignedPrekey prekey, Instant now) throws SQLException {
        update(c, "DELETE FROM e2ee_signed_prekey WHERE device_id = ?", device);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_signed_prekey"
                + " (device_id, spk_id, created_at, record, uploaded_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, device);
            ps.setLong(2, prekey.spkId());
            ps.setLong(3, prekey.createdAt());
            ps.setString(4, Base64Url.encode(prekey.encode()));
            ps.setLong(5, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public static Optional<SignedPrekey> signed(Connection c, String device) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT record FROM e2ee_signed_prekey WHERE device_id = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SignedPrekey.decode(Base64Url.decode(rs.getString(1)))) : Optional.empty();
            }
        }
    }

    /**
     * Adds one-time prekeys: refused whole ({@code e2ee_prekeys_full}) when the device would hold more than
     * {@value #MAX_HELD}, or an id repeats one it holds or one of the same upload.
     */
    public static void addOneTime(Connection c, String device, List<OneTimePrekey> keys, Instant now)
            throws SQLException {
        if (keys.size() > MAX_UPLOAD) {
            throw new IllegalArgumentException("at most " + MAX_UPLOAD + " one-time prekeys an upload");
        }
        if (keys.isEmpty()) {
            return;
        }
        Set<Long> ids = new HashSet<>(heldIds(c, device));
        int held = ids.size();
        if (held + keys.size() > MAX_HELD) {
            throw new RelayRefusal(ErrorCode.E2EE_PREKEYS_FULL, "this device holds " + held + " one-time prekeys; "
                    + keys.size() + " more would pass the " + MAX_HELD + " a device may hold");
        }
        for (OneTimePrekey k : keys) {
            if (!ids.add(k.id())) {
                throw new RelayRefusal(ErrorCode.E2EE_PREKEYS_FULL, "one-time prekey " + k.id()
                        + " is already held, or sent twice: give each a new id");
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_one_time_prekey"
                + " (device_id, opk_id, public_key, uploaded_at) VALUES (?, ?, ?, ?)")) {
            for (OneTimePrekey k : keys) {
                ps.setString(1, device);
                ps.setLong(2, k.id());
                ps.setString(3, Base64Url.encode(k.publicKey()));
                ps.setLong(4, now.toEpochMilli());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<Long> heldIds(Connection c, String device) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT opk_id FROM e2ee_one_time_prekey WHERE device_id = ?")) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    /**
     * Hands out {@code device}'s one-time prekey of the lowest id, deleting it (and noting it for its owner) in this
     * transaction: of two transactions that want the last one, one gets it and the other none.
     */
    public static Optional<OneTimePrekey> takeOneTime(Connection c, String device, Instant now) throws SQLException {
        for (int attempt = 0; attempt < TAKE_ATTEMPTS; attempt++) {
            // PostgreSQL, READ COMMITTED: a transaction that loses the row to another deletes nothing, and looks again.
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM e2ee_one_time_prekey WHERE device_id = ?"
                    + " AND opk_id = (SELECT MIN(opk_id) FROM e2ee_one_time_prekey WHERE device_id = ?)"
                    + " RETURNING opk_id, public_key")) {
                ps.setString(1, device);
                ps.setString(2, device);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        OneTimePrekey k = new OneTimePrekey(rs.getLong(1), Base64Url.decode(rs.getString(2)));
                        handedOut(c, device, k.id(), now);
                        return Optional.of(k);
                    }
                }
            }
            if (heldIds(c, device).isEmpty()) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static void handedOut(Connection c, String device, long id, Instant now) throws SQLException {
        update(c, "DELETE FROM e2ee_prekey_handed_out WHERE device_id = ? AND opk_id = " + id, device);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO e2ee_prekey_handed_out (device_id, opk_id, handed_out_at) VALUES (?, ?, ?)")) {
            ps.setString(1, device);
            ps.setLong(2, id);
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    /** A bundle of {@code device}'s prekeys, taking a one-time prekey; empty when it has no signed prekey. */
    public static Optional<Bundle> bundle(Connection c, String device, Instant now) throws SQLException {
        Optional<SignedPrekey> signed = signed(c, device);
        if (signed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Bundle(signed.get(), takeOneTime(c, device, now)));
    }

    /** How many one-time prekeys {@code device} has left, and the first {@value #MAX_UPLOAD} handed out, oldest first. */
    public static State state(Connection c, String device) throws SQLException {
        int left = heldIds(c, device).size();
        List<Long> handed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT opk_id FROM e2ee_prekey_handed_out WHERE device_id = ?"
                + " ORDER BY handed_out_at, opk_id LIMIT " + MAX_UPLOAD)) {
            ps.setString(1, device);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    handed.add(rs.getLong(1));
                }
            }
        }
        return new State(left, handed);
    }

    /** The owner was told these were handed out: forget them. */
    public static void reported(Connection c, String device, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM e2ee_prekey_handed_out WHERE device_id = ? AND opk_id = ?")) {
            for (long id : ids) {
                ps.setString(1, device);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Every prekey of a device that left its circle. */
    static void forget(Connection c, String device) throws SQLException {
        update(c, "DELETE FROM e2ee_signed_prekey WHERE device_id = ?", device);
        update(c, "DELETE FROM e2ee_one_time_prekey WHERE device_id = ?", device);
        update(c, "DELETE FROM e2ee_prekey_handed_out WHERE device_id = ?", device);
    }

    static int update(Connection c, String sql, String device) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, device);
            return ps.executeUpdate();
        }
    }
}
