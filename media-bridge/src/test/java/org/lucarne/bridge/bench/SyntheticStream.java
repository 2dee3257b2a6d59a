package org.lucarne.bridge.bench;

/**
 * One RTP stream a synthetic peer sends, paced like a real encoder: Opus-sized audio at 50 packets
 * a second, or VP8-sized video as frames of several packets sent back to back: one layer, or one of
 * the three simulcast layers of a 720p camera. Video sends a keyframe every 3 s and, once asked
 * ({@link #requestKeyframe}, from another thread), on its next frame.
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
     * @param width            a keyframe's picture width, in pixels (VP8 only)
     * @param height           a keyframe's picture height, in pixels (VP8 only)
     * @param pictureIds       VP8 only: the payload descriptor carries a picture id and TL0PICIDX
     */
    record Shape(String name, int payloadType, int payloadBytes, int packetsPerFrame, long frameNanos,
                 int ticksPerFrame, int width, int height, boolean pictureIds) {
        /** Opus at 20 ms frames, about 64 kbit/s: 160-byte payloads, 960 ticks of 48 kHz (RFC 7587 §4.1). */
        static final Shape AUDIO = new Shape("audio", OPUS_PT, 160, 1, 20_000_000L, 960, 0, 0, false);
        /** 30 frames/s of 5 × 1,150-byte packets: about 1.4 Mbit/s; 3000 ticks of 90 kHz per frame. */
        static final Shape VIDEO = new Shape("video", VP8_PT, 1150, 5, 33_333_333L, 3000, 640, 360, false);
        /**
         * The simulcast layers of a 720p camera as Chromium sends them with the call engine's settings
         * (÷4 at 150 kbit/s, ÷2 at 500 kbit/s, ÷1 at 1.5 Mbit/s), all at 30 frames/s. The top layer
         * is {@link #VIDEO}'s traffic exactly, so that what a receiver gets is what it got from one layer.
         */
        static final Shape LAYER_180P = new Shape("video 320×180", VP8_PT, 610, 1, 33_333_333L, 3000, 320, 180, true);
        /** About 500 kbit/s: 2 × 1,030-byte packets a frame. */
        static final Shape LAYER_360P = new Shape("video 640×360", VP8_PT, 1030, 2, 33_333_333L, 3000, 640, 360, true);
        /** About 1.4 Mbit/s: 5 × 1,150-byte packets a frame, as {@link #VIDEO}. */
        static final Shape LAYER_720P = new Shape("video 1280×720", VP8_PT, 1150, 5, 33_333_333L, 3000, 1280, 720, true);

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
    /** An SFU is expected to forward it: audio, and the only or the top video layer. */
    final boolean forwarded;
    private int sequence;
    private long timestamp;
    private int frame;
    private int counter;
    private int pictureId;
    private int tl0PicIdx;
    private volatile boolean keyframeRequested;

    /** A stream an SFU is expected to forward. */
    SyntheticStream(Shape shape, long ssrc, int streamId, int firstSequence, long firstTimestamp) {
        this(shape, ssrc, streamId, firstSequence, firstTimestamp, true);
    }

    SyntheticStream(Shape shape, long ssrc, int streamId, int firstSequence, long firstTimestamp, boolean forwarded) {
        this.shape = shape;
        this.ssrc = ssrc;
        this.streamId = streamId;
        this.forwarded = forwarded;
        this.sequence = firstSequence & 0xFFFF;
        this.timestamp = firstTimestamp & 0xFFFF_FFFFL;
        this.pictureId = (firstSequence >>> 16) & 0x7FFF;
        this.tl0PicIdx = (int) (firstTimestamp >>> 8) & 0xFF;
    }

    /** The next frame is a keyframe (a PLI or FIR named this stream, RFC 4585 §6.3.1, RFC 5104 §4.3.1). */
    void requestKeyframe() {
        keyframeRequested = true;
    }

    /** The RTP packets of the next frame, each with a probe stamped {@code nowNanos}. */
    byte[][] nextFrame(long nowNanos) {
        byte[][] packets = new byte[shape.packetsPerFrame][];
        boolean keyframe = frame % KEYFRAME_EVERY == 0;
        if (keyframeRequested && shape.payloadType == VP8_PT) {
            keyframeRequested = false;
            keyframe = true;
        }
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
                Vp8Payload.write(p, RTP_HEADER, shape.pictureIds, i == 0, keyframe, pictureId, tl0PicIdx,
                        shape.width, shape.height);
            } else {
                p[RTP_HEADER] = (byte) 0xFC; // Opus TOC: CELT FB 20 ms, one frame (RFC 6716 §3.1)
            }
            MediaProbe.write(p, p.length, streamId, counter++, nowNanos);
            packets[i] = p;
            sequence = (sequence + 1) & 0xFFFF;
        }
        timestamp = (timestamp + shape.ticksPerFrame) & 0xFFFF_FFFFL;
        frame++;
        pictureId = (pictureId + 1) & 0x7FFF;
        tl0PicIdx = (tl0PicIdx + 1) & 0xFF;
        return packets;
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
