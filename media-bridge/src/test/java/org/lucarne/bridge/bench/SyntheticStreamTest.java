package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtpPacket;

class SyntheticStreamTest {

    @Test
    void videoFrameIsFivePacketsWithOneTimestampConsecutiveSequencesAndTheMarkerOnTheLast() throws Exception {
        SyntheticStream video = new SyntheticStream(SyntheticStream.Shape.VIDEO, 0xCAFEBABEL, 3, 65534, 10);
        byte[][] frame = video.nextFrame(123_456_789L);

        assertEquals(5, frame.length);
        for (int i = 0; i < frame.length; i++) {
            RtpPacket p = RtpPacket.parse(frame[i], 0, frame[i].length);
            assertEquals(SyntheticStream.VP8_PT, p.payloadType());
            assertEquals((65534 + i) & 0xFFFF, p.sequenceNumber());
            assertEquals(10, p.timestamp());
            assertEquals(0xCAFEBABEL, p.ssrc());
            assertEquals(i == 4, p.marker());
            assertEquals(1150, p.payloadLength());
            MediaProbe.Reading probe = MediaProbe.read(frame[i], p.payloadOffset(), frame[i].length);
            assertEquals(new MediaProbe.Reading(3, i, 123_456_789L), probe);
        }
        RtpPacket next = RtpPacket.parse(video.nextFrame(0)[0], 0, 1162);
        assertEquals(3010, next.timestamp());
    }

    @Test
    void firstVideoFrameIsAVp8KeyframeAndTheNextIsNot() throws MalformedPacketException {
        SyntheticStream video = new SyntheticStream(SyntheticStream.Shape.VIDEO, 1, 0, 0, 0);
        byte[] first = video.nextFrame(0)[0];
        byte[] second = video.nextFrame(0)[0];
        int at = RtpPacket.parse(first, 0, first.length).payloadOffset();
        // RFC 7741 §4.2: S bit set, partition 0; RFC 6386 §9.1: P bit clear and the start code for a keyframe.
        assertEquals(0x10, first[at]);
        assertEquals(0, first[at + 1] & 1);
        assertEquals((byte) 0x9D, first[at + 4]);
        assertEquals(1, second[at + 1] & 1);
    }

    @Test
    void shapesAddUpToAboutOneAndAHalfMegabitsASecond() {
        long bits = 8 * (SyntheticStream.Shape.AUDIO.rtpBytesPerSecond() + SyntheticStream.Shape.VIDEO.rtpBytesPerSecond());
        assertTrue(bits > 1_400_000 && bits < 1_600_000, bits + " bit/s");
    }

    @Test
    void payloadThatIsNotOursHasNoProbe() {
        byte[] payload = new byte[40];
        assertNull(MediaProbe.read(payload, 0, payload.length));
        assertNull(MediaProbe.read(payload, 30, payload.length));
        assertFalse(MediaProbe.read(payload, 0, 10) != null);
    }
}
