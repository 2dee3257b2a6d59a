package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The bridge's own send time, written into a forwarded packet's abs-send-time element in place. */
class AbsSendTimeTest {
    @Test
    void encodesSixPointEighteenSecondsWrappingEverySixtyFourSeconds() {
        assertEquals(0, AbsSendTime.encode(0));
        assertEquals(1 << 18, AbsSendTime.encode(1_000_000_000L), "one second");
        assertEquals(1 << 17, AbsSendTime.encode(500_000_000L));
        assertEquals(AbsSendTime.encode(1_000_000_000L), AbsSendTime.encode(65_000_000_000L), "64 s later, the same");
    }

    @Test
    void stampsTheOneByteElementAndNothingElse() {
        byte[] p = oneByte(2);
        byte[] before = p.clone();
        assertTrue(AbsSendTime.stamp(p, 0, p.length, 2, 3_000_000_000L));
        assertEquals(3 << 18 & 0xFFFFFF, Bytes.u24(p, 21));
        before[21] = p[21];
        before[22] = p[22];
        before[23] = p[23];
        assertArrayEquals(before, p);
    }

    @Test
    void stampsATwoByteElementAtAnOffset() {
        byte[] inner = ByteBuffer.allocate(12 + 4 + 8 + 2)
                .put((byte) 0x90).put((byte) 96).putShort((short) 7).putInt(1).putInt(2)
                .putShort((short) 0x1000).putShort((short) 2)
                .put((byte) 9).put((byte) 1).put((byte) 0xAA) // another element first
                .put((byte) 5).put((byte) 3).put((byte) 0).put((byte) 0).put((byte) 0)
                .putShort((short) 0x0102).array();
        byte[] p = new byte[inner.length + 10];
        System.arraycopy(inner, 0, p, 10, inner.length);
        assertTrue(AbsSendTime.stamp(p, 10, inner.length, 5, 2_000_000_000L));
        assertEquals(2 << 18, Bytes.u24(p, 10 + 12 + 4 + 5));
        assertEquals(0xAA, p[10 + 18] & 0xFF, "the other element untouched");
    }

    @Test
    void leavesPacketsWithoutSuchAnElementAsTheyWere() {
        byte[] p = oneByte(2);
        byte[] copy = p.clone();
        assertFalse(AbsSendTime.stamp(p, 0, p.length, 3, 1), "another id");
        assertFalse(AbsSendTime.stamp(p, 0, p.length, 0, 1), "not negotiated");
        assertFalse(AbsSendTime.stamp(p, 0, 18, 2, 1), "cut short before the element");
        assertArrayEquals(copy, p);
        byte[] plain = ByteBuffer.allocate(16).put((byte) 0x80).put((byte) 96).array();
        assertFalse(AbsSendTime.stamp(plain, 0, plain.length, 2, 1), "no extension block");
        byte[] twoBytes = oneByte(2);
        twoBytes[20] = (byte) (2 << 4 | 3); // four bytes of data under the same id
        assertFalse(AbsSendTime.stamp(twoBytes, 0, twoBytes.length, 2, 1), "not three bytes long");
    }

    /** RTP with a one-byte extension block: audio level, padding, then abs-send-time under {@code id} (data at 21–23). */
    private static byte[] oneByte(int id) {
        return ByteBuffer.allocate(12 + 4 + 8 + 4)
                .put((byte) 0x90).put((byte) 96).putShort((short) 7).putInt(1).putInt(2)
                .putShort((short) 0xBEDE).putShort((short) 2)
                .put((byte) (1 << 4)).put((byte) 0x7F) // audio level, one byte
                .put((byte) 0).put((byte) 0) // padding
                .put((byte) (id << 4 | 2)).put((byte) 0x11).put((byte) 0x22).put((byte) 0x33)
                .putInt(0xCAFEBABE).array();
    }
}
