package org.lucarne.signaling.ws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.testing.WsTestClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Limits that need a server of their own: idle timeout, upgrade rate, shutdown. */
class SocketLifecycleIT {
    private static final String HELLO = "{\"v\":1,\"type\":\"hello\",\"app\":\"kiosk\",\"appVersion\":\"it\"}";

    @Test
    void idleConnectionIsClosedAfterTheConfiguredTime() {
        try (TestServer server = TestServer.start(Map.of(
                "LUCARNE_WS_IDLE_TIMEOUT_SECONDS", "5", "LUCARNE_WS_HEARTBEAT_SECONDS", "1"))) {
            WsTestClient c = WsTestClient.connect(server, server.origin());
            c.send(HELLO);
            c.next();
            WsTestClient.Close close = c.awaitClose(15);
            assertEquals(1001, close.code(), close.reason());
        }
    }

    @Test
    void tooManyUpgradesFromOneAddressGet429AndOthersAreNotAffected() {
        try (TestServer server = TestServer.start(Map.of("LUCARNE_WS_UPGRADES_PER_MINUTE", "3"))) {
            List<WsTestClient> open = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                open.add(WsTestClient.connect(server, server.origin()));
            }
            assertEquals(429, WsTestClient.refusedStatus(server, server.origin()));
            assertTrue(server.server().stats().upgradesRefusedForRate() >= 1);
            // The sockets already open still work.
            open.get(0).send(HELLO);
            assertTrue(open.get(0).next().contains("\"welcome\""));
            open.forEach(WsTestClient::abort);
        }
    }

    @Test
    void shutdownClosesEveryConnectionWith1001() {
        TestServer server = TestServer.start();
        WsTestClient a = WsTestClient.connect(server, server.origin());
        WsTestClient b = WsTestClient.connect(server, server.origin());
        a.send(HELLO);
        a.next();
        server.close();
        assertEquals(1001, a.awaitClose(10).code());
        assertEquals(1001, b.awaitClose(10).code());
    }
}
