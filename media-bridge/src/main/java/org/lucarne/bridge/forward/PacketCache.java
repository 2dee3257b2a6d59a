package org.lucarne.bridge.forward;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cache stage: the RTP packets recently sent to one receiver, per SSRC, by sequence number,
 * so that a NACK (RFC 4585 §6.2.1) is answered without asking the sender. Keeps the last
 * {@value #SLOTS} packets of each SSRC and none older than {@value #MAX_AGE_MILLIS} ms.
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
    static final int SLOTS = 1024;
    static final long MAX_AGE_MILLIS = 1000;
    private static final int MAX_SSRCS = 64;

    private final Map<Long, Ring> rings = new ConcurrentHashMap<>();

    void put(long ssrc, int sequence, byte[] protectedPacket, long nowMillis) {
        Ring ring = rings.get(ssrc);
        if (ring == null) {
            if (rings.size() >= MAX_SSRCS) {
                return;
            }
            ring = rings.computeIfAbsent(ssrc, s -> new Ring());
        }
        ring.put(sequence, protectedPacket, nowMillis);
    }

    /** The packet sent with {@code sequence} on {@code ssrc} within the age limit, or null. */
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
        private final byte[][] packets = new byte[SLOTS][];
        private final int[] sequences = new int[SLOTS];
        private final long[] storedAt = new long[SLOTS];

        synchronized void put(int sequence, byte[] packet, long nowMillis) {
            int slot = sequence & (SLOTS - 1);
            packets[slot] = packet;
            sequences[slot] = sequence;
            storedAt[slot] = nowMillis;
        }

        synchronized byte[] get(int sequence, long nowMillis) {
            int slot = sequence & (SLOTS - 1);
            byte[] packet = packets[slot];
            if (packet == null || sequences[slot] != sequence || nowMillis - storedAt[slot] > MAX_AGE_MILLIS) {
                return null;
            }
            return packet;
        }
    }
}
