package org.lucarne.e2ee.photo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lucarne.e2ee.primitives.AesGcm;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.wire.Padding;
import org.lucarne.e2ee.wire.PlaintextException;

/**
 * A photo's encrypted chunks (docs/e2ee.md "Photos", sizes as settled for the socket): the JPEG padded to a
 * multiple of 32 KiB, cut into 1–64 chunks of 32 KiB, chunk {@code i} sealed with AES-256-GCM under the photo's
 * key, {@code nonce = 7 × 0x00 || i (4) || last (1)} and {@code AD = "Lucarne photo chunk v1" || 0x00 || blob}.
 * A chunk's ciphertext is 32 KiB and its 16-byte tag.
 */
public final class PhotoChunks {
    public static final int CHUNK_BYTES = 32 * 1024;
    public static final int MAX_CHUNKS = 64;
    /** The largest JPEG: 2 MiB less the padding's 0x80. */
    public static final int MAX_PHOTO_BYTES = CHUNK_BYTES * MAX_CHUNKS - 1;
    public static final int BLOB_ID_BYTES = 16;

    private PhotoChunks() {
    }

    /** The chunks' ciphertexts, in order. */
    public static List<byte[]> seal(byte[] key, byte[] blobId, byte[] jpeg) throws PlaintextException {
        if (jpeg.length > MAX_PHOTO_BYTES) {
            throw new PlaintextException(PlaintextException.TOO_LARGE, "a photo has at most " + MAX_PHOTO_BYTES + " bytes");
        }
        byte[] padded = Padding.padToMultiple(jpeg, CHUNK_BYTES);
        int count = padded.length / CHUNK_BYTES;
        byte[] ad = associatedData(blobId);
        List<byte[]> chunks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] part = Arrays.copyOfRange(padded, i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES);
            chunks.add(AesGcm.encrypt(Bytes.exact(key, 32, "photo key"), nonce(i, i == count - 1), part, ad));
        }
        return chunks;
    }

    /**
     * The JPEG of a complete set of chunks, in order, checked against the {@code sha256} of its message. Codes:
     * {@code photo_malformed} (count or size), {@code photo_chunk_failed} (a chunk out of place, from another
     * photo, or a set cut short: its last chunk was not sealed as last), {@code photo_hash_mismatch}.
     */
    public static byte[] open(byte[] key, byte[] blobId, List<byte[]> chunks, byte[] sha256) throws E2eeException {
        if (chunks.isEmpty() || chunks.size() > MAX_CHUNKS) {
            throw new E2eeException("photo_malformed", "a photo has 1 to " + MAX_CHUNKS + " chunks, not " + chunks.size());
        }
        byte[] ad = associatedData(blobId);
        byte[] padded = new byte[chunks.size() * CHUNK_BYTES];
        for (int i = 0; i < chunks.size(); i++) {
            byte[] c = chunks.get(i);
            if (c.length != CHUNK_BYTES + 16) {
                throw new E2eeException("photo_malformed", "chunk " + i + " has " + c.length + " bytes, not " + (CHUNK_BYTES + 16));
            }
            try {
                byte[] part = AesGcm.decrypt(key, nonce(i, i == chunks.size() - 1), c, ad);
                System.arraycopy(part, 0, padded, i * CHUNK_BYTES, CHUNK_BYTES);
            } catch (E2eeException e) {
                throw new E2eeException("photo_chunk_failed", "chunk " + i + " of " + chunks.size()
                        + " does not decrypt there: reordered, cut short, or from another photo");
            }
        }
        byte[] jpeg;
        try {
            jpeg = Padding.strip(padded);
        } catch (PlaintextException e) {
            throw new E2eeException("photo_malformed", e.getMessage());
        }
        if (!Arrays.equals(Hashes.sha256(jpeg), sha256)) {
            throw new E2eeException("photo_hash_mismatch", "the photo is not the one its message describes");
        }
        return jpeg;
    }

    /** 7 × 0x00 || i (4) || last (1). */
    public static byte[] nonce(int index, boolean last) {
        return Bytes.concat(new byte[7], Bytes.uint32(index), new byte[] {(byte) (last ? 1 : 0)});
    }

    public static byte[] associatedData(byte[] blobId) {
        return Bytes.concat(Labels.prefix(Labels.PHOTO_CHUNK), Bytes.exact(blobId, BLOB_ID_BYTES, "blob id"));
    }
}
