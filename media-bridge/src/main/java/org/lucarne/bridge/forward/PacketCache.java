package org.lucarne.bridge.forward;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache stage: the video RTP packets recently sent to one receiver, per SSRC, by sequence
 * number, so that a NACK (RFC 4585 §6.2.1) is answered without asking the sender. Keeps the last
 * {@value #SLOTS} packets of each SSRC and answers with none older than {@value #MAX_AGE_MILLIS} ms.
 *
 * <p>Each slot owns a buffer, allocated once and reused: the packets are copied in, never
 * retained. Holding on to every sent array instead kept seconds of traffic alive across young
 * collections, and the copying of it showed as the bridge's latency tail (docs/benchmarks/media-bridge.md).
 * Audio is not cached: browsers negotiate NACK for video only.
 *
 * <p>It keeps them as protected for that receiver, not as plaintext: jitsi-srtp refuses to
 * protect an index a second time (its send-side replay check, on by default and not switched
 * off by {@code SrtpSession}), and re-encrypting the same plaintext with the same index would give
 * the same bytes anyway. Resending is thus a copy of what was sent, which the receiver, having
 * lost it, accepts once.
 *
 * <p>One writer per SSRC (the sender's worker) and one reader (the receiver's worker): each
 * SSRC's ring is synchronised.
 */
final class PacketCache {
    static final int SLOTS = 512;
    static final long MAX_AGE_MILLIS = 1000;
    private static final int MAX_SSRCS = 64;
    /** A slot's first buffer: a full-size UDP payload on a 1500-byte MTU path. */
    private static final int SLOT_BYTES = 1472;

    private final Map<Long, Ring> rings = new ConcurrentHashMap<>();

    /** Copies {@code packet[offset, offset + length)} into the slot of {@code sequence}. */
    void put(long ssrc, int sequence, byte[] packet, int offset, int length, long nowMillis) {
        Ring ring = rings.get(ssrc);
        if (ring == null) {
            if (rings.size() >= MAX_SSRCS) {
                return;
            }
            ring = rings.computeIfAbsent(ssrc, s -> new Ring());
        }
        ring.put(sequence, packet, offset, length, nowMillis);
    }

    /** A copy of the packet sent with {@code sequence} on {@code ssrc} within the age limit, or null. */
    byte[] get(long ssrc, int sequence, long nowMillis) {
        Ring ring = rings.get(ssrc);
        return ring == null ? null : ring.get(sequence, nowMillis);
    }

    void forget(long ssrc) {
        rings.remove(ssrc);
    }

    void clear() {
        rings.clear();
    }

    private static final class Ring {
        private final byte[][] buffers = new byte[SLOTS][];
        private final int[] lengths = new int[SLOTS];
        private final int[] sequences = new int[SLOTS];
        private final long[] storedAt = new long[SLOTS];

        synchronized void put(int sequence, byte[] packet, int offset, int length, long nowMillis) {
            int slot = sequence & (SLOTS - 1);
            byte[] buffer = buffers[slot];
            if (buffer == null || buffer.length < length) {
                buffer = new byte[Math.max(SLOT_BYTES, length)];
                buffers[slot] = buffer;
            }
            System.arraycopy(packet, offset, buffer, 0, length);
            lengths[slot] = length;
            sequences[slot] = sequence;
            storedAt[slot] = nowMillis;
        }

        synchronized byte[] get(int sequence, long nowMillis) {
            int slot = sequence & (SLOTS - 1);
            byte[] buffer = buffers[slot];
            if (buffer == null || lengths[slot] == 0 || sequences[slot] != sequence
                    || nowMillis - storedAt[slot] > MAX_AGE_MILLIS) {
                return null;
            }
            return Arrays.copyOf(buffer, lengths[slot]);
        }
    }
}
