package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.photo.PhotoChunks;
import org.lucarne.e2ee.primitives.Hashes;

/** photo.json: a picture's chunks, and sets of them that must not open. */
class PhotoVectorsTest {

    @Test
    void photoFileHoldsAPicturesChunksAndTheSetsThatFail() throws Exception {
        ObjectNode root = VectorFile.root("Photo chunks (docs/e2ee.md \"Photos\", 32 KiB chunks as settled): the picture padded "
                + "to a multiple of 32 KiB, chunk i sealed with nonce 7 x 0x00 || i (4) || last (1) and AD "
                + "\"Lucarne photo chunk v1\" || 0x00 || blob. The picture stands in for a JPEG (chunking never reads it): "
                + "40,000 bytes, byte i = (i * 31 + 7) mod 256. 'sets' list chunk indexes in the order given to the reader.");
        byte[] picture = TestKeys.pattern(40_000, 31, 7);
        byte[] key = TestKeys.value("photo key");
        byte[] blob = Arrays.copyOf(TestKeys.value("photo blob"), 16);
        root.put("key", b64(key)).put("blob", b64(blob)).put("bytes", picture.length).put("sha256", b64(Hashes.sha256(picture)));
        root.put("picture", b64(picture));
        root.put("ad", b64(PhotoChunks.associatedData(blob)));
        List<byte[]> chunks = PhotoChunks.seal(key, blob, picture);
        ArrayNode c = root.putArray("chunks");
        for (int i = 0; i < chunks.size(); i++) {
            c.addObject().put("index", i).put("nonce", b64(PhotoChunks.nonce(i, i == chunks.size() - 1)))
                    .put("ciphertext", b64(chunks.get(i)));
        }
        ArrayNode sets = root.putArray("sets");
        set(sets, "complete, in order", chunks, new int[] {0, 1}, key, blob, Hashes.sha256(picture));
        set(sets, "reordered", chunks, new int[] {1, 0}, key, blob, Hashes.sha256(picture));
        set(sets, "truncated: the last chunk dropped", chunks, new int[] {0}, key, blob, Hashes.sha256(picture));
        set(sets, "the first chunk twice", chunks, new int[] {0, 0}, key, blob, Hashes.sha256(picture));
        ObjectNode other = set(sets, "read as another blob", chunks, new int[] {0, 1}, key, Arrays.copyOf(TestKeys.value("other blob"), 16),
                Hashes.sha256(picture));
        other.put("blob", b64(Arrays.copyOf(TestKeys.value("other blob"), 16)));
        ObjectNode hash = set(sets, "a message whose sha256 is another picture's", chunks, new int[] {0, 1}, key, blob,
                Hashes.sha256(new byte[1]));
        hash.put("sha256", b64(Hashes.sha256(new byte[1])));
        VectorFile.check("photo.json", root);
    }

    private static ObjectNode set(ArrayNode sets, String name, List<byte[]> chunks, int[] order, byte[] key, byte[] blob,
                                  byte[] sha256) {
        ObjectNode o = sets.addObject().put("name", name);
        ArrayNode idx = o.putArray("order");
        List<byte[]> given = new ArrayList<>();
        for (int i : order) {
            idx.add(i);
            given.add(chunks.get(i));
        }
        o.put("result", VectorFile.outcome(() -> PhotoChunks.open(key, blob, given, sha256)));
        return o;
    }
}
