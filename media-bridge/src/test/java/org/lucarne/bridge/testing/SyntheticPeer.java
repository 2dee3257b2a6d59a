package org.lucarne.bridge.testing;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.lucarne.bridge.colibri.Candidate;
import org.lucarne.bridge.colibri.Fingerprint;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.dtls.BridgeCertificate;
import org.lucarne.bridge.dtls.CertificateFingerprint;
import org.lucarne.bridge.dtls.DtlsConfig;
import org.lucarne.bridge.dtls.DtlsEndpoint;
import org.lucarne.bridge.dtls.DtlsHandshakeException;
import org.lucarne.bridge.dtls.DtlsRole;
import org.lucarne.bridge.ice.IceCandidate;
import org.lucarne.bridge.ice.IceCredentials;
import org.lucarne.bridge.ice.IceDatagramTransport;
import org.lucarne.bridge.ice.IceState;
import org.lucarne.bridge.ice.LoopbackClient;
import org.lucarne.bridge.rtp.PacketKind;
import org.lucarne.bridge.srtp.SrtpResult;
import org.lucarne.bridge.srtp.SrtpSession;

/**
 * A browser-like client for the bridge, without a browser: its own ICE agent on its own 127.0.0.1
 * socket, its own DTLS certificate, SRTP. It answers the bridge's {@code actpass} with {@code active}
 * (so it is the DTLS client), as browsers do.
 *
 * <pre>
 * bridgeTransport.connect(peer.description());
 * peer.connectTo(bridgeTransport.localDescription());   // blocks until SRTP is ready
 * peer.sendRtp(PlainPackets.rtp(...));
 * PeerPacket p = peer.poll(Duration.ofSeconds(5));
 * </pre>
 *
 * <p>Threads: one socket reader per peer (it decrypts too); the DTLS handshake runs on the thread
 * that calls {@link #connectTo}. Fit for a hundred peers in one JVM.
 */
public final class SyntheticPeer implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Received packets kept for {@link #poll} before new ones are dropped (and counted). */
    private static final int QUEUE_LIMIT = 10_000;

    private final Duration timeout;
    private final DtlsEndpoint dtls;
    private final LoopbackClient ice;
    private final BlockingQueue<IceState> iceStates = new LinkedBlockingQueue<>();
    private final BlockingQueue<PeerPacket> packets = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final LongAdder undecryptable = new LongAdder();
    private final LongAdder overflowed = new LongAdder();
    private volatile Consumer<PeerPacket> callback;
    private volatile SrtpSession srtp;
    private volatile IceDatagramTransport path;
    private volatile java.net.InetSocketAddress bridgeAddress;

    private SyntheticPeer(boolean iceControlling, Duration timeout) throws IOException {
        this.timeout = timeout;
        this.dtls = new DtlsEndpoint(BridgeCertificate.generate(Clock.systemUTC(), RANDOM),
                DtlsConfig.defaults().withHandshakeTimeout(timeout), RANDOM);
        this.ice = LoopbackClient.create(iceControlling, timeout, (s, state) -> iceStates.add(state), this::received);
    }

    /** An ICE-controlled peer (the bridge controls, as Jicofo asks it to) with a 10 s timeout. */
    public static SyntheticPeer create() throws IOException {
        return create(false, Duration.ofSeconds(10));
    }

    /** @param timeout for ICE and for the DTLS handshake, each */
    public static SyntheticPeer create(boolean iceControlling, Duration timeout) throws IOException {
        return new SyntheticPeer(iceControlling, Objects.requireNonNull(timeout, "timeout"));
    }

    /** What a browser would PATCH: ufrag, pwd, its fingerprint with {@code setup: active}, candidates. */
    public IceUdpTransport description() {
        IceCredentials c = ice.session().localCredentials();
        List<Candidate> candidates = new ArrayList<>();
        for (IceCandidate ic : ice.session().localCandidates()) {
            candidates.add(new Candidate(ic.component(), ic.foundation(), ic.generation(), null, ic.ip(), null,
                    ic.port(), ic.priority(), Candidate.Protocol.UDP, Candidate.Type.HOST, null, null));
        }
        CertificateFingerprint f = fingerprint();
        return new IceUdpTransport(c.ufrag(), c.pwd(), true,
                List.of(new Fingerprint(f.hashFunction(), f.hex(), Fingerprint.Setup.ACTIVE)), candidates);
    }

    public CertificateFingerprint fingerprint() {
        return dtls.localFingerprint();
    }

    /**
     * Runs ICE against the bridge's side, then the DTLS handshake on this thread.
     *
     * @throws IOException when ICE fails or times out, or the handshake fails (message says which)
     */
    public void connectTo(IceUdpTransport bridgeSide) throws IOException, InterruptedException {
        Fingerprint f = bridgeSide.fingerprints().get(0);
        CertificateFingerprint expected = CertificateFingerprint.parse(f.hash(), f.fingerprint());
        DtlsRole role = DtlsRole.fromRemoteSetup(f.setup() == null ? "active" : f.setup().wireName());
        List<IceCandidate> candidates = new ArrayList<>();
        for (Candidate c : bridgeSide.candidates()) {
            candidates.add(new IceCandidate(c.foundation(), c.component(), c.protocol().wireName(), c.priority(),
                    c.ip(), c.port(), c.type().wireName(), c.generation() == null ? 0 : c.generation()));
        }
        if (!candidates.isEmpty()) {
            bridgeAddress = new java.net.InetSocketAddress(candidates.get(0).ip(), candidates.get(0).port());
        }
        iceStates.clear();
        ice.session().start(new IceCredentials(bridgeSide.ufrag(), bridgeSide.pwd()), candidates);
        awaitIce();
        IceDatagramTransport transport = ice.session().transport();
        try {
            srtp = SrtpSession.create(dtls.handshake(role, expected, transport).keys());
            path = transport;
        } catch (DtlsHandshakeException e) {
            throw new IOException("peer's DTLS handshake failed: " + e.getMessage(), e);
        }
    }

    private void awaitIce() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        while (true) {
            IceState s = iceStates.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (s == IceState.CONNECTED) {
                return;
            }
            if (s == null || s == IceState.FAILED || s == IceState.CLOSED) {
                throw new IOException("peer's ICE did not connect within " + timeout + " (last state "
                        + (s == null ? ice.session().state() : s) + ")");
            }
        }
    }

    /** ICE restart on this side: new credentials in {@link #description()}, then {@link #connectTo} again. */
    public void restartIce() throws IOException {
        srtp = null;
        path = null;
        ice.session().restart();
    }

    public boolean isConnected() {
        return path != null;
    }

    /** Protects a plain RTP packet and sends it to the bridge. */
    public void sendRtp(byte[] plain) throws IOException {
        send(connected().protectRtp(plain, 0, plain.length));
    }

    /** Protects a plain RTCP compound packet and sends it to the bridge. */
    public void sendRtcp(byte[] plain) throws IOException {
        send(connected().protectRtcp(plain, 0, plain.length));
    }

    /**
     * Protects an RTCP compound and sends it from the peer's socket to the bridge's first candidate
     * whatever its size, past the path's MTU check: what a broken or hostile client can send.
     */
    public void sendOversizedRtcp(byte[] plain) throws IOException {
        SrtpResult protectedRtcp = connected().protectRtcp(plain, 0, plain.length);
        if (!protectedRtcp.isOk() || bridgeAddress == null) {
            throw new IOException("cannot protect or address the RTCP: " + protectedRtcp);
        }
        ice.sendUnchecked(protectedRtcp.packet(), bridgeAddress);
    }

    /** Sends bytes as they are over the ICE 5-tuple, for tests of what the bridge makes of them. */
    public void sendRaw(byte[] datagram) throws IOException {
        connected();
        path.send(datagram, 0, datagram.length);
    }

    /** The next decrypted packet, or null after {@code wait}; unused once {@link #onPacket} is set. */
    public PeerPacket poll(Duration wait) throws InterruptedException {
        return packets.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Hands every decrypted packet to {@code c} on the socket's reader thread instead of queueing it. */
    public void onPacket(Consumer<PeerPacket> c) {
        callback = c;
    }

    /** SRTP/SRTCP datagrams that failed to decrypt (bad tag, replay, garbage). */
    public long undecryptable() {
        return undecryptable.sum();
    }

    /** Decrypted packets dropped because nobody polled. */
    public long overflowed() {
        return overflowed.sum();
    }

    @Override
    public void close() {
        path = null;
        ice.close();
        SrtpSession s = srtp;
        if (s != null) {
            s.close();
        }
    }

    private SrtpSession connected() {
        SrtpSession s = srtp;
        if (s == null || path == null) {
            throw new IllegalStateException("synthetic peer is not connected: call connectTo first");
        }
        return s;
    }

    private void send(SrtpResult r) throws IOException {
        if (!r.isOk()) {
            throw new IllegalStateException("peer could not protect its packet: " + r.reason());
        }
        path.send(r.packet(), 0, r.packet().length);
    }

    /** The socket reader: DTLS to the handshake, SRTP/SRTCP decrypted (RFC 7983 §7). */
    private void received(IceDatagramTransport via, byte[] datagram, long atNanos) {
        PacketKind kind = PacketKind.classify(datagram, 0, datagram.length);
        if (kind == PacketKind.DTLS) {
            via.enqueue(datagram);
            return;
        }
        SrtpSession s = srtp;
        if (s == null || (kind != PacketKind.RTP && kind != PacketKind.RTCP)) {
            undecryptable.increment();
            return;
        }
        boolean rtcp = kind == PacketKind.RTCP;
        SrtpResult r = rtcp ? s.unprotectRtcp(datagram, 0, datagram.length)
                : s.unprotectRtp(datagram, 0, datagram.length);
        if (!r.isOk()) {
            undecryptable.increment();
            return;
        }
        PeerPacket p = new PeerPacket(rtcp, r.packet(), atNanos);
        Consumer<PeerPacket> c = callback;
        if (c != null) {
            c.accept(p);
        } else if (!packets.offer(p)) {
            overflowed.increment();
        }
    }
}
