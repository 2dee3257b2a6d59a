package org.lucarne.bridge.testing;

/**
 * One packet a {@link SyntheticPeer} received and decrypted.
 *
 * @param rtcp            whether it was SRTCP (else SRTP)
 * @param plain           the decrypted RTP or RTCP packet
 * @param receivedAtNanos {@link System#nanoTime()} when the peer's socket handed it over
 */
public record PeerPacket(boolean rtcp, byte[] plain, long receivedAtNanos) {
}
