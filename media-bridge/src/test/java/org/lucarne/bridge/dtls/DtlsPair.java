package org.lucarne.bridge.dtls;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Two real DTLS stacks, a bridge and a peer, handshaking over an in-memory link. */
public final class DtlsPair {
    public static final SecureRandom RANDOM = new SecureRandom();

    public final BridgeCertificate bridgeCert = BridgeCertificate.generate(Clock.systemUTC(), RANDOM);
    public final BridgeCertificate peerCert = BridgeCertificate.generate(Clock.systemUTC(), RANDOM);
    public final DtlsEndpoint bridge;
    public final DtlsEndpoint peer;

    public DtlsPair(DtlsConfig bridgeConfig, DtlsConfig peerConfig) {
        bridge = new DtlsEndpoint(bridgeCert, bridgeConfig, RANDOM);
        peer = new DtlsEndpoint(peerCert, peerConfig, RANDOM);
    }

    public DtlsPair() {
        this(DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(10)),
                DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(10)));
    }

    /** Outcome of both sides; a side that failed has its exception instead of a result. */
    public record Outcome(DtlsHandshakeResult bridge, DtlsHandshakeException bridgeError,
                          DtlsHandshakeResult peer, DtlsHandshakeException peerError) {
    }

    /**
     * Runs both handshakes concurrently; the bridge takes {@code bridgeRole}, the peer the other.
     * {@code bridgeExpects} is what the bridge read from the peer's SDP, and conversely.
     */
    public Outcome run(DtlsRole bridgeRole, CertificateFingerprint bridgeExpects,
                       CertificateFingerprint peerExpects, InMemoryDatagramTransport[] link)
            throws InterruptedException, ExecutionException, TimeoutException {
        DtlsRole peerRole = bridgeRole == DtlsRole.SERVER ? DtlsRole.CLIENT : DtlsRole.SERVER;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Object> b = pool.submit(() -> attempt(bridge, bridgeRole, bridgeExpects, link[0]));
            Future<Object> p = pool.submit(() -> attempt(peer, peerRole, peerExpects, link[1]));
            Object br = b.get(60, TimeUnit.SECONDS);
            Object pr = p.get(60, TimeUnit.SECONDS);
            return new Outcome(
                    br instanceof DtlsHandshakeResult ? (DtlsHandshakeResult) br : null,
                    br instanceof DtlsHandshakeException ? (DtlsHandshakeException) br : null,
                    pr instanceof DtlsHandshakeResult ? (DtlsHandshakeResult) pr : null,
                    pr instanceof DtlsHandshakeException ? (DtlsHandshakeException) pr : null);
        } finally {
            pool.shutdownNow();
        }
    }

    public Outcome run(DtlsRole bridgeRole, InMemoryDatagramTransport[] link)
            throws InterruptedException, ExecutionException, TimeoutException {
        return run(bridgeRole, peerCert.fingerprint(), bridgeCert.fingerprint(), link);
    }

    private static Object attempt(DtlsEndpoint endpoint, DtlsRole role, CertificateFingerprint expected,
                                  InMemoryDatagramTransport transport) {
        try {
            return endpoint.handshake(role, expected, transport);
        } catch (DtlsHandshakeException e) {
            // Let the other side stop waiting at once instead of at its timeout.
            transport.close();
            return e;
        }
    }
}
