package org.lucarne.signaling.call.bridge;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;

/**
 * Two bridges played by WireMock (JVB's health and stats answers), whose health and load each test
 * sets; checks run when the test says ({@link BridgePool#checkAll()}), except in the one test of the
 * schedule.
 */
class BridgePoolIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);

    private WireMockServer a;
    private WireMockServer b;
    private ScheduledExecutorService executor;
    private BridgePool pool;

    @BeforeEach
    void startBridges() {
        a = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        b = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        a.start();
        b.start();
        executor = Executors.newSingleThreadScheduledExecutor();
        pool = BridgePool.create(new BridgePoolConfig(List.of(bridge(a), bridge(b)), Duration.ofSeconds(1),
                Duration.ofSeconds(2)), CLOCK, executor);
    }

    @AfterEach
    void stopBridges() {
        pool.close();
        executor.shutdownNow();
        a.stop();
        b.stop();
    }

    @Test
    void choosesTheLeastLoadedHealthyBridgeCountingWhatItPlacedSinceTheStats() throws Exception {
        serve(a, 200, 5);
        serve(b, 200, 2);
        pool.checkAll();

        List<String> chosen = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            chosen.add(pool.choose().bridge().name());
        }

        // b: 2, 3, 4 conferences; then both hold 5 and the first listed wins.
        assertEquals(List.of(name(b), name(b), name(b), name(a)), chosen);
        assertEquals(List.of(6, 5), pool.status().stream().map(BridgeStatus::load).toList());
    }

    @Test
    void anUnhealthyBridgeIsNeverChosenAndRecoversAtItsNextGoodCheck() throws Exception {
        serve(a, 500, 0);
        serve(b, 200, 40);
        pool.checkAll();

        for (int i = 0; i < 10; i++) {
            assertEquals(name(b), pool.choose().bridge().name());
        }
        BridgeStatus down = pool.status().get(0);
        assertFalse(down.healthy());
        assertTrue(down.problem().orElseThrow().contains("HTTP 500"), down.problem().orElseThrow());
        assertEquals(Optional.of(CLOCK.instant()), down.lastChecked());

        serve(a, 200, 0);
        pool.checkAll();

        assertTrue(pool.status().get(0).healthy());
        assertEquals(name(a), pool.choose().bridge().name());
    }

    @Test
    void aBridgeThatCannotBeReachedIsSkippedAtOnceWithoutWaitingForACheck() throws Exception {
        serve(a, 200, 0);
        serve(b, 200, 3);
        pool.checkAll();
        Colibri2Client first = pool.choose();
        assertEquals(name(a), first.bridge().name());

        a.stop();
        BridgeException e = assertThrows(BridgeException.class,
                () -> first.createConference(JvbDocuments.request("create-conference.json")));

        assertTrue(e.shouldFailOver());
        assertEquals(name(b), pool.choose().bridge().name());
        assertFalse(pool.status().get(0).healthy());
    }

    @Test
    void anAnswerThatIsNotAnOutageKeepsTheBridgeHealthy() throws Exception {
        serve(a, 200, 0);
        serve(b, 200, 3);
        pool.checkAll();
        Colibri2Client first = pool.choose();

        BridgeException e = assertThrows(BridgeException.class, () -> first.expireConference(JvbDocuments.MEETING_ID));

        assertEquals(BridgeException.Kind.CONFERENCE_GONE, e.kind());
        assertTrue(pool.status().get(0).healthy());
    }

    @Test
    void withNoHealthyBridgeTheErrorSaysWhatIsWrongWithEach() {
        serve(a, 503, 0);
        b.stop();
        pool.checkAll();

        NoBridgeAvailableException e = assertThrows(NoBridgeAvailableException.class, pool::choose);

        assertTrue(e.getMessage().contains(name(a) + " (") && e.getMessage().contains("HTTP 503"), e.getMessage());
        assertTrue(e.getMessage().contains(name(b) + " (") && e.getMessage().contains("connection"), e.getMessage());
    }

    @Test
    void scheduledChecksFindAFailingBridgeAndItsRecovery() throws Exception {
        serve(a, 200, 0);
        serve(b, 200, 0);
        pool.start();
        serve(a, 503, 0);
        awaitStatus(s -> !s.get(0).healthy(), "bridge a found unhealthy");

        serve(a, 200, 0);
        awaitStatus(s -> s.get(0).healthy(), "bridge a healthy again");

        assertTrue(pool.status().get(1).healthy());
    }

    @Test
    void theEmbeddedBridgeIsCheckedAndDrivenThroughThePool() throws Exception {
        try (MediaBridge embedded = MediaBridge.create(BridgeConfig.loopbackForTests(), Clock.systemUTC()).start();
             BridgePool alone = BridgePool.create(BridgePoolConfig.embedded(embedded.httpUri(), Optional.empty()),
                     CLOCK, executor)) {
            alone.checkAll();
            Colibri2Client client = alone.choose();
            client.createConference(JvbDocuments.request("create-conference.json"));
            alone.checkAll();

            BridgeStatus status = alone.status().get(0);
            assertTrue(status.healthy());
            assertEquals(1, status.load());
            assertSame(client, alone.choose());
        }
    }

    private static Bridge bridge(WireMockServer server) {
        return Bridge.at(URI.create(server.baseUrl()));
    }

    /** A bridge's name, also once its server is stopped. */
    private String name(WireMockServer server) {
        return pool.config().bridges().get(server == a ? 0 : 1).name();
    }

    /** The bridge answers its health check with {@code health} and reports {@code conferences}. */
    private static void serve(WireMockServer server, int health, int conferences) {
        server.stubFor(get(urlEqualTo("/about/health")).willReturn(aResponse().withStatus(health)));
        server.stubFor(get(urlEqualTo("/colibri/stats")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"conferences\": " + conferences + ", \"participants\": " + 2 * conferences + "}")));
    }

    /** Waits for the scheduled checks (every second) to show the expected state; gives up after 20 s. */
    private void awaitStatus(Predicate<List<BridgeStatus>> expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!expected.test(pool.status())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never saw: " + what + "; status " + pool.status());
            }
            Thread.sleep(50);
        }
    }
}
