package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.colibri.SsrcGroup;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.rtp.Vp8Descriptor;

/** One receiver's view of a simulcast source: switches at keyframes, one continuous stream out. */
class LayerSwitchTest {
    static final long LOW = 100;
    static final long HIGH = 200;
    static final SimulcastSource SOURCE = SimulcastSource.of(new SsrcGroup("SIM", List.of(LOW, HIGH)),
            List.of(new SsrcGroup("FID", List.of(LOW, 101L)), new SsrcGroup("FID", List.of(HIGH, 201L))));

    private final LayerSwitch sw = new LayerSwitch(SOURCE);
    private long nanos = 1_000_000_000L;

    /** Sends through the switch; returns the rewritten packet, or null when dropped. */
    private RtpPacket send(byte[] packet, int layer) throws MalformedPacketException {
        nanos += 33_000_000L;
        RtpPacket in = RtpPacket.parse(packet, 0, packet.length);
        int out = SOURCE.isRtx(in.ssrc())
                ? sw.rtx(packet, 0, in.payloadOffset(), in.payloadLength(), layer)
                : sw.media(packet, 0, in.payloadOffset(), in.payloadLength(), layer, nanos);
        return out == LayerSwitch.DROP ? null : RtpPacket.parse(packet, 0, packet.length);
    }

    private static int pid(RtpPacket p) {
        return Vp8Descriptor.pictureId(p.buffer(), p.payloadOffset(), p.payloadLength());
    }

    private static int tl0(RtpPacket p) {
        return Vp8Descriptor.tl0PicIdx(p.buffer(), p.payloadOffset(), p.payloadLength());
    }

    @Test
    void nothingGoesOutBeforeTheTargetLayersKeyframe() throws Exception {
        sw.target(1);
        assertEquals(null, send(Packets.vp8(10, 9000, HIGH, 5, 1, true, false, 0), 1), "an interframe");
        assertEquals(null, send(Packets.vp8(500, 9000, LOW, 5, 1, true, true, 180), 0), "another layer's keyframe");
        RtpPacket first = send(Packets.vp8(11, 12000, HIGH, 6, 2, true, true, 720), 1);
        assertEquals(LOW, first.ssrc(), "every layer goes out on the first layer's SSRC");
        assertEquals(1, sw.current());
        assertEquals(0, sw.switches(), "the first layer is no switch");
    }

    @Test
    void aSwitchContinuesSequenceTimestampPictureIdAndTl0PicIdx() throws Exception {
        sw.target(1);
        send(Packets.vp8(65534, 4_294_967_000L, HIGH, 0x7FFE, 255, true, true, 720), 1);
        RtpPacket last = send(Packets.vp8(65535, 4_294_967_000L + 3000, HIGH, 0x7FFF, 255, true, false, 0), 1);
        sw.target(0);
        assertEquals(null, send(Packets.vp8(7, 50_000, LOW, 40, 9, true, false, 0), 0), "waits for a keyframe");
        RtpPacket high = send(Packets.vp8(0, 4_294_967_000L + 6000, HIGH, 0, 0, true, false, 0), 1);
        RtpPacket switched = send(Packets.vp8(8, 53_000, LOW, 41, 10, true, true, 180), 0);

        assertEquals(0, high.sequenceNumber(), "the high layer goes on, across the wrap, until the switch");
        assertEquals(1, switched.sequenceNumber(), "no gap at the switch");
        assertEquals(LOW, switched.ssrc());
        assertEquals(1, pid(switched), "picture id goes on from 0 after 0x7FFF");
        assertEquals(1, tl0(switched), "TL0PICIDX goes on from 0 after 255");
        long step = (switched.timestamp() - high.timestamp()) & 0xFFFF_FFFFL;
        assertEquals(33 * 90, step, "the timestamp advances by the time between the packets");
        assertEquals(null, send(Packets.vp8(1, 4_294_967_000L + 9000, HIGH, 1, 1, true, true, 720), 1),
                "the old layer no longer goes out");
        RtpPacket next = send(Packets.vp8(9, 56_000, LOW, 42, 10, true, false, 0), 0);
        assertEquals(2, next.sequenceNumber());
        assertEquals(2, pid(next));
        assertEquals(3000, next.timestamp() - switched.timestamp());
        assertEquals(1, sw.switches());
        assertEquals(0x7FFF, pid(last));
    }

    @Test
    void packetsOfTheNewLayerFromBeforeItsKeyframeAreDropped() throws Exception {
        sw.target(0);
        send(Packets.vp8(100, 1000, LOW, 1, 1, true, true, 180), 0);
        assertEquals(null, send(Packets.vp8(99, 1000, LOW, 0, 0, true, false, 0), 0));
    }

    @Test
    void rtxOfTheForwardedLayerGetsTheFirstLayersRtxAndTranslatedOsn() throws Exception {
        sw.target(1);
        send(Packets.vp8(40, 1000, HIGH, 3, 1, true, true, 720), 1);
        byte[] original = Packets.vp8(41, 1000, HIGH, 4, 1, false, false, 0);
        RtpPacket forwarded = send(original.clone(), 1);
        RtpPacket rtx = send(Packets.rtx(7, 201, original), 1);

        assertEquals(101, rtx.ssrc());
        assertEquals(0, rtx.sequenceNumber(), "the RTX stream has numbers of its own");
        int osn = (rtx.buffer()[rtx.payloadOffset()] & 0xFF) << 8 | rtx.buffer()[rtx.payloadOffset() + 1] & 0xFF;
        assertEquals(forwarded.sequenceNumber(), osn);
        assertEquals(pid(forwarded), Vp8Descriptor.pictureId(rtx.buffer(), rtx.payloadOffset() + 2, rtx.payloadLength() - 2));
        assertEquals(null, send(Packets.rtx(8, 101, Packets.vp8(5, 0, LOW, 1, 1, false, false, 0)), 0),
                "another layer's RTX");
    }

    @Test
    void nacksAndSenderReportsAreTranslatedForTheForwardedLayerOnly() throws Exception {
        sw.target(0);
        send(Packets.vp8(1000, 90_000, LOW, 3, 1, true, true, 180), 0);
        sw.target(1);
        RtpPacket switched = send(Packets.vp8(30, 500_000, HIGH, 9, 4, true, true, 720), 1);

        assertEquals(30, sw.senderSequence(switched.sequenceNumber()));
        assertEquals(-1, sw.senderSequence(switched.sequenceNumber() - 1), "sent from the layer before");
        assertEquals(switched.timestamp(), sw.senderReportTimestamp(1, 500_000));
        assertEquals(-1, sw.senderReportTimestamp(0, 90_000));
        assertEquals(1, sw.keyframeLayer());
    }
}
