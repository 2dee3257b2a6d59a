package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.TestKeys;
import org.lucarne.e2ee.wire.Buckets;
import org.lucarne.e2ee.wire.Padding;

/** padding.json: plaintext lengths to buckets, padded bytes, and paddings refused. */
class PaddingVectorsTest {

    /** Byte i of a test plaintext: (i * 7 + 1) mod 256, never a trailing zero by accident for the lengths used. */
    static byte[] plaintext(int length) {
        return TestKeys.pattern(length, 7, 1);
    }

    @Test
    void paddingFileHoldsBucketsPaddedBytesAndRefusals() throws Exception {
        ObjectNode root = VectorFile.root("Padding (docs/e2ee.md \"Padding\"): P || 0x80 || 0x00... up to the smallest bucket "
                + "(256 B, 512 B ... 32 KiB) of at least len(P) + 1 bytes. Plaintext byte i is (i * 7 + 1) mod 256; "
                + "'padded' is given up to 1000 bytes of plaintext.");
        ArrayNode buckets = root.putArray("buckets");
        for (int n : new int[] {0, 1, 17, 255, 256, 511, 1000, 1023, 4095, 16384, 32767}) {
            ObjectNode o = buckets.addObject().put("length", n).put("bucket", Buckets.forPlaintext(n));
            if (n <= 1000) {
                o.put("plaintext", b64(plaintext(n))).put("padded", b64(Padding.pad(plaintext(n))));
            }
        }
        ArrayNode tooLarge = root.putArray("tooLarge");
        tooLarge.addObject().put("length", 32768).put("code", VectorFile.outcome(() -> Padding.pad(new byte[32768])));
        ArrayNode invalid = root.putArray("invalid");
        invalid.addObject().put("name", "256 zero bytes: no 0x80").put("padded", b64(new byte[256])).put("code", VectorFile.outcome(() -> Padding.unpad(new byte[256])));
        byte[] afterMarker = Padding.pad(plaintext(10));
        afterMarker[200] = 1;
        invalid.addObject().put("name", "a non-zero byte after the 0x80").put("padded", b64(afterMarker)).put("code", VectorFile.outcome(() -> Padding.unpad(afterMarker)));
        byte[] notBucket = java.util.Arrays.copyOf(Padding.pad(plaintext(10)), 300);
        invalid.addObject().put("name", "300 bytes: not a bucket").put("padded", b64(notBucket)).put("code", VectorFile.outcome(() -> Padding.unpad(notBucket)));
        VectorFile.check("padding.json", root);
    }
}
