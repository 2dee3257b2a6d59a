package org.lucarne.signaling.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.lucarne.signaling.ws.protocol.Base64Url;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/**
 * Photo chunks (docs/e2ee.md, "Photos"), inside the caller's transaction: a blob is 1 to {@value #MAX_CHUNKS}
 * chunks of {@value #CHUNK_BYTES} bytes (32 KiB of the padded photo and AES-GCM's 16-byte tag), stored once for
 * every recipient by the uploading device, fetched only by devices of its circle, deleted after
 * {@code e2ee.queue.days} (the server cannot tell when every recipient has fetched them).
 */
public final class Blobs {
    public static final int MAX_CHUNKS = 64;
    public static final int CHUNK_BYTES = 32 * 1024 + 16;

    /** What {@link #put} did: the chunk is new (a photo's first chunk starts a blob), or was already stored. */
    public enum Put { STORED, NEW_BLOB, ALREADY_STORED }

    private Blobs() {
    }

    /**
     * Stores chunk {@code index} of {@code count} of {@code blob}, uploaded by {@code uploader} of circle
     * {@code circle}. The chunk that starts a blob fixes its uploader, circle and count; a later chunk must agree
     * ({@code e2ee_blob_invalid} otherwise). The same bytes again answer {@link Put#ALREADY_STORED} (a retry after a
     * lost answer); other bytes at a stored index are refused: a photo's chunks never change once stored.
     */
    public static Put put(Connection c, String blob, int index, int count, byte[] data, String uploader, String circle,
                          Instant now) throws SQLException {
        if (count < 1 || count > MAX_CHUNKS || index < 0 || index >= count || data.length != CHUNK_BYTES) {
            throw new RelayRefusal(ErrorCode.E2EE_BLOB_INVALID, "a photo is 1 to " + MAX_CHUNKS + " chunks of "
                    + CHUNK_BYTES + " bytes, numbered from 0");
        }
        Put result = Put.STORED;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_blob (blob_id, uploader_id, circle_id, chunks,"
                + " created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (blob_id) DO NOTHING")) {
            ps.setString(1, blob);
            ps.setString(2, uploader);
            ps.setString(3, circle);
            ps.setInt(4, count);
            ps.setLong(5, now.toEpochMilli());
            if (ps.executeUpdate() == 1) {
                result = Put.NEW_BLOB;
            }
        }
        if (result == Put.STORED) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT uploader_id, circle_id, chunks FROM e2ee_blob WHERE blob_id = ?")) {
                ps.setString(1, blob);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getString(1).equals(uploader) || !rs.getString(2).equals(circle) || rs.getInt(3) != count) {
                        throw new RelayRefusal(ErrorCode.E2EE_BLOB_INVALID, "blob " + blob
                                + " was started by another device or with another count of chunks: use a new blob id");
                    }
                }
            }
            Optional<byte[]> stored = chunkData(c, blob, index);
            if (stored.isPresent()) {
                if (!Arrays.equals(stored.get(), data)) {
                    throw new RelayRefusal(ErrorCode.E2EE_BLOB_INVALID, "chunk " + index + " of blob " + blob
                            + " is already stored with other bytes; stored chunks never change");
                }
                return Put.ALREADY_STORED;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO e2ee_blob_chunk (blob_id, idx, data) VALUES (?, ?, ?)")) {
            ps.setString(1, blob);
            ps.setInt(2, index);
            ps.setString(3, Base64Url.encode(data));
            ps.executeUpdate();
        }
        return result;
    }

    /** A chunk, with its blob's count of chunks. */
    public record Chunk(int count, byte[] data) { }

    /**
     * Chunk {@code index} of {@code blob} for a device of circle {@code circle}: {@code e2ee_blob_unknown} when there
     * is no such chunk, {@code e2ee_not_in_circle} when the blob is another circle's.
     */
    public static Chunk get(Connection c, String blob, int index, String circle) throws SQLException {
        String blobCircle;
        int count;
        try (PreparedStatement ps = c.prepareStatement("SELECT circle_id, chunks FROM e2ee_blob WHERE blob_id = ?")) {
            ps.setString(1, blob);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw unknown(blob, index);
                }
                blobCircle = rs.getString(1);
                count = rs.getInt(2);
            }
        }
        if (!blobCircle.equals(circle)) {
            throw new RelayRefusal(ErrorCode.E2EE_NOT_IN_CIRCLE, "blob " + blob + " is not of this device's circle");
        }
        return new Chunk(count, chunkData(c, blob, index).orElseThrow(() -> unknown(blob, index)));
    }

    private static RelayRefusal unknown(String blob, int index) {
        return new RelayRefusal(ErrorCode.E2EE_BLOB_UNKNOWN, "no chunk " + index + " of blob " + blob
                + " is stored: never sent, or expired");
    }

    private static Optional<byte[]> chunkData(Connection c, String blob, int index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT data FROM e2ee_blob_chunk WHERE blob_id = ? AND idx = ?")) {
            ps.setString(1, blob);
            ps.setInt(2, index);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Base64Url.decode(rs.getString(1))) : Optional.empty();
            }
        }
    }

    /** Deletes at most {@code limit} blobs (with their chunks) started before {@code cutoff}; how many. */
    public static int expire(Connection c, Instant cutoff, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT blob_id FROM e2ee_blob WHERE created_at < ? ORDER BY created_at LIMIT ?")) {
            ps.setLong(1, cutoff.toEpochMilli());
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        int deleted = 0;
        for (String id : ids) {
            deleted += delete(c, id);
        }
        return deleted;
    }

    private static int delete(Connection c, String blob) throws SQLException {
        Prekeys.update(c, "DELETE FROM e2ee_blob_chunk WHERE blob_id = ?", blob);
        return Prekeys.update(c, "DELETE FROM e2ee_blob WHERE blob_id = ?", blob);
    }

    /** Every blob a device that left its circle uploaded. */
    static void forget(Connection c, String device) throws SQLException {
        Prekeys.update(c, "DELETE FROM e2ee_blob_chunk WHERE blob_id IN (SELECT blob_id FROM e2ee_blob WHERE uploader_id = ?)",
                device);
        Prekeys.update(c, "DELETE FROM e2ee_blob WHERE uploader_id = ?", device);
    }
}
