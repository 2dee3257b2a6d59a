package org.lucarne.e2ee.photo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.wire.PlaintextException;

class PhotoChunksTest {
    private static final byte[] KEY = TestKeys.value("photo key");
    private static final byte[] BLOB = java.util.Arrays.copyOf(TestKeys.value("photo blob"), 16);

    static byte[] picture(int length) {
        return TestKeys.pattern(length, 31, 7);
    }

    @Test
    void aPictureComesBackFromItsChunks() throws Exception {
        byte[] jpeg = picture(70_000);
        List<byte[]> chunks = PhotoChunks.seal(KEY, BLOB, jpeg);
        assertEquals(3, chunks.size());
        assertEquals(32 * 1024 + 16, chunks.get(0).length);
        assertArrayEquals(jpeg, PhotoChunks.open(KEY, BLOB, chunks, Hashes.sha256(jpeg)));
    }

    @Test
    void aPictureOfExactlyOneChunkTakesTwoForItsPadding() throws Exception {
        assertEquals(2, PhotoChunks.seal(KEY, BLOB, picture(32 * 1024)).size());
        assertEquals(1, PhotoChunks.seal(KEY, BLOB, picture(32 * 1024 - 1)).size());
    }

    @Test
    void reorderedTruncatedOrMovedChunksAreRefused() throws Exception {
        byte[] jpeg = picture(70_000);
        List<byte[]> chunks = PhotoChunks.seal(KEY, BLOB, jpeg);
        List<byte[]> swapped = new ArrayList<>(chunks);
        Collections.swap(swapped, 0, 1);
        assertEquals("photo_chunk_failed", code(swapped, BLOB, jpeg));
        assertEquals("photo_chunk_failed", code(chunks.subList(0, 2), BLOB, jpeg));
        byte[] otherBlob = BLOB.clone();
        otherBlob[0] ^= 1;
        assertEquals("photo_chunk_failed", code(chunks, otherBlob, jpeg));
        assertEquals("photo_hash_mismatch", code(chunks, BLOB, picture(10)));
    }

    @Test
    void aPictureOver2MiBIsRefused() {
        assertEquals("plaintext_too_large", assertThrows(PlaintextException.class,
                () -> PhotoChunks.seal(KEY, BLOB, new byte[2 * 1024 * 1024])).code());
    }

    private static String code(List<byte[]> chunks, byte[] blob, byte[] jpeg) {
        return assertThrows(E2eeException.class, () -> PhotoChunks.open(KEY, blob, chunks, Hashes.sha256(jpeg))).code();
    }
}
