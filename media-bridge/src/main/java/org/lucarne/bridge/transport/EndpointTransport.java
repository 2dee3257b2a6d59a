package org.lucarne.bridge.transport;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.tls.DTLSTransport;
import org.lucarne.bridge.colibri.IceUdpTransport;
import org.lucarne.bridge.dtls.DtlsHandshakeException;
import org.lucarne.bridge.dtls.DtlsHandshakeResult;
import org.lucarne.bridge.ice.IceDatagramTransport;
import org.lucarne.bridge.ice.IceSession;
import org.lucarne.bridge.ice.IceState;
import org.lucarne.bridge.srtp.SrtpSession;

/**
 * One endpoint's media transport: ICE on the shared port, then DTLS 1.2 (role from the remote
 * {@code setup}), then SRTP keys handed to the {@link TransportListener}. Demultiplexes what the
 * ICE session receives (RFC 7983 §7): DTLS to the handshake, SRTP/SRTCP to the listener.
 *
 * <p>States: NEW → (connect) CHECKING → (ICE connected) HANDSHAKING → (keys) CONNECTED; any of these →
 * FAILED (reported once through {@link TransportListener#failed}, ICE and SRTP freed) or CLOSED (by
 * {@link #close}, not reported). An ICE restart (a new remote ufrag) goes back to CHECKING and, once
 * DTLS is redone, calls {@link TransportListener#connected} again with a new {@link SrtpSession}.
 *
 * <p>After the handshake, DTLS from the peer still goes to the association, which answers a
 * retransmitted final flight with ours; on {@link #close} we send the peer a close_notify.
 */
public final class EndpointTransport implements AutoCloseable {
    private final TransportContext context;
    private final TransportListener listener;
    private final DropCounters drops = new DropCounters();
    private final InboundDemux demux;
    private final IceSession ice;

    private final Object lock = new Object();
    private volatile TransportState state = TransportState.NEW;
    private volatile IceDatagramTransport media;
    private volatile long lastDatagramNanos = System.nanoTime();
    private RemoteParameters remote;
    private int generation;
    private SrtpSession srtp;
    private volatile DTLSTransport dtls;
    private final AtomicBoolean dtlsServicing = new AtomicBoolean();
    private ScheduledFuture<?> consent;
    private String failure;
    private boolean failureReported;

    private EndpointTransport(TransportContext context, boolean iceControlling, TransportListener listener)
            throws IOException {
        this.context = context;
        this.listener = listener;
        this.demux = new InboundDemux(drops, listener);
        this.ice = IceSession.create(context.port(), iceControlling, context.iceTimeout(),
                (session, s) -> iceStateChanged(s), this::received);
    }

    /**
     * A transport with fresh ICE credentials on the shared port.
     *
     * @param iceControlling from Colibri2's {@code transport.ice-controlling}
     */
    public static EndpointTransport create(TransportContext context, boolean iceControlling,
                                           TransportListener listener) throws IOException {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(listener, "listener");
        return new EndpointTransport(context, iceControlling, listener);
    }

    /**
     * The bridge's side for the Colibri2 answer: ufrag, pwd, {@code rtcp-mux: true}, the bridge's
     * SHA-256 fingerprint with {@code setup: actpass}, and the port's candidates. New credentials
     * after an ICE restart.
     */
    public IceUdpTransport localDescription() {
        return LocalDescription.of(ice.localCredentials(), ice.localCandidates(), context.dtls().localFingerprint());
    }

    /**
     * Sets the peer's side (from a Colibri2 PATCH) and starts ICE, then DTLS. Called again with the
     * same ufrag it does nothing; with a new ufrag it restarts ICE (RFC 8445 §9).
     *
     * @throws IllegalArgumentException with a message naming the missing or bad field, relative to
     *                                  {@code transport.transport} (for example {@code fingerprints
     *                                  is missing}); nothing is changed then
     * @throws IllegalStateException    when the transport has failed or is closed
     */
    public void connect(IceUdpTransport remoteSide) {
        RemoteParameters params = RemoteParameters.from(remoteSide);
        synchronized (lock) {
            if (state == TransportState.CLOSED) {
                throw new IllegalStateException("transport is closed");
            }
            if (state == TransportState.FAILED) {
                throw new IllegalStateException("transport failed (" + failure + "); create a new one");
            }
            if (remote != null && remote.credentials().ufrag().equals(params.credentials().ufrag())) {
                return;
            }
            boolean restart = remote != null;
            remote = params;
            generation++;
            state = TransportState.CHECKING;
            stopMedia();
            try {
                if (restart) {
                    ice.restart();
                }
                ice.start(params.credentials(), params.candidates());
            } catch (IOException | RuntimeException e) {
                failLocked("ICE restart failed: " + e.getMessage());
            }
        }
        reportFailure();
    }

    /** Sends one protected datagram over the selected pair; dropped and counted when not connected. */
    public void send(byte[] datagram, int offset, int length) {
        IceDatagramTransport path = media;
        if (path == null || state != TransportState.CONNECTED) {
            drops.count(DropReason.SEND_NOT_CONNECTED);
            return;
        }
        try {
            Objects.checkFromIndexSize(offset, length, datagram.length);
            path.send(datagram, offset, length);
        } catch (IOException | RuntimeException e) {
            drops.count(DropReason.SEND_FAILED);
        }
    }

    public TransportState state() {
        return state;
    }

    /** Why the transport failed, for operators; empty unless {@link TransportState#FAILED}. */
    public Optional<String> failureReason() {
        synchronized (lock) {
            return Optional.ofNullable(failure);
        }
    }

    /** Datagrams dropped so far, by {@link DropReason#key()}, every reason listed (for /colibri/stats). */
    public Map<String, Long> droppedDatagrams() {
        return drops.snapshot();
    }

    /** Frees the ICE session and its registration on the port, and the SRTP contexts. Idempotent. */
    @Override
    public void close() {
        DTLSTransport association;
        synchronized (lock) {
            if (state == TransportState.CLOSED) {
                return;
            }
            state = TransportState.CLOSED;
            association = dtls;
            stopMedia();
        }
        if (association != null) {
            try {
                association.close(); // sends close_notify (RFC 5246 §7.2.1), best effort
            } catch (IOException | RuntimeException ignored) {
                // the peer learns from consent loss instead
            }
        }
        ice.close();
    }

    // ---- receive path: the port's reader thread ----

    private void received(IceDatagramTransport via, byte[] datagram, long receivedAtNanos) {
        lastDatagramNanos = receivedAtNanos;
        try {
            TransportState now = state;
            demux.route(datagram, receivedAtNanos, now, dtlsRecord -> {
                boolean queued = via.enqueue(dtlsRecord);
                if (queued && now == TransportState.CONNECTED) {
                    serviceDtls(); // the handshake is over: nobody else reads the association
                }
                return queued;
            });
        } catch (RuntimeException e) {
            drops.count(DropReason.LISTENER_ERROR);
        }
    }

    /**
     * Lets the finished association read DTLS that came after the handshake, off the port's thread:
     * a peer that missed our last flight sends its own again and BC answers with ours (RFC 6347
     * §4.2.4); a close_notify or alert ends the reading. There is no application data (no data
     * channels), so what is read is discarded.
     */
    private void serviceDtls() {
        DTLSTransport association = dtls;
        if (association == null || !dtlsServicing.compareAndSet(false, true)) {
            return;
        }
        try {
            context.handshakes().execute(() -> {
                try {
                    byte[] buf = new byte[Math.max(1, association.getReceiveLimit())];
                    while (association.receive(buf, 0, buf.length, 1) >= 0) {
                        // discard: no application data is expected
                    }
                } catch (IOException | RuntimeException e) {
                    // a close_notify or a fatal alert from the peer: media ends by expiry or consent loss
                } finally {
                    dtlsServicing.set(false);
                }
            });
        } catch (RejectedExecutionException e) {
            dtlsServicing.set(false);
        }
    }

    // ---- ICE and DTLS ----

    private void iceStateChanged(IceState s) {
        if (s == IceState.CONNECTED) {
            startHandshake();
        } else if (s == IceState.FAILED) {
            fail(currentGeneration(), "ICE failed: no candidate pair connected within "
                    + ConsentTimer.describe(context.iceTimeout()) + "; check that clients can reach UDP "
                    + context.port().localAddress() + context.port().tcpAddress().map(a -> " or TCP " + a).orElse("")
                    + " and that the ufrag and pwd sent are the client's");
        }
    }

    private void startHandshake() {
        int gen;
        RemoteParameters params;
        synchronized (lock) {
            if (state != TransportState.CHECKING) {
                return;
            }
            state = TransportState.HANDSHAKING;
            gen = generation;
            params = remote;
        }
        try {
            context.handshakes().execute(() -> handshake(gen, params));
        } catch (RejectedExecutionException e) {
            fail(gen, "DTLS handshake could not start: the handshake executor refused it (" + e.getMessage() + ")");
        }
    }

    private void handshake(int gen, RemoteParameters params) {
        IceDatagramTransport path;
        try {
            path = ice.transport();
        } catch (IllegalStateException e) {
            return; // restarted or closed meanwhile
        }
        DtlsHandshakeResult result;
        SrtpSession session;
        try {
            result = context.dtls().handshake(params.role(), params.fingerprint(), new DtlsPath(path));
            session = SrtpSession.create(result.keys());
        } catch (DtlsHandshakeException e) {
            fail(gen, e.getMessage());
            return;
        } catch (RuntimeException e) {
            fail(gen, "DTLS-SRTP setup failed: " + e);
            return;
        }
        synchronized (lock) {
            if (gen != generation || state != TransportState.HANDSHAKING) {
                session.close();
                return;
            }
            state = TransportState.CONNECTED;
            srtp = session;
            dtls = result.transport();
            media = path;
            lastDatagramNanos = System.nanoTime();
            consent = ConsentTimer.start(context.consentTimeout(), ConsentTimer.Subject.of(
                    () -> lastDatagramNanos, ice::lastConsentMillis, reason -> fail(gen, reason)));
        }
        listener.connected(session);
    }

    private int currentGeneration() {
        synchronized (lock) {
            return generation;
        }
    }

    /** Fails the transport if {@code gen} is still current and it has not ended; reports once. */
    private void fail(int gen, String reason) {
        synchronized (lock) {
            if (gen != generation) {
                return;
            }
            failLocked(reason);
        }
        reportFailure();
    }

    private void failLocked(String reason) {
        if (state == TransportState.FAILED || state == TransportState.CLOSED) {
            return;
        }
        state = TransportState.FAILED;
        failure = reason;
        stopMedia();
    }

    /** Frees ICE and tells the listener, once, about a failure (outside the lock). */
    private void reportFailure() {
        String reason;
        synchronized (lock) {
            if (state != TransportState.FAILED || failureReported) {
                return;
            }
            failureReported = true;
            reason = failure;
        }
        ice.close();
        listener.failed(reason);
    }

    /** Stops media and consent checks; the caller holds the lock. */
    private void stopMedia() {
        media = null;
        dtls = null;
        if (consent != null) {
            consent.cancel(false);
            consent = null;
        }
        if (srtp != null && (state == TransportState.FAILED || state == TransportState.CLOSED)) {
            srtp.close();
            srtp = null;
        }
    }
}
