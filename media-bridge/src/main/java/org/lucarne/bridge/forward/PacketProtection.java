package org.lucarne.bridge.forward;

import org.lucarne.bridge.srtp.SrtpResult;
import org.lucarne.bridge.srtp.SrtpSession;

/**
 * The SRTP operations the packet path needs from one endpoint's association: the decrypt stage
 * uses the unprotect side, the encrypt stage the protect side. {@link #of(SrtpSession)} is the real
 * one; tests that look at routing alone (the fuzz test) pass one that copies bytes unchanged.
 *
 * <p>Implementations must be thread-safe: several senders' workers protect for one receiver at
 * once. {@link SrtpSession} is (jitsi-srtp synchronises each SSRC's context).
 */
interface PacketProtection {
    SrtpResult protectRtp(byte[] packet, int offset, int length);

    SrtpResult unprotectRtp(byte[] packet, int offset, int length);

    SrtpResult protectRtcp(byte[] packet, int offset, int length);

    SrtpResult unprotectRtcp(byte[] packet, int offset, int length);

    static PacketProtection of(SrtpSession srtp) {
        return new PacketProtection() {
            @Override
            public SrtpResult protectRtp(byte[] packet, int offset, int length) {
                return srtp.protectRtp(packet, offset, length);
            }

            @Override
            public SrtpResult unprotectRtp(byte[] packet, int offset, int length) {
                return srtp.unprotectRtp(packet, offset, length);
            }

            @Override
            public SrtpResult protectRtcp(byte[] packet, int offset, int length) {
                return srtp.protectRtcp(packet, offset, length);
            }

            @Override
            public SrtpResult unprotectRtcp(byte[] packet, int offset, int length) {
                return srtp.unprotectRtcp(packet, offset, length);
            }
        };
    }
}
