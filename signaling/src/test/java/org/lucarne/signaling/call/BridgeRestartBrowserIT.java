package org.lucarne.signaling.call;

import static org.lucarne.signaling.call.CallPages.TIMEOUT_MS;
import static org.lucarne.signaling.call.CallPages.awaitSeesAndHears;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.bridge.BridgeConfig;
import org.lucarne.bridge.MediaBridge;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.demo.OpenDemoVisit;
import org.lucarne.testing.Chromium;
import org.lucarne.signaling.testing.TestServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media bridge stops mid-call and comes back on the same ports, as after a crash and a
 * restart: the focus creates the conference again and both pages renegotiate without a click.
 */
class BridgeRestartBrowserIT {
    private static final Logger LOG = LoggerFactory.getLogger(BridgeRestartBrowserIT.class);
    /** The bound: media resumes within 5 s of the bridge being back. */
    private static final long RESUME_MS = 5_000;

    @TempDir
    static Path dir;
    private static Map<String, String> bridgeEnv;
    private static MediaBridge bridge;
    private static TestServer server;
    private static Chromium chromium;

    @BeforeAll
    static void start() throws IOException {
        bridgeEnv = Map.of("LUCARNE_BRIDGE_HTTP_HOST", "127.0.0.1", "LUCARNE_BRIDGE_HTTP_PORT",
                String.valueOf(freeTcpPort()), "LUCARNE_BRIDGE_UDP_PORT", String.valueOf(freeUdpPort()));
        bridge = startBridge();
        server = TestServer.start(Map.of("LUCARNE_BRIDGE_EMBEDDED", "false",
                "LUCARNE_BRIDGE_URLS", bridge.httpUri().toString(),
                "LUCARNE_BRIDGE_HEALTH_INTERVAL_SECONDS", "1",
                "LUCARNE_BRIDGE_REQUEST_TIMEOUT_SECONDS", "2"));
        chromium = Chromium.launchTrusting(server.caCertificate());
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void theBridgeStopsAndRestartsAndMediaResumesWithinFiveSeconds() throws IOException {
        DemoVisit visit = OpenDemoVisit.seed(server.server().database(), server.server().personalData(), Clock.systemUTC());
        try (CallPages pages = new CallPages(server, chromium)) {
            Page kiosk = pages.kiosk(visit, dir.resolve("tablets"));
            Page family = pages.family(visit.familyLink(server.origin()));
            CallPages.familyCallsTabletAnswers(kiosk, family);
            awaitSeesAndHears(kiosk, 1, TIMEOUT_MS);
            awaitSeesAndHears(family, 1, TIMEOUT_MS);
            int kioskSessions = sessions(kiosk);
            int familySessions = sessions(family);

            bridge.close();
            kiosk.waitForTimeout(2_500);
            bridge = startBridge();
            long back = System.nanoTime();

            awaitNewSession(kiosk, kioskSessions);
            awaitNewSession(family, familySessions);
            long left = RESUME_MS - (System.nanoTime() - back) / 1_000_000;
            awaitSeesAndHears(kiosk, 1, Math.max(left, 1));
            left = RESUME_MS - (System.nanoTime() - back) / 1_000_000;
            awaitSeesAndHears(family, 1, Math.max(left, 1));
            LOG.info("media resumed {} ms after the bridge came back", (System.nanoTime() - back) / 1_000_000);
        }
    }

    private static MediaBridge startBridge() throws IOException {
        return MediaBridge.create(BridgeConfig.load(Optional.empty(), bridgeEnv), Clock.systemUTC()).start();
    }

    /** How many peer connections the page has made. */
    private static int sessions(Page page) {
        return ((Number) page.evaluate("() => (window.__lucarnePcs || []).length")).intValue();
    }

    private static void awaitNewSession(Page page, int before) {
        page.waitForFunction("n => (window.__lucarnePcs || []).length > n", before,
                new Page.WaitForFunctionOptions().setTimeout(RESUME_MS));
    }

    private static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }
}
