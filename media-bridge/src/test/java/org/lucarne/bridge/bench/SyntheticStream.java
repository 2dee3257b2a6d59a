package org.lucarne.bridge.bench;

/**
 * One RTP stream a synthetic peer sends, paced like a real encoder: Opus-sized audio at 50 packets
 * a second, or VP8-sized video as frames of several packets sent back to back.
 */
final class SyntheticStream {
    static final int OPUS_PT = 111;
    static final int VP8_PT = 100;
    private static final int RTP_HEADER = 12;

    /**
     * How a stream is shaped.
     *
     * @param payloadBytes     RTP payload per packet (probe included)
     * @param packetsPerFrame  packets sent back to back per frame (the last carries the marker bit)
     * @param frameNanos       time between frames
     * @param ticksPerFrame    RTP timestamp step per frame
     */
    record Shape(String name, int payloadType, int payloadBytes, int packetsPerFrame, long frameNanos,
                 int ticksPerFrame) {
        /** Opus at 20 ms frames, about 64 kbit/s: 160-byte payloads, 960 ticks of 48 kHz (RFC 7587 §4.1). */
        static final Shape AUDIO = new Shape("audio", OPUS_PT, 160, 1, 20_000_000L, 960);
        /** 30 frames/s of 5 × 1,150-byte packets: about 1.4 Mbit/s; 3000 ticks of 90 kHz per frame. */
        static final Shape VIDEO = new Shape("video", VP8_PT, 1150, 5, 33_333_333L, 3000);

        /** RTP bytes per second, headers included (SRTP adds its tag on top). */
        long rtpBytesPerSecond() {
            return Math.round((payloadBytes + RTP_HEADER) * packetsPerFrame * 1e9 / frameNanos);
        }
    }

    /** A keyframe every 3 s of video, so that an SFU waiting for one never waits long. */
    private static final int KEYFRAME_EVERY = 90;

    final Shape shape;
    final long ssrc;
    final int streamId;
    private int sequence;
    private long timestamp;
    private int frame;
    private int counter;

    SyntheticStream(Shape shape, long ssrc, int streamId, int firstSequence, long firstTimestamp) {
        this.shape = shape;
        this.ssrc = ssrc;
        this.streamId = streamId;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFF_FFFFL;
    }

    /** The RTP packets of the next frame, each with a probe stamped {@code nowNanos}. */
    byte[][] nextFrame(long nowNanos) {
        byte[][] packets = new byte[shape.packetsPerFrame][];
        boolean keyframe = frame % KEYFRAME_EVERY == 0;
        for (int i = 0; i < packets.length; i++) {
            boolean last = i == packets.length - 1;
            byte[] p = new byte[RTP_HEADER + shape.payloadBytes];
            // RFC 3550 §5.1: V=2, no padding, extension or CSRC.
            p[0] = (byte) 0x80;
            p[1] = (byte) ((last ? 0x80 : 0) | shape.payloadType);
            p[2] = (byte) (sequence >>> 8);
            p[3] = (byte) sequence;
            putInt(p, 4, (int) timestamp);
            putInt(p, 8, (int) ssrc);
            if (shape.payloadType == VP8_PT) {
                vp8Header(p, RTP_HEADER, i == 0, keyframe);
            } else {
                p[RTP_HEADER] = (byte) 0xFC; // Opus TOC: CELT FB 20 ms, one frame (RFC 6716 §3.1)
            }
            MediaProbe.write(p, p.length, streamId, counter++, nowNanos);
            packets[i] = p;
            sequence = (sequence + 1) & 0xFFFF;
        }
        timestamp = (timestamp + shape.ticksPerFrame) & 0xFFFF_FFFFL;
        frame++;
        return packets;
    }

    /**
     * RFC 7741 §4.2 payload descriptor (S bit on a frame's first packet, partition 0), and on the
     * first packet the VP8 frame header (RFC 6386 §9.1): a keyframe's start code and a 640×360 size.
     */
    private static void vp8Header(byte[] p, int at, boolean first, boolean keyframe) {
        p[at] = (byte) (first ? 0x10 : 0x00);
        if (!first) {
            return;
        }
        // Frame tag: bit 0 = 0 for a keyframe, version 0, show_frame 1, first partition size 100.
        int tag = (keyframe ? 0 : 1) | (1 << 4) | (100 << 5);
        p[at + 1] = (byte) tag;
        p[at + 2] = (byte) (tag >>> 8);
        p[at + 3] = (byte) (tag >>> 16);
        if (keyframe) {
            p[at + 4] = (byte) 0x9D;
            p[at + 5] = (byte) 0x01;
            p[at + 6] = (byte) 0x2A;
            p[at + 7] = (byte) (640 & 0xFF);
            p[at + 8] = (byte) (640 >>> 8);
            p[at + 9] = (byte) (360 & 0xFF);
            p[at + 10] = (byte) (360 >>> 8);
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
