package org.lucarne.signaling.bench;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.ee11.websocket.jakarta.client.JakartaWebSocketClientContainer;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.lucarne.testing.Percentiles;

/**
 * Holds N WSS connections to one server and measures ping → pong round trips on them.
 *
 * <p>It is Jetty's WebSocket client (Jakarta API): a non-blocking client whose selectors, threads
 * and pooled buffers are sized for many sockets, on the same Jetty as the servers. Each
 * connection says {@code hello} and waits for the first answer before it counts as connected.
 * A ping's sequence number is its index in the run ({@code round * N + connection}), so a pong
 * finds its send time without any per-connection map.
 */
public final class LoadClient implements AutoCloseable {
    /** The connection phase: how many connected, how long it took, why some failed. */
    public record ConnectResult(int connected, int failed, long elapsedNanos, Percentiles handshake,
                                List<String> errors) { }

    /** The measured rounds: round trips of the pongs that came back in time, and what did not. */
    public record RoundsResult(Percentiles roundTrips, long pings, long timeouts, long sendFailures,
                               long errorFrames, int closedDuringRounds, List<String> errors) { }

    private static final int MAX_ERRORS_KEPT = 5;

    private final HttpClient http;
    private final Container container;
    private final long epoch = System.nanoTime();
    private final List<Connection> connections = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final LongAdder errorFrames = new LongAdder();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile AtomicLongArray sentAt = new AtomicLongArray(0);
    private volatile AtomicLongArray receivedAt = new AtomicLongArray(0);
    private volatile CountDownLatch[] roundLatches = new CountDownLatch[0];
    private volatile int perRound = 1;

    /** A client trusting only {@code ca} (the server's development CA). */
    public LoadClient(KeyStore ca, Duration timeout) {
        SslContextFactory.Client tls = new SslContextFactory.Client();
        tls.setTrustStore(ca);
        ClientConnector connector = new ClientConnector();
        connector.setSelectors(2);
        connector.setSslContextFactory(tls);
        connector.setConnectTimeout(timeout);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setMaxConnectionsPerDestination(100_000);
        http.setMaxRequestsQueuedPerDestination(100_000);
        http.setConnectTimeout(timeout.toMillis());
        http.setFollowRedirects(false);
        container = new Container(http);
        container.setDefaultMaxSessionIdleTimeout(Duration.ofMinutes(30).toMillis());
        container.setAsyncSendTimeout(timeout.toMillis());
        try {
            http.start();
            container.start();
            container.createCoreClient();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the WebSocket client: " + e.getMessage(), e);
        }
    }

    /**
     * Opens {@code n} connections, {@code concurrency} handshakes at a time, each sending
     * {@code hello} with {@code origin} as its Origin. A connection counts only once the server
     * answered its hello ({@code welcome} when {@code expectWelcome}, else any frame).
     */
    public ConnectResult connect(URI uri, String origin, int n, int concurrency, Duration timeout,
                                 boolean expectWelcome) {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        headers.put("Origin", List.of(origin));
                    }
                }).build();
        long[] handshakes = new long[n];
        AtomicInteger ok = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "bench-connect");
            t.setDaemon(true);
            return t;
        });
        long start = System.nanoTime();
        // Every connection has `timeout` for itself; the whole phase is bounded too.
        long budgetNanos = Math.min(timeout.toNanos() * ((n + concurrency - 1) / concurrency + 1),
                TimeUnit.MINUTES.toNanos(10));
        for (int i = 0; i < n; i++) {
            Connection c = new Connection(i);
            synchronized (connections) {
                connections.add(c);
            }
            pool.execute(() -> {
                if (System.nanoTime() - start > budgetNanos) {
                    error("connection phase over its time budget");
                    return;
                }
                long t0 = System.nanoTime();
                try {
                    Session s = container.connectToServer(c, config, uri);
                    s.getBasicRemote().sendText("{\"v\":1,\"type\":\"hello\",\"app\":\"family\",\"appVersion\":\"bench\"}");
                    String first = c.firstFrame.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                    if (expectWelcome && !first.contains("\"type\":\"welcome\"")) {
                        error("hello answered with " + first);
                        s.close();
                        return;
                    }
                    handshakes[c.index] = System.nanoTime() - t0;
                    c.connected = true;
                    ok.incrementAndGet();
                } catch (Exception e) {
                    error("connect: " + e);
                }
            });
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(budgetNanos + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS)) {
                pool.shutdownNow();
                error("connection phase did not finish in time");
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        long elapsed = System.nanoTime() - start;
        long[] done = java.util.Arrays.stream(handshakes).filter(h -> h > 0).toArray();
        return new ConnectResult(ok.get(), n - ok.get(), elapsed, Percentiles.of(done), List.copyOf(errors));
    }

    /**
     * {@code warmup + rounds} rounds; in each, every connected socket sends one ping, the sends
     * spread evenly over {@code spread}; a round ends when all its pongs are back or {@code timeout}
     * after its last send, and the next starts no sooner than {@code spread} after it began.
     * Only the last {@code rounds} rounds are measured.
     */
    public RoundsResult rounds(int warmup, int rounds, Duration spread, Duration timeout) {
        List<Connection> open = connections.stream().filter(c -> c.connected).toList();
        int n = open.size();
        int total = warmup + rounds;
        errors.clear();
        int closedBefore = closed.get();
        perRound = Math.max(n, 1);
        sentAt = new AtomicLongArray(total * n);
        receivedAt = new AtomicLongArray(total * n);
        CountDownLatch[] latches = new CountDownLatch[total];
        for (int r = 0; r < total; r++) {
            latches[r] = new CountDownLatch(n);
        }
        roundLatches = latches;
        LongAdder sendFailures = new LongAdder();
        long errorFramesBefore = errorFrames.sum();
        long spacing = n == 0 ? 0 : spread.toNanos() / n;
        for (int r = 0; r < total; r++) {
            long roundStart = System.nanoTime();
            for (int i = 0; i < n; i++) {
                long wait = roundStart + i * spacing - System.nanoTime();
                if (wait > 100_000) {
                    LockSupport.parkNanos(wait);
                }
                int seq = r * n + i;
                Connection c = open.get(i);
                sentAt.set(seq, System.nanoTime() - epoch);
                try {
                    c.session.getAsyncRemote().sendText("{\"v\":1,\"type\":\"ping\",\"seq\":" + seq + "}", result -> {
                        if (!result.isOK()) {
                            sendFailures.increment();
                            error("send: " + result.getException());
                        }
                    });
                } catch (RuntimeException e) {
                    sendFailures.increment();
                    error("send: " + e);
                }
            }
            try {
                latches[r].await(timeout.toNanos(), TimeUnit.NANOSECONDS);
                long untilNext = roundStart + spread.toNanos() - System.nanoTime();
                if (untilNext > 0) {
                    TimeUnit.NANOSECONDS.sleep(untilNext);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long[] samples = new long[rounds * n];
        int count = 0;
        long timeouts = 0;
        for (int seq = warmup * n; seq < total * n; seq++) {
            long rtt = receivedAt.get(seq) == 0 ? Long.MAX_VALUE : receivedAt.get(seq) - sentAt.get(seq);
            if (rtt > timeout.toNanos()) {
                timeouts++;
            } else {
                samples[count++] = rtt;
            }
        }
        return new RoundsResult(Percentiles.of(java.util.Arrays.copyOf(samples, count)), (long) rounds * n,
                timeouts, sendFailures.sum(), errorFrames.sum() - errorFramesBefore, closed.get() - closedBefore,
                List.copyOf(errors));
    }

    /** Connections the server has not closed. */
    public int openConnections() {
        return (int) connections.stream().filter(c -> c.connected && c.session != null && c.session.isOpen()).count();
    }

    private void onPong(String text, long now) {
        long seq = seqOf(text);
        AtomicLongArray received = receivedAt;
        if (seq < 0 || seq >= received.length()) {
            errorFrames.increment();
            error("unexpected frame " + text);
            return;
        }
        if (received.compareAndSet((int) seq, 0, now - epoch)) {
            CountDownLatch[] latches = roundLatches;
            int round = (int) (seq / perRound);
            if (round < latches.length) {
                latches[round].countDown();
            }
        }
    }

    /** The {@code seq} of a pong, or -1 for any other frame. */
    static long seqOf(String text) {
        if (!text.contains("\"type\":\"pong\"")) {
            return -1;
        }
        int at = text.indexOf("\"seq\":");
        if (at < 0) {
            return -1;
        }
        long seq = 0;
        int digits = 0;
        for (int i = at + 6; i < text.length() && Character.isDigit(text.charAt(i)) && digits < 16; i++, digits++) {
            seq = seq * 10 + (text.charAt(i) - '0');
        }
        return digits == 0 ? -1 : seq;
    }

    private void error(String what) {
        if (errors.size() < MAX_ERRORS_KEPT) {
            errors.add(what);
        }
    }

    /** Closes every socket and stops the client. */
    @Override
    public void close() {
        try {
            container.stop();
            http.stop();
        } catch (Exception e) {
            // the sockets are gone with the client either way
        }
    }

    /**
     * Jetty's Jakarta client creates its core client lazily, unsynchronized, on the first connect:
     * with many first connects at once, some see it before it is started. Create it up front.
     */
    private static final class Container extends JakartaWebSocketClientContainer {
        Container(HttpClient http) {
            super(http);
        }

        void createCoreClient() {
            getWebSocketCoreClient();
        }
    }

    /** One socket. */
    private final class Connection extends Endpoint {
        final int index;
        final CompletableFuture<String> firstFrame = new CompletableFuture<>();
        volatile Session session;
        volatile boolean connected;

        Connection(int index) {
            this.index = index;
        }

        @Override
        public void onOpen(Session s, EndpointConfig config) {
            session = s;
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                if (!firstFrame.isDone()) {
                    firstFrame.complete(text);
                } else {
                    onPong(text, System.nanoTime());
                }
            });
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            if (connected) {
                closed.incrementAndGet();
                error("connection " + index + " closed: " + reason);
            }
            firstFrame.completeExceptionally(new IllegalStateException("closed: " + reason));
        }

        @Override
        public void onError(Session s, Throwable failure) {
            error("connection " + index + ": " + failure);
        }
    }
}
