package org.lucarne.bridge.forward;

import static org.lucarne.bridge.rtp.Bytes.put16;
import static org.lucarne.bridge.rtp.Bytes.put32;
import static org.lucarne.bridge.rtp.Bytes.u16;
import static org.lucarne.bridge.rtp.Bytes.u32;

import org.lucarne.bridge.rtp.SequenceNumbers;
import org.lucarne.bridge.rtp.Vp8Descriptor;

/**
 * What one receiver gets of one sender's simulcast source: one layer at a time, rewritten onto the
 * source's first SSRC so that the receiver sees one continuous stream, as JVB does.
 *
 * <ul>
 *   <li>A switch to the {@link #target} layer happens only at a keyframe of that layer; until then
 *       the current layer goes on.</li>
 *   <li>At a switch the sequence number, RTP timestamp, VP8 picture id and TL0PICIDX go on from the
 *       last ones sent (RFC 3550 §5.1, RFC 7741 §4.2): no gap, no step back. The timestamp advances
 *       by the wall-clock time since the last packet sent.</li>
 *   <li>The layer's RTX (RFC 4588 §4) gets the first layer's RTX SSRC, a sequence number of its
 *       own and its original sequence number (OSN) translated like the media's.</li>
 * </ul>
 *
 * <p>The sender's worker rewrites; a receiver's worker translates its NACKs and keyframe requests:
 * every method is synchronised (uncontended in the steady state). Nothing is allocated per packet.
 */
final class LayerSwitch {
    static final int DROP = -1;
    private static final long VIDEO_CLOCK_PER_MILLI = 90;

    final SimulcastSource source;
    private int target = -1;
    private int current = -1;
    /** The first sequence number (sender's) of the current layer since the switch. */
    private int switchSeq;
    private int seqOffset;
    private long tsOffset;
    private int pidOffset;
    private int tl0Offset;
    private boolean sentAny;
    private boolean paused;
    private int lastSeq;
    private long lastTs;
    private int lastPid = -1;
    private int lastTl0 = -1;
    private long lastNanos;
    private int rtxSeq;
    private int switches;

    LayerSwitch(SimulcastSource source) {
        this.source = source;
    }

    /** The layer to switch to at its next keyframe. */
    synchronized void target(int layer) {
        target = layer;
        paused = false;
    }

    synchronized int target() {
        return target;
    }

    /**
     * Stops forwarding this source to the receiver: nothing goes until a target is set again, then
     * from that layer's keyframe, numbered on from the last packet sent.
     */
    synchronized void pause() {
        target = -1;
        current = -1;
        paused = true;
    }

    /** True after {@link #pause()} until a target is set again. */
    synchronized boolean paused() {
        return paused;
    }

    /** The layer being forwarded, or -1 before the first keyframe. */
    synchronized int current() {
        return current;
    }

    /** True while the target layer is not the one forwarded: the bridge waits for its keyframe. */
    synchronized boolean waitingForKeyframe() {
        return target >= 0 && target != current;
    }

    /** How many times the forwarded layer changed. */
    synchronized int switches() {
        return switches;
    }

    /**
     * Rewrites one media packet of {@code layer} in place, or tells to drop it.
     *
     * @param b          the packet, a copy this receiver owns
     * @param payloadOff where its payload starts, {@code payloadLen} its length without padding
     * @return the sequence number it goes out with, or {@link #DROP}
     */
    synchronized int media(byte[] b, int off, int payloadOff, int payloadLen, int layer, long nowNanos) {
        int seq = u16(b, off + 2);
        if (layer != current) {
            if (layer != target || !Vp8Descriptor.isKeyframeStart(b, payloadOff, payloadLen)) {
                return DROP;
            }
            switchTo(layer, seq, u32(b, off + 4), b, payloadOff, payloadLen, nowNanos);
        } else if (SequenceNumbers.isNewer(switchSeq, seq)) {
            return DROP; // from before the switch
        }
        int out = (seq + seqOffset) & 0xFFFF;
        long ts = (u32(b, off + 4) + tsOffset) & 0xFFFF_FFFFL;
        put16(b, off + 2, out);
        put32(b, off + 4, ts);
        put32(b, off + 8, source.primary());
        int pid = rewritePictureId(b, payloadOff, payloadLen);
        int tl0 = Vp8Descriptor.tl0PicIdx(b, payloadOff, payloadLen);
        if (tl0 >= 0) {
            tl0 = (tl0 + tl0Offset) & 0xFF;
            Vp8Descriptor.setTl0PicIdx(b, payloadOff, payloadLen, tl0);
        }
        if (!sentAny || SequenceNumbers.isNewer(out, lastSeq)) {
            sentAny = true;
            lastSeq = out;
            lastTs = ts;
            lastNanos = nowNanos;
            lastPid = pid >= 0 ? pid : lastPid;
            lastTl0 = tl0 >= 0 ? tl0 : lastTl0;
        }
        return out;
    }

    /**
     * Rewrites one RTX packet of {@code layer} in place, or tells to drop it: only the current
     * layer's, and only a retransmission of a packet sent since the switch (or padding).
     *
     * @return the RTX sequence number it goes out with, or {@link #DROP}
     */
    synchronized int rtx(byte[] b, int off, int payloadOff, int payloadLen, int layer) {
        if (layer != current || source.primaryRtx() < 0) {
            return DROP;
        }
        if (payloadLen >= 2) {
            int osn = u16(b, payloadOff);
            if (SequenceNumbers.isNewer(switchSeq, osn)) {
                return DROP;
            }
            put16(b, payloadOff, (osn + seqOffset) & 0xFFFF); // RFC 4588 §4: the OSN, in the receiver's numbers
            rewritePictureId(b, payloadOff + 2, payloadLen - 2);
            int tl0 = Vp8Descriptor.tl0PicIdx(b, payloadOff + 2, payloadLen - 2);
            if (tl0 >= 0) {
                Vp8Descriptor.setTl0PicIdx(b, payloadOff + 2, payloadLen - 2, tl0 + tl0Offset);
            }
        }
        int out = rtxSeq;
        rtxSeq = (rtxSeq + 1) & 0xFFFF;
        put16(b, off + 2, out);
        put32(b, off + 4, (u32(b, off + 4) + tsOffset) & 0xFFFF_FFFFL);
        put32(b, off + 8, source.primaryRtx());
        return out;
    }

    /** The next sequence number of the receiver's RTX stream, for a padding packet (taken). */
    synchronized int nextRtxSequence() {
        int out = rtxSeq;
        rtxSeq = (rtxSeq + 1) & 0xFFFF;
        return out;
    }

    /** The RTP timestamp of the newest packet sent, in the receiver's terms. */
    synchronized long lastTimestamp() {
        return lastTs;
    }

    /** The sender's sequence number for one the receiver was sent, or -1 when it was another layer's. */
    synchronized int senderSequence(int outSeq) {
        if (current < 0) {
            return -1;
        }
        int seq = (outSeq - seqOffset) & 0xFFFF;
        return SequenceNumbers.isNewer(switchSeq, seq) ? -1 : seq;
    }

    /** A sender report's RTP timestamp in the receiver's terms, or -1 when {@code layer} is not the one forwarded. */
    synchronized long senderReportTimestamp(int layer, long rtpTimestamp) {
        return layer == current ? (rtpTimestamp + tsOffset) & 0xFFFF_FFFFL : -1;
    }

    /** The layer a keyframe is wanted from: the target while switching, else the current one. */
    synchronized int keyframeLayer() {
        return target >= 0 ? target : Math.max(current, 0);
    }

    private void switchTo(int layer, int seq, long ts, byte[] b, int payloadOff, int payloadLen, long nowNanos) {
        if (sentAny) {
            seqOffset = (lastSeq + 1 - seq) & 0xFFFF;
            long elapsed = Math.max(1, (nowNanos - lastNanos) / 1_000_000 * VIDEO_CLOCK_PER_MILLI);
            tsOffset = (lastTs + elapsed - ts) & 0xFFFF_FFFFL;
            int pid = Vp8Descriptor.pictureId(b, payloadOff, payloadLen);
            if (pid >= 0 && lastPid >= 0) {
                pidOffset = lastPid + 1 - pid;
            }
            int tl0 = Vp8Descriptor.tl0PicIdx(b, payloadOff, payloadLen);
            if (tl0 >= 0 && lastTl0 >= 0) {
                tl0Offset = lastTl0 + 1 - tl0;
            }
        }
        if (current >= 0) {
            switches++;
        }
        current = layer;
        switchSeq = seq;
    }

    private int rewritePictureId(byte[] b, int payloadOff, int payloadLen) {
        int pid = Vp8Descriptor.pictureId(b, payloadOff, payloadLen);
        if (pid < 0) {
            return -1;
        }
        int mask = Vp8Descriptor.longPictureId(b, payloadOff, payloadLen) ? 0x7FFF : 0x7F;
        int out = (pid + pidOffset) & mask;
        Vp8Descriptor.setPictureId(b, payloadOff, payloadLen, out);
        return out;
    }
}
