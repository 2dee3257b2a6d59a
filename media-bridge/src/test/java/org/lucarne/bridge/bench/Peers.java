package org.lucarne.bridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.lucarne.bridge.dtls.BridgeCertificate;
import org.lucarne.bridge.dtls.DtlsConfig;
import org.lucarne.bridge.dtls.DtlsEndpoint;

/**
 * What every synthetic peer of a run shares: one DTLS identity (as one browser profile has one
 * certificate), the receiving and sending threads, a few threads for DTLS handshakes, and the
 * {@link Reception} all media ends in; and what each peer sends ({@link Traffic}).
 */
final class Peers implements AutoCloseable {
    final SecureRandom random = new SecureRandom();
    final DtlsEndpoint identity;
    final Reception reception;
    final Receiver receiver = new Receiver();
    final Pacer pacer = new Pacer();
    final Traffic traffic;
    final ExecutorService handshakes = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "bench-dtls");
        t.setDaemon(true);
        return t;
    });
    private int nextStreamId;

    /** Peers that send one video layer. */
    Peers() {
        this(Traffic.ONE_LAYER);
    }

    Peers(Traffic traffic) {
        this.traffic = traffic;
        this.reception = new Reception(traffic.simulcast());
        identity = new DtlsEndpoint(BridgeCertificate.generate(Clock.systemUTC(), random),
                DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(20)), random);
    }

    /** A leg on {@code bind}, already read by the receiver thread (it must answer ICE checks at once). */
    synchronized PeerLeg openLeg(String name, InetAddress bind, boolean controlling, String setup)
            throws IOException {
        PeerLeg leg = PeerLeg.open(name, bind, identity, controlling, setup, random, reception, nextStreamId, traffic);
        nextStreamId += leg.streams().size();
        for (SyntheticStream s : leg.streams()) {
            if (!s.forwarded) {
                reception.lowerLayer(s.streamId);
            }
        }
        receiver.add(leg);
        return leg;
    }

    /** Starts the legs' media, each at its own phase. */
    void startMedia(List<PeerLeg> legs) {
        for (PeerLeg leg : legs) {
            pacer.add(leg, Math.floorMod(random.nextLong(), 1_000_000_000L));
        }
    }

    void closeLeg(PeerLeg leg) {
        pacer.remove(leg);
        receiver.remove(leg);
        leg.close();
    }

    @Override
    public void close() {
        pacer.close();
        receiver.close();
        handshakes.shutdownNow();
    }
}
