package org.lucarne.bridge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BridgeMainIT {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private MediaBridge start(Map<String, String> env, String... args) {
        return BridgeMain.start(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void printsWhereItListens() {
        MediaBridge bridge = start(Map.of("LUCARNE_BRIDGE_HTTP_PORT", "0", "LUCARNE_BRIDGE_UDP_PORT", "0"));
        assertNotNull(bridge, err.toString(StandardCharsets.UTF_8));
        try {
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains(bridge.httpUri() + "colibri/v2/conferences"), printed);
            assertTrue(printed.contains("127.0.0.1:" + bridge.udpAddress().getPort()), printed);
        } finally {
            bridge.close();
        }
    }

    @Test
    void badSettingStopsTheStartWithTheKey() {
        assertNull(start(Map.of("LUCARNE_BRIDGE_UDP_PORT", "ten")));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("lucarne bridge: cannot start: "
                + "LUCARNE_BRIDGE_UDP_PORT (bridge.udp.port)"), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void unknownArgumentsPrintTheUsage() {
        assertNull(start(Map.of(), "--verbose"));
        assertEquals("usage: lucarne bridge [--config FILE]", err.toString(StandardCharsets.UTF_8).strip());
    }
}
