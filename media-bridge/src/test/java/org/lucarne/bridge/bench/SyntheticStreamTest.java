package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.Vp8Descriptor;

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
    void simulcastLayerCarriesPictureIdAndTl0PicIdxThatTheBridgeReadsAndThatStepEachFrame() throws Exception {
        SyntheticStream layer = new SyntheticStream(SyntheticStream.Shape.LAYER_360P, 7, 0, 0x1234_0000, 0x5600);
        byte[][] first = layer.nextFrame(0);
        byte[][] second = layer.nextFrame(0);

        assertEquals(2, first.length);
        RtpPacket p = RtpPacket.parse(first[0], 0, first[0].length);
        int at = p.payloadOffset();
        int len = p.payloadLength();
        assertEquals(0x1234, Vp8Descriptor.pictureId(first[0], at, len));
        assertTrue(Vp8Descriptor.longPictureId(first[0], at, len));
        assertEquals(0x56, Vp8Descriptor.tl0PicIdx(first[0], at, len));
        assertEquals(Vp8Payload.EXTENDED_DESCRIPTOR, Vp8Descriptor.length(first[0], at, len));
        assertTrue(Vp8Descriptor.isKeyframeStart(first[0], at, len));
        assertEquals(360, Vp8Descriptor.keyframeHeight(first[0], at, len));
        // Every packet of a frame has the frame's picture id; only the first starts the partition.
        assertEquals(0x1234, Vp8Descriptor.pictureId(first[1], at, len));
        assertFalse(Vp8Descriptor.isKeyframeStart(first[1], at, len));
        assertEquals(0x1235, Vp8Descriptor.pictureId(second[0], at, len));
        assertEquals(0x57, Vp8Descriptor.tl0PicIdx(second[0], at, len));
        assertFalse(Vp8Descriptor.isKeyframeStart(second[0], at, len));
        assertEquals(new MediaProbe.Reading(0, 1, 0), MediaProbe.read(first[1], at, first[1].length));
    }

    @Test
    void keyframeComesOnTheFrameAfterARequestAndThenEveryThreeSecondsAsBefore() throws Exception {
        SyntheticStream layer = new SyntheticStream(SyntheticStream.Shape.LAYER_720P, 7, 0, 0, 0, true);
        assertEquals(720, height(layer.nextFrame(0)[0]));
        assertEquals(-1, height(layer.nextFrame(0)[0]));
        layer.requestKeyframe();
        assertEquals(720, height(layer.nextFrame(0)[0]));
        for (int frame = 3; frame < 90; frame++) {
            assertEquals(-1, height(layer.nextFrame(0)[0]), "frame " + frame);
        }
        assertEquals(720, height(layer.nextFrame(0)[0]));
    }

    @Test
    void simulcastLayersAreInChromiumsRatioAndTheTopOneIsTheOneLayerTraffic() {
        List<SyntheticStream.Shape> layers = Traffic.SIMULCAST.videoLayers;
        long low = 8 * layers.get(0).rtpBytesPerSecond();
        long mid = 8 * layers.get(1).rtpBytesPerSecond();
        assertTrue(low > 140_000 && low < 160_000, low + " bit/s");
        assertTrue(mid > 480_000 && mid < 520_000, mid + " bit/s");
        assertEquals(SyntheticStream.Shape.VIDEO.rtpBytesPerSecond(), layers.get(2).rtpBytesPerSecond());
        assertEquals(List.of(180, 360, 720), layers.stream().map(SyntheticStream.Shape::height).toList());
        assertEquals(50 + 30 + 60 + 150, Traffic.SIMULCAST.packetsPerSecond());
        assertEquals(Traffic.ONE_LAYER.packetsPerSecond(), Traffic.SIMULCAST.forwardedPerSecond());
    }

    @Test
    void oneLayerVideoKeepsItsOneByteDescriptor() throws Exception {
        byte[] first = new SyntheticStream(SyntheticStream.Shape.VIDEO, 1, 0, 0, 0).nextFrame(0)[0];
        RtpPacket p = RtpPacket.parse(first, 0, first.length);
        assertEquals(1, Vp8Descriptor.length(first, p.payloadOffset(), p.payloadLength()));
        assertEquals(-1, Vp8Descriptor.pictureId(first, p.payloadOffset(), p.payloadLength()));
        assertEquals(360, Vp8Descriptor.keyframeHeight(first, p.payloadOffset(), p.payloadLength()));
    }

    private static int height(byte[] packet) throws MalformedPacketException {
        RtpPacket p = RtpPacket.parse(packet, 0, packet.length);
        return Vp8Descriptor.keyframeHeight(packet, p.payloadOffset(), p.payloadLength());
    }

    @Test
    void payloadThatIsNotOursHasNoProbe() {
        byte[] payload = new byte[40];
        assertNull(MediaProbe.read(payload, 0, payload.length));
        assertNull(MediaProbe.read(payload, 30, payload.length));
        assertFalse(MediaProbe.read(payload, 0, 10) != null);
    }
}
