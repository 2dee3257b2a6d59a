package org.lucarne.bridge.forward;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.lucarne.bridge.rtp.PacketKind;
import org.lucarne.bridge.rtp.RtcpCompound;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.rtp.RtpPacket;
import org.lucarne.bridge.srtp.SrtpKeyingMaterial;
import org.lucarne.bridge.srtp.SrtpProfile;
import org.lucarne.bridge.srtp.SrtpResult;
import org.lucarne.bridge.srtp.SrtpSession;

/**
 * A browser as the bridge sees it: its own SRTP session with fixed keys (the bridge's reversed),
 * what it sends goes to {@link RouterEndpoint#received}, what the bridge sends it is captured.
 */
final class Peer {
    final String id;
    final RouterEndpoint endpoint;
    final SrtpKeyingMaterial bridgeKeys;
    private final SrtpSession srtp;
    private final List<byte[]> wire = new CopyOnWriteArrayList<>();
    private final List<RtpPacket> rtp = new ArrayList<>();
    private final List<RtcpPacket> rtcp = new ArrayList<>();
    private long nanos = 1_000_000_000L;

    Peer(ConferenceRouter router, String id, int keySeed) {
        this.id = id;
        this.endpoint = router.addEndpoint(id, (b, off, len) -> wire.add(java.util.Arrays.copyOfRange(b, off, off + len)));
        this.bridgeKeys = keys(keySeed);
        this.srtp = SrtpSession.create(bridgeKeys.reversed());
    }

    static SrtpKeyingMaterial keys(int seed) {
        return new SrtpKeyingMaterial(SrtpProfile.AES128_CM_HMAC_SHA1_80, fill(16, seed), fill(14, seed + 1),
                fill(16, seed + 2), fill(14, seed + 3));
    }

    private static byte[] fill(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    void connect() {
        endpoint.connected(SrtpSession.create(bridgeKeys));
    }

    /** Protects and sends; returns the protected datagram as sent. */
    byte[] sendRtp(byte[] plain) {
        SrtpResult r = srtp.protectRtp(plain, 0, plain.length);
        if (!r.isOk()) {
            throw new AssertionError(r.reason());
        }
        deliver(r.packet());
        return r.packet();
    }

    void sendRtcp(byte[] plain) {
        SrtpResult r = srtp.protectRtcp(plain, 0, plain.length);
        if (!r.isOk()) {
            throw new AssertionError(r.reason());
        }
        deliver(r.packet());
    }

    void deliver(byte[] datagram) {
        nanos += 20_000_000L;
        endpoint.received(datagram.clone(), nanos);
    }

    /** The RTP packets received so far, decrypted (each datagram is decrypted once). */
    List<RtpPacket> rtp() {
        drain();
        return rtp;
    }

    /** Every RTCP packet received so far, compounds split, decrypted. */
    List<RtcpPacket> rtcp() {
        drain();
        return rtcp;
    }

    List<RtcpPacket> rtcp(int type, int format) {
        return rtcp().stream().filter(p -> p.type() == type && (format < 0 || p.format() == format)).toList();
    }

    int datagramsReceived() {
        drain();
        return rtp.size() + rtcpDatagrams;
    }

    private int rtcpDatagrams;

    private synchronized void drain() {
        while (!wire.isEmpty()) {
            byte[] d = wire.remove(0);
            try {
                if (PacketKind.classify(d, 0, d.length) == PacketKind.RTP) {
                    SrtpResult r = srtp.unprotectRtp(d, 0, d.length);
                    if (!r.isOk()) {
                        throw new AssertionError("bridge sent RTP the peer cannot decrypt: " + r.reason());
                    }
                    rtp.add(RtpPacket.parse(r.packet(), 0, r.packet().length));
                } else {
                    SrtpResult r = srtp.unprotectRtcp(d, 0, d.length);
                    if (!r.isOk()) {
                        throw new AssertionError("bridge sent RTCP the peer cannot decrypt: " + r.reason());
                    }
                    rtcpDatagrams++;
                    for (RtcpPacket p : RtcpCompound.parse(r.packet(), 0, r.packet().length)) {
                        rtcp.add(p);
                    }
                }
            } catch (org.lucarne.bridge.rtp.MalformedPacketException e) {
                throw new AssertionError("bridge sent a malformed packet", e);
            }
        }
    }

    /** Loses whatever the bridge sent since the last look, as a bad network would. */
    synchronized void losePending() {
        wire.clear();
    }

    /** Forgets what was received so far. */
    void clear() {
        drain();
        rtp.clear();
        rtcp.clear();
        rtcpDatagrams = 0;
    }
}
