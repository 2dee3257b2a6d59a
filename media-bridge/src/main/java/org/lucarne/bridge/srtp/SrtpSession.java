package org.lucarne.bridge.srtp;

import org.jitsi.srtp.BaseSrtpCryptoContext;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SRTP and SRTCP (RFC 3711) for one DTLS-SRTP association: protects what we send with the local
 * keys and unprotects what we receive with the remote keys. One crypto context per SSRC and
 * direction, created on first use, as RFC 3711 §3.2.3 requires.
 *
 * <p>Packets are untrusted: every failure (bad tag, replay, garbage) comes back as an
 * {@link SrtpResult} with a reason, never as an exception. Input arrays are never modified.
 *
 * <p>RTP/RTCP demultiplexing on the shared port (RFC 5761 §4) is the caller's job.
 *
 * <p>The send side keeps jitsi-srtp's replay check: an SRTP index is never protected twice under
 * one key. A bridge forwards a sender's sequence numbers unchanged, and a sender that reused one
 * (after an ICE restart gave it new keys, say) with other content would otherwise make the bridge
 * reuse an AES-GCM nonce towards every receiver (RFC 7714 requires unique IVs).
 *
 * <p>Thread-safe: jitsi-srtp contexts synchronise per SSRC.
 */
public final class SrtpSession implements AutoCloseable {
    /** Default cap on SSRCs per direction, so a peer spraying SSRCs cannot grow memory unbounded. */
    public static final int DEFAULT_MAX_SSRCS = 64;

    private static final int RTP_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int SRTCP_INDEX = 4;

    private final SrtpProfile profile;
    private final int maxSsrcs;
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final Map<Integer, SrtpCryptoContext> rtpSend = new ConcurrentHashMap<>();
    private final Map<Integer, SrtpCryptoContext> rtpReceive = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> rtcpSend = new ConcurrentHashMap<>();
    private final Map<Integer, SrtcpCryptoContext> rtcpReceive = new ConcurrentHashMap<>();

    private SrtpSession(SrtpKeyingMaterial keys, int maxSsrcs) {
        this.profile = keys.profile();
        this.maxSsrcs = maxSsrcs;
        Logger logger = new LoggerImpl(SrtpSession.class.getName());
        this.sendFactory = new SrtpContextFactory(true, keys.localKey(), keys.localSalt(),
                policy(profile), policy(profile), logger);
        this.receiveFactory = new SrtpContextFactory(false, keys.remoteKey(), keys.remoteSalt(),
                policy(profile), policy(profile), logger);
    }

    public static SrtpSession create(SrtpKeyingMaterial keys) {
        return create(keys, DEFAULT_MAX_SSRCS);
    }

    public static SrtpSession create(SrtpKeyingMaterial keys, int maxSsrcsPerDirection) {
        Objects.requireNonNull(keys, "keys");
        if (maxSsrcsPerDirection < 1) {
            throw new IllegalArgumentException("maxSsrcsPerDirection must be at least 1");
        }
        return new SrtpSession(keys, maxSsrcsPerDirection);
    }

    /**
     * Which implementation jitsi-srtp uses in this JVM: its bundled OpenSSL library (JNI) when it
     * loads, else the JCA providers of the JDK and Bouncy Castle.
     */
    public static String cryptoBackend() {
        return JitsiOpenSslProvider.isLoaded() ? "OpenSSL (jitsi-srtp native)" : "Java (JCA)";
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates an RTP packet with the local keys. */
    public SrtpResult protectRtp(byte[] packet, int offset, int length) {
        if (!validRtp(packet, offset, length, 0)) {
            return SrtpResult.failed(SrtpStatus.INVALID_PACKET, "RTP packet shorter than its header");
        }
        int ssrc = readInt(packet, offset + 8);
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length, profile.tagLength());
        return run(rtpSend, ssrc, true, buf, ctx -> ((SrtpCryptoContext) ctx).transformPacket(buf));
    }

    /** Authenticates, checks for replay and decrypts an SRTP packet with the remote keys. */
    public SrtpResult unprotectRtp(byte[] packet, int offset, int length) {
        if (!validRtp(packet, offset, length, profile.tagLength())) {
            return SrtpResult.failed(SrtpStatus.INVALID_PACKET, "SRTP packet too short or not RTP version 2");
        }
        int ssrc = readInt(packet, offset + 8);
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length, 0);
        return run(rtpReceive, ssrc, false, buf,
                ctx -> ((SrtpCryptoContext) ctx).reverseTransformPacket(buf, false));
    }

    /** Encrypts and authenticates an RTCP compound packet with the local keys (RFC 3711 §3.4). */
    public SrtpResult protectRtcp(byte[] packet, int offset, int length) {
        if (!validRtcp(packet, offset, length, 0)) {
            return SrtpResult.failed(SrtpStatus.INVALID_PACKET, "RTCP packet shorter than its header");
        }
        int ssrc = readInt(packet, offset + 4);
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length, SRTCP_INDEX + profile.tagLength());
        return run(rtcpSend, ssrc, true, buf, ctx -> ((SrtcpCryptoContext) ctx).transformPacket(buf));
    }

    /** Authenticates, checks for replay and decrypts an SRTCP packet with the remote keys. */
    public SrtpResult unprotectRtcp(byte[] packet, int offset, int length) {
        if (!validRtcp(packet, offset, length, SRTCP_INDEX + profile.tagLength())) {
            return SrtpResult.failed(SrtpStatus.INVALID_PACKET, "SRTCP packet too short or not RTP version 2");
        }
        int ssrc = readInt(packet, offset + 4);
        PacketBuffer buf = PacketBuffer.copyOf(packet, offset, length, 0);
        return run(rtcpReceive, ssrc, false, buf,
                ctx -> ((SrtcpCryptoContext) ctx).reverseTransformPacket(buf));
    }

    @Override
    public void close() {
        sendFactory.close();
        receiveFactory.close();
        rtpSend.clear();
        rtpReceive.clear();
        rtcpSend.clear();
        rtcpReceive.clear();
    }

    private interface Transform {
        SrtpErrorStatus apply(BaseSrtpCryptoContext context) throws GeneralSecurityException;
    }

    private <C extends BaseSrtpCryptoContext> SrtpResult run(Map<Integer, C> contexts, int ssrc,
                                                             boolean send, PacketBuffer buf,
                                                             Transform transform) {
        try {
            C context = contexts.get(ssrc);
            if (context == null) {
                if (contexts.size() >= maxSsrcs) {
                    return SrtpResult.failed(SrtpStatus.TOO_MANY_SSRCS,
                            "SSRC " + Integer.toUnsignedString(ssrc) + " over the limit of " + maxSsrcs);
                }
                context = contexts.computeIfAbsent(ssrc, s -> newContext(contexts, s, send));
            }
            SrtpErrorStatus status = transform.apply(context);
            if (status == SrtpErrorStatus.OK) {
                return SrtpResult.ok(buf.toByteArray());
            }
            return SrtpResult.failed(map(status), "SSRC " + Integer.toUnsignedString(ssrc));
        } catch (GeneralSecurityException | ContextCreationException e) {
            return SrtpResult.failed(SrtpStatus.FAILED, String.valueOf(e.getMessage()));
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            // jitsi-srtp reads lengths from the packet; a lying header ends here, not in the caller.
            return SrtpResult.failed(SrtpStatus.INVALID_PACKET, e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private <C extends BaseSrtpCryptoContext> C newContext(Map<Integer, C> contexts, int ssrc, boolean send) {
        SrtpContextFactory factory = send ? sendFactory : receiveFactory;
        try {
            boolean rtp = contexts == rtpSend || contexts == rtpReceive;
            // Rollover counter starts at 0 for a new SSRC (RFC 3711 §3.3.1).
            return (C) (rtp ? factory.deriveContext(ssrc, 0) : factory.deriveControlContext(ssrc));
        } catch (GeneralSecurityException e) {
            throw new ContextCreationException(e);
        }
    }

    private static final class ContextCreationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ContextCreationException(GeneralSecurityException cause) {
            super("cannot derive SRTP session keys: " + cause.getMessage(), cause);
        }
    }

    private static SrtpStatus map(SrtpErrorStatus status) {
        switch (status) {
            case AUTH_FAIL:
                return SrtpStatus.AUTH_FAILED;
            case REPLAY_FAIL:
                return SrtpStatus.REPLAYED;
            case REPLAY_OLD:
                return SrtpStatus.TOO_OLD;
            case INVALID_PACKET:
                return SrtpStatus.INVALID_PACKET;
            default:
                return SrtpStatus.FAILED;
        }
    }

    /** jitsi-srtp's policy for a profile, the same as Jitsi Videobridge uses. */
    static SrtpPolicy policy(SrtpProfile profile) {
        switch (profile) {
            case AES128_CM_HMAC_SHA1_80:
                // RFC 3711 §8.2 defaults: AES-CM 128, HMAC-SHA1 with a 160-bit key, 80-bit tag.
                return new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                        SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, profile.tagLength(), profile.saltLength());
            case AEAD_AES_128_GCM:
                // RFC 7714 §12: AEAD, no separate authentication key.
                return new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                        SrtpPolicy.NULL_AUTHENTICATION, 0, profile.tagLength(), profile.saltLength());
            default:
                throw new IllegalArgumentException("no SRTP policy for " + profile);
        }
    }

    private static boolean validRtp(byte[] p, int off, int len, int trailer) {
        return inBounds(p, off, len) && len >= RTP_HEADER + trailer && (p[off] & 0xC0) == 0x80;
    }

    private static boolean validRtcp(byte[] p, int off, int len, int trailer) {
        return inBounds(p, off, len) && len >= RTCP_HEADER + trailer && (p[off] & 0xC0) == 0x80;
    }

    private static boolean inBounds(byte[] p, int off, int len) {
        return p != null && off >= 0 && len >= 0 && off <= p.length - len;
    }

    private static int readInt(byte[] p, int at) {
        return ((p[at] & 0xFF) << 24) | ((p[at + 1] & 0xFF) << 16) | ((p[at + 2] & 0xFF) << 8) | (p[at + 3] & 0xFF);
    }
}
