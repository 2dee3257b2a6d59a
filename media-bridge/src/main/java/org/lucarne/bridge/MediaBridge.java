package org.lucarne.bridge;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.lucarne.bridge.api.BridgeHttpServer;
import org.lucarne.bridge.api.TrafficRates;
import org.lucarne.bridge.conference.Conferences;
import org.lucarne.bridge.dtls.BridgeCertificate;
import org.lucarne.bridge.dtls.DtlsConfig;
import org.lucarne.bridge.dtls.DtlsEndpoint;
import org.lucarne.bridge.forward.FeedbackSsrcs;
import org.lucarne.bridge.forward.ForwardingStats;
import org.lucarne.bridge.ice.IcePort;
import org.lucarne.bridge.ice.IcePortConfig;
import org.lucarne.bridge.ice.IceSession;
import org.lucarne.bridge.transport.TransportContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media bridge, wired by hand: one UDP port for every endpoint's media, the conferences, and
 * the Colibri2 HTTP API. The standalone {@link BridgeMain}, the tests and the signaling server (when
 * it embeds a bridge) all build it with {@link #create}.
 */
public final class MediaBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MediaBridge.class);

    private final BridgeConfig config;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private IcePort port;
    private ExecutorService handshakes;
    private ExecutorService workers;
    private ScheduledExecutorService timers;
    private Conferences conferences;
    private BridgeHttpServer http;
    private volatile boolean running;

    private MediaBridge(BridgeConfig config, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A bridge not started yet: nothing is bound. */
    public static MediaBridge create(BridgeConfig config, Clock clock) {
        return new MediaBridge(config, clock);
    }

    /**
     * Binds the UDP and HTTP ports and starts the expiry and rate sampling.
     *
     * @throws IOException naming the address and the setting when a port is taken
     */
    public synchronized MediaBridge start() throws IOException {
        if (port != null) {
            throw new IllegalStateException("the bridge was already started");
        }
        port = openUdp();
        try {
            DtlsEndpoint dtls = new DtlsEndpoint(BridgeCertificate.generate(clock, random), DtlsConfig.defaults(),
                    random);
            handshakes = Executors.newCachedThreadPool(daemons("bridge-dtls"));
            workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                    daemons("bridge-media"));
            timers = Executors.newSingleThreadScheduledExecutor(daemons("bridge-timers"));
            ForwardingStats stats = new ForwardingStats();
            conferences = new Conferences(
                    new TransportContext(port, dtls, handshakes, IceSession.DEFAULT_ESTABLISH_TIMEOUT),
                    FeedbackSsrcs.random(random), stats, workers, clock, config.expire());
            TrafficRates rates = new TrafficRates(stats, clock);
            InetSocketAddress udp = port.localAddress();
            http = new BridgeHttpServer(config.httpHost(), config.httpPort(), config.sharedSecret(), conferences,
                    stats, rates, clock, () -> running, udp.getAddress().getHostAddress() + ":" + udp.getPort());
            http.start();
            long sweepMillis = sweepPeriod(config.expire()).toMillis();
            timers.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
            timers.scheduleAtFixedRate(() -> sample(rates), 0, 1, TimeUnit.SECONDS);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
        running = true;
        LOG.info("media bridge started: HTTP {}, media UDP {}{}{}", http.uri(), port.localAddress(),
                port.tcpAddress().map(a -> ", ICE-TCP " + a).orElse(""),
                config.advertisedAddress().map(a -> " advertised as " + a).orElse(""));
        return this;
    }

    private IcePort openUdp() throws IOException {
        String where = config.udpHost() + ":" + config.udpPort();
        try {
            return IcePort.open(new IcePortConfig(config.udpHost(), config.udpPort(),
                    config.advertisedAddress().orElse(null), config.tcpPort()));
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("cannot bind the media UDP port " + where + (config.tcpPort().isPresent()
                    ? " or its ICE-TCP port " + config.tcpPort().getAsInt() : "")
                    + " (LUCARNE_BRIDGE_UDP_HOST / LUCARNE_BRIDGE_UDP_PORT"
                    + (config.tcpPort().isPresent() ? " / LUCARNE_BRIDGE_TCP_PORT" : "") + "): " + e.getMessage(), e);
        }
    }

    private void sweep() {
        try {
            conferences.sweep();
        } catch (RuntimeException e) {
            LOG.warn("expiry sweep failed: {}", e.toString());
        }
    }

    private static void sample(TrafficRates rates) {
        try {
            rates.sample();
        } catch (RuntimeException e) {
            LOG.debug("rate sample failed: {}", e.toString());
        }
    }

    /** The API's base URI, for example {@code http://127.0.0.1:8080/}. */
    public URI httpUri() {
        requireStarted();
        return http.uri();
    }

    /** The bound media UDP address (with the port actually chosen when configured as 0). */
    public InetSocketAddress udpAddress() {
        requireStarted();
        return port.localAddress();
    }

    /** The bound ICE-TCP address, when {@code bridge.tcp.port} is set. */
    public Optional<InetSocketAddress> tcpAddress() {
        requireStarted();
        return port.tcpAddress();
    }

    /** The conferences, for one expiry sweep on demand ({@link Conferences#sweep()}) and counts. */
    public Conferences conferences() {
        requireStarted();
        return conferences;
    }

    public BridgeConfig config() {
        return config;
    }

    /** Started and not closed: what {@code /about/health} reports. */
    public boolean isRunning() {
        return running;
    }

    private void requireStarted() {
        if (http == null) {
            throw new IllegalStateException("the bridge is not started");
        }
    }

    /** Stops the API, expires every conference, closes the UDP port and stops the threads. Idempotent. */
    @Override
    public synchronized void close() {
        running = false;
        if (http != null) {
            http.close();
        }
        if (timers != null) {
            timers.shutdownNow();
        }
        if (conferences != null) {
            conferences.close();
        }
        if (port != null) {
            port.close();
        }
        if (handshakes != null) {
            handshakes.shutdownNow();
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }

    private static ThreadFactory daemons(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** How long the sweep waits at most between passes; for documentation and tests. */
    static Duration sweepPeriod(Duration expire) {
        return Duration.ofMillis(Math.max(1_000, Math.min(10_000, expire.toMillis() / 6)));
    }
}
