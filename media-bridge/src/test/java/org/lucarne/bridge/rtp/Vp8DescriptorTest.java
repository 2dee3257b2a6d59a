package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** RFC 7741 §4.2 descriptors read and rewritten in place; keyframes and their height (RFC 6386 §9.1). */
class Vp8DescriptorTest {
    /** X, S, PID 0; I L T; M + 15-bit picture id 0x1234; TL0PICIDX 7; TID; keyframe header 1280×720. */
    private static final byte[] KEYFRAME = {
            (byte) 0x90, (byte) 0xE0, (byte) 0x92, 0x34, 7, 0x20,
            0x10, 0, 0, (byte) 0x9d, 0x01, 0x2a, 0x00, 0x05, (byte) 0xD0, 0x02};

    @Test
    void readsTheLongPictureIdAndTl0PicIdx() {
        assertEquals(0x1234, Vp8Descriptor.pictureId(KEYFRAME, 0, KEYFRAME.length));
        assertTrue(Vp8Descriptor.longPictureId(KEYFRAME, 0, KEYFRAME.length));
        assertEquals(7, Vp8Descriptor.tl0PicIdx(KEYFRAME, 0, KEYFRAME.length));
        assertEquals(6, Vp8Descriptor.length(KEYFRAME, 0, KEYFRAME.length));
    }

    @Test
    void rewritesPictureIdAndTl0PicIdxInPlaceKeepingTheirForm() {
        byte[] b = KEYFRAME.clone();
        Vp8Descriptor.setPictureId(b, 0, b.length, 0x7FFF + 3);
        Vp8Descriptor.setTl0PicIdx(b, 0, b.length, 300);
        assertEquals(2, Vp8Descriptor.pictureId(b, 0, b.length), "15 bits wrap");
        assertTrue(Vp8Descriptor.longPictureId(b, 0, b.length));
        assertEquals(300 & 0xFF, Vp8Descriptor.tl0PicIdx(b, 0, b.length));
        assertEquals(0x20, b[5], "TID byte untouched");
    }

    @Test
    void readsAShortPictureId() {
        byte[] b = {(byte) 0x90, (byte) 0xC0, 0x45, 9, 0x10, 0, 0};
        assertEquals(0x45, Vp8Descriptor.pictureId(b, 0, b.length));
        assertFalse(Vp8Descriptor.longPictureId(b, 0, b.length));
        assertEquals(9, Vp8Descriptor.tl0PicIdx(b, 0, b.length));
        Vp8Descriptor.setPictureId(b, 0, b.length, 130);
        assertEquals(2, Vp8Descriptor.pictureId(b, 0, b.length), "7 bits wrap");
    }

    @Test
    void keyframeIsTheStartOfPartitionZeroWithThePBitClear() {
        assertTrue(Vp8Descriptor.isKeyframeStart(KEYFRAME, 0, KEYFRAME.length));
        assertEquals(720, Vp8Descriptor.keyframeHeight(KEYFRAME, 0, KEYFRAME.length));
        byte[] inter = KEYFRAME.clone();
        inter[6] = 0x11;
        assertFalse(Vp8Descriptor.isKeyframeStart(inter, 0, inter.length));
        assertEquals(-1, Vp8Descriptor.keyframeHeight(inter, 0, inter.length));
        byte[] middle = KEYFRAME.clone();
        middle[0] = (byte) 0x80;
        assertFalse(Vp8Descriptor.isKeyframeStart(middle, 0, middle.length), "not the start of the frame");
        byte[] otherPartition = KEYFRAME.clone();
        otherPartition[0] = (byte) 0x91;
        assertFalse(Vp8Descriptor.isKeyframeStart(otherPartition, 0, otherPartition.length));
    }

    @Test
    void truncatedPayloadsReadAsAbsentAndAreNotWritten() {
        for (int len = 0; len < 7; len++) {
            byte[] b = java.util.Arrays.copyOf(KEYFRAME, len);
            assertFalse(Vp8Descriptor.isKeyframeStart(b, 0, len), "length " + len);
            Vp8Descriptor.setPictureId(b, 0, len, 1);
            Vp8Descriptor.setTl0PicIdx(b, 0, len, 1);
        }
        assertEquals(-1, Vp8Descriptor.pictureId(KEYFRAME, 0, 3), "15-bit id cut after its first byte");
        assertEquals(-1, Vp8Descriptor.keyframeHeight(KEYFRAME, 0, 12), "keyframe header cut before the height");
    }

    @Test
    void worksAtAnOffsetInALargerBuffer() {
        byte[] b = new byte[KEYFRAME.length + 5];
        System.arraycopy(KEYFRAME, 0, b, 5, KEYFRAME.length);
        assertEquals(0x1234, Vp8Descriptor.pictureId(b, 5, KEYFRAME.length));
        assertEquals(720, Vp8Descriptor.keyframeHeight(b, 5, KEYFRAME.length));
    }
}
