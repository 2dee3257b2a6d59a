package org.lucarne.bridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.lucarne.bridge.dtls.DtlsEndpoint;
import org.lucarne.bridge.dtls.DtlsHandshakeException;
import org.lucarne.bridge.dtls.DtlsHandshakeResult;
import org.lucarne.bridge.dtls.DtlsRole;
import org.lucarne.bridge.rtp.Fir;
import org.lucarne.bridge.rtp.MalformedPacketException;
import org.lucarne.bridge.rtp.PacketKind;
import org.lucarne.bridge.rtp.Pli;
import org.lucarne.bridge.rtp.RtcpCompound;
import org.lucarne.bridge.rtp.RtcpPacket;
import org.lucarne.bridge.srtp.SrtpResult;
import org.lucarne.bridge.srtp.SrtpSession;

/**
 * One transport of a synthetic peer, as a browser's PeerConnection has one with BUNDLE and
 * rtcp-mux: its own UDP socket and host candidate, ICE checks ({@link IceChecks}), a DTLS 1.2
 * handshake with Lucarne's own {@link DtlsEndpoint}, then SRTP both ways with {@link SrtpSession}.
 * It sends one audio {@link SyntheticStream} and one video stream per layer of its {@link Traffic},
 * and hands what it receives to a {@link Reception}. With simulcast it also reads the RTCP it gets
 * and sends a keyframe on the layer a PLI or FIR names, as an encoder does. Datagrams come in on the
 * {@link Receiver}'s thread, media goes out on the {@link Pacer}'s.
 */
final class PeerLeg implements AutoCloseable {
    final String name;
    final SyntheticStream audio;
    /** The video layers, low to high; one without simulcast. */
    final List<SyntheticStream> video;
    private final List<SyntheticStream> streams;
    private final boolean readsRtcp;
    private final DatagramChannel channel;
    private final DtlsEndpoint identity;
    private final IceChecks ice;
    private final LocalDescription local;
    private final Reception reception;
    private final CompletableFuture<SrtpSession> ready = new CompletableFuture<>();
    private volatile InetSocketAddress peer;
    private volatile LegDtlsTransport dtls;
    private volatile SrtpSession srtp;

    private PeerLeg(String name, DatagramChannel channel, DtlsEndpoint identity, boolean controlling, String setup,
                    SecureRandom random, Reception reception, int streamIdBase, Traffic traffic) throws IOException {
        this.name = name;
        this.channel = channel;
        this.identity = identity;
        this.reception = reception;
        String ufrag = token(random, 4);
        String pwd = token(random, 12);
        this.ice = new IceChecks(ufrag, pwd, controlling, random);
        this.audio = new SyntheticStream(SyntheticStream.Shape.AUDIO, random.nextInt() & 0xFFFF_FFFFL, streamIdBase,
                random.nextInt(), random.nextInt());
        List<SyntheticStream> layers = new ArrayList<>();
        for (int i = 0; i < traffic.videoLayers.size(); i++) {
            boolean top = i == traffic.videoLayers.size() - 1;
            layers.add(new SyntheticStream(traffic.videoLayers.get(i), random.nextInt() & 0xFFFF_FFFFL,
                    streamIdBase + 1 + i, random.nextInt(), random.nextInt(), top));
        }
        this.video = List.copyOf(layers);
        List<SyntheticStream> all = new ArrayList<>(video);
        all.add(0, audio);
        this.streams = List.copyOf(all);
        this.readsRtcp = traffic.simulcast();
        this.local = new LocalDescription(ufrag, pwd, identity.localFingerprint().toSdp(), setup,
                (InetSocketAddress) channel.getLocalAddress(), audio.ssrc,
                video.stream().map(v -> v.ssrc).toList());
    }

    /**
     * A leg on a fresh non-blocking UDP socket of {@code bind}.
     *
     * @param setup        what this leg announces: actpass when it offers, active when it answers
     * @param streamIdBase its audio stream gets this id in the probes, its video layers the next ones
     */
    static PeerLeg open(String name, InetAddress bind, DtlsEndpoint identity, boolean controlling, String setup,
                        SecureRandom random, Reception reception, int streamIdBase, Traffic traffic)
            throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.bind(new InetSocketAddress(bind, 0));
            channel.configureBlocking(false);
            return new PeerLeg(name, channel, identity, controlling, setup, random, reception, streamIdBase, traffic);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Every stream it sends: audio first, then the video layers, low to high. */
    List<SyntheticStream> streams() {
        return streams;
    }

    /** The video layer an SFU is expected to forward: the only one, or the top one. */
    SyntheticStream topVideo() {
        return video.get(video.size() - 1);
    }

    LocalDescription localDescription() {
        return local;
    }

    DatagramChannel channel() {
        return channel;
    }

    /** Completes when SRTP keys exist; fails with the reason ICE or DTLS failed. */
    CompletableFuture<SrtpSession> ready() {
        return ready;
    }

    /** Starts ICE checks towards {@code remote}; once they succeed, the DTLS handshake runs on {@code handshakes}. */
    void connect(RemoteDescription remote, Executor handshakes) {
        DtlsRole role = DtlsRole.fromRemoteSetup(remote.setup());
        ice.start(remote);
        ice.connected().thenAcceptAsync(address -> handshake(role, remote, address), handshakes);
    }

    private void handshake(DtlsRole role, RemoteDescription remote, InetSocketAddress address) {
        LegDtlsTransport transport = new LegDtlsTransport(channel, address);
        peer = address;
        dtls = transport;
        try {
            DtlsHandshakeResult result = identity.handshake(role, remote.fingerprint(), transport);
            srtp = SrtpSession.create(result.keys());
            ready.complete(srtp);
        } catch (DtlsHandshakeException | RuntimeException e) {
            ready.completeExceptionally(new IllegalStateException(name + ": " + e.getMessage(), e));
        }
    }

    /** Sends an ICE check if one is due (the receiver thread calls this every few milliseconds). */
    void tick(long now) {
        byte[] check = ice.dueCheck(now);
        if (check != null) {
            InetSocketAddress to = peer != null ? peer : ice.remoteCandidate();
            sendQuietly(check, 0, check.length, to);
        }
    }

    /** One datagram from the socket, on the receiver thread. */
    void onDatagram(byte[] buf, int length, InetSocketAddress from, long receivedAtNanos) {
        PacketKind kind = PacketKind.classify(buf, 0, length);
        switch (kind) {
            case STUN -> {
                byte[] answer = ice.onStun(buf, length, from);
                if (answer != null) {
                    sendQuietly(answer, 0, answer.length, from);
                }
            }
            case DTLS -> {
                LegDtlsTransport t = dtls;
                if (t != null) {
                    t.deliver(Arrays.copyOf(buf, length));
                }
            }
            case RTP -> onRtp(buf, length, receivedAtNanos);
            case RTCP -> {
                reception.rtcp();
                if (readsRtcp) {
                    onRtcp(buf, length);
                }
            }
            default -> reception.dropped("unknown datagram");
        }
    }

    private void onRtp(byte[] buf, int length, long receivedAtNanos) {
        SrtpSession s = srtp;
        if (s == null) {
            reception.dropped("media before SRTP keys");
            return;
        }
        SrtpResult r = s.unprotectRtp(buf, 0, length);
        if (!r.isOk()) {
            reception.dropped("srtp " + r.status().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        byte[] p = r.packet();
        int payloadStart = 12 + 4 * (p[0] & 0x0F);
        if ((p[0] & 0x10) != 0 && p.length >= payloadStart + 4) {
            int words = ((p[payloadStart + 2] & 0xFF) << 8) | (p[payloadStart + 3] & 0xFF);
            payloadStart += 4 + 4 * words;
        }
        MediaProbe.Reading probe = MediaProbe.read(p, payloadStart, p.length);
        if (probe == null) {
            reception.dropped("rtp without probe");
            return;
        }
        reception.media(probe, receivedAtNanos, length, ssrc(p));
    }

    /** A keyframe on each layer a PLI or FIR names (RFC 4585 §6.3.1, RFC 5104 §4.3.1); the rest is not read. */
    private void onRtcp(byte[] buf, int length) {
        SrtpSession s = srtp;
        if (s == null) {
            return;
        }
        SrtpResult r = s.unprotectRtcp(buf, 0, length);
        if (!r.isOk()) {
            reception.dropped("srtcp " + r.status().name().toLowerCase(java.util.Locale.ROOT));
            return;
        }
        try {
            for (RtcpPacket p : RtcpCompound.parse(r.packet(), 0, r.packet().length)) {
                if (p.isPli()) {
                    keyframeOn(Pli.of(p).mediaSsrc());
                } else if (p.isFir()) {
                    Fir fir = Fir.of(p);
                    for (int i = 0; i < fir.entryCount(); i++) {
                        keyframeOn(fir.ssrc(i));
                    }
                }
            }
        } catch (MalformedPacketException e) {
            reception.dropped("bad rtcp");
        }
    }

    private void keyframeOn(long ssrc) {
        for (SyntheticStream v : video) {
            if (v.ssrc == ssrc) {
                v.requestKeyframe();
            }
        }
    }

    /** Protects and sends one RTP packet; false when the leg is not ready or the send failed. */
    boolean sendRtp(byte[] rtp) {
        SrtpSession s = srtp;
        InetSocketAddress to = peer;
        if (s == null || to == null) {
            return false;
        }
        SrtpResult r = s.protectRtp(rtp, 0, rtp.length);
        return r.isOk() && sendQuietly(r.packet(), 0, r.packet().length, to);
    }

    private boolean sendQuietly(byte[] b, int off, int len, InetSocketAddress to) {
        try {
            return channel.send(ByteBuffer.wrap(b, off, len), to) > 0;
        } catch (IOException e) {
            reception.dropped("send failed: " + e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public void close() {
        ready.completeExceptionally(new IllegalStateException(name + " closed"));
        try {
            channel.close();
        } catch (IOException e) {
            // closing a UDP socket does not fail in a way that matters here
        }
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
    }

    /** The SSRC of an RTP packet (RFC 3550 §5.1). */
    private static long ssrc(byte[] p) {
        return ((p[8] & 0xFFL) << 24) | ((p[9] & 0xFF) << 16) | ((p[10] & 0xFF) << 8) | (p[11] & 0xFF);
    }

    private static String token(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
