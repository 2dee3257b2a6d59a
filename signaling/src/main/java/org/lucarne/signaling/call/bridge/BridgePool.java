package org.lucarne.signaling.call.bridge;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridges of {@link BridgePoolConfig}, each with its {@link Colibri2Client}, checked every
 * {@code healthInterval} ({@code GET /about/health}, then {@code GET /colibri/stats}).
 *
 * <ul>
 *   <li>{@link #choose()} gives the healthy bridge with the least load (see {@link PooledBridge}),
 *       the first listed on a tie, and counts the conference placed there.</li>
 *   <li>A bridge is unhealthy from the moment a check fails or a request to it ends as
 *       {@link BridgeException.Kind#UNAVAILABLE} (unreachable, timeout, 5xx), and healthy again at
 *       its next good check.</li>
 *   <li>Before their first check, bridges count as healthy with no load, so a server can place its
 *       first call at once; a dead one is found by that first request and skipped after it.</li>
 * </ul>
 */
public final class BridgePool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BridgePool.class);

    private final BridgePoolConfig config;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final List<PooledBridge> bridges = new ArrayList<>();
    private final List<ScheduledFuture<?>> checks = new ArrayList<>();
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private boolean closed;

    /** Told when a bridge turns unhealthy or healthy again; called outside the pool's lock, never twice in a row alike. */
    public interface HealthListener {
        void bridgeDown(Bridge bridge);

        void bridgeUp(Bridge bridge);
    }

    private BridgePool(BridgePoolConfig config, Clock clock, ScheduledExecutorService executor, boolean owns) {
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.ownsExecutor = owns;
        HttpClient http = Colibri2Client.httpClient(config.requestTimeout());
        for (Bridge b : config.bridges()) {
            bridges.add(new PooledBridge(new Colibri2Client(b, http, config.requestTimeout(), this::unavailable)));
        }
    }

    /** A pool whose checks run on {@code executor} (which the caller shuts down) once {@link #start()} is called. */
    public static BridgePool create(BridgePoolConfig config, Clock clock, ScheduledExecutorService executor) {
        return new BridgePool(config, clock, executor, false);
    }

    /** A started pool with a daemon thread of its own for the checks, stopped by {@link #close()}. */
    public static BridgePool start(BridgePoolConfig config, Clock clock) {
        ScheduledExecutorService own = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bridge-health");
            t.setDaemon(true);
            return t;
        });
        return new BridgePool(config, clock, own, true).start();
    }

    /** Schedules every bridge's checks: the first at once, then every {@code healthInterval}. */
    public synchronized BridgePool start() {
        if (closed || !checks.isEmpty()) {
            throw new IllegalStateException(closed ? "the bridge pool is closed" : "the bridge pool was already started");
        }
        long every = config.healthInterval().toMillis();
        for (PooledBridge b : bridges) {
            checks.add(executor.scheduleWithFixedDelay(() -> check(b), 0, every, TimeUnit.MILLISECONDS));
        }
        return this;
    }

    /**
     * The client of the least loaded healthy bridge; the conference the caller is about to create
     * there is counted in its load at once.
     *
     * @throws NoBridgeAvailableException when none is healthy, with each bridge's problem
     */
    public synchronized Colibri2Client choose() throws NoBridgeAvailableException {
        if (closed) {
            throw new IllegalStateException("the bridge pool is closed");
        }
        PooledBridge best = null;
        for (PooledBridge b : bridges) {
            if (b.healthy && (best == null || b.load() < best.load())) {
                best = b;
            }
        }
        if (best == null) {
            StringBuilder why = new StringBuilder("no media bridge is available:");
            for (PooledBridge b : bridges) {
                why.append(' ').append(b.client.bridge().name()).append(" (").append(b.problem).append(");");
            }
            why.setLength(why.length() - 1);
            throw new NoBridgeAvailableException(why.toString());
        }
        best.placedSinceReport++;
        return best.client;
    }

    public void addHealthListener(HealthListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Checks every bridge now, one after the other, in the caller's thread. */
    public void checkAll() {
        for (PooledBridge b : bridges) {
            check(b);
        }
    }

    /** How each bridge stands, in the configured order. */
    public synchronized List<BridgeStatus> status() {
        return bridges.stream().map(PooledBridge::status).toList();
    }

    public BridgePoolConfig config() {
        return config;
    }

    private void check(PooledBridge b) {
        try {
            b.client.checkHealth();
            BridgeStats stats = b.client.stats();
            boolean cameBack;
            synchronized (this) {
                cameBack = !b.healthy;
                if (cameBack) {
                    LOG.info("media bridge {} is healthy again ({} conferences)", b.client.bridge().name(),
                            stats.conferences());
                }
                b.checked(stats, clock.instant());
            }
            if (cameBack) {
                listeners.forEach(l -> l.bridgeUp(b.client.bridge()));
            }
        } catch (BridgeException e) {
            markUnhealthy(b, e.getMessage(), true);
        } catch (RuntimeException e) {
            // A check must never kill its schedule.
            markUnhealthy(b, "health check failed: " + e, true);
        }
    }

    /** From a client of this pool: a request ended as UNAVAILABLE. */
    private void unavailable(BridgeException e) {
        for (PooledBridge b : bridges) {
            if (b.client.bridge().equals(e.bridge())) {
                markUnhealthy(b, e.getMessage(), false);
            }
        }
    }

    private void markUnhealthy(PooledBridge b, String why, boolean fromCheck) {
        boolean wentDown;
        synchronized (this) {
            wentDown = b.healthy;
            if (wentDown) {
                LOG.warn("media bridge {} is unhealthy: {}", b.client.bridge().name(), why);
            }
            b.failed(why, clock.instant(), fromCheck);
        }
        if (wentDown) {
            listeners.forEach(l -> l.bridgeDown(b.client.bridge()));
        }
    }

    /** Stops the checks (and the pool's own thread, if it has one). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        checks.forEach(f -> f.cancel(false));
        checks.clear();
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }
}
