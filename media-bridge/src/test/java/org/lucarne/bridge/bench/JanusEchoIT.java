package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JanusEchoIT {
    private static final Path JANUS = Path.of("/usr/bin/janus");

    @Test
    void syntheticPeersGetTheirMediaBackThroughJanusEchoTest(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(JANUS), "this test needs Janus, the benchmark's peer SFU: "
                + "apt-get install -y janus (./lucarne test installs it)");
        try (Peers peers = new Peers();
             JanusTarget janus = new JanusTarget(JanusProcess.start(JANUS, dir, BridgeBench.freeTcpPort()));
             CallTarget.Call call = janus.open(0, peers)) {
            peers.startMedia(call.legs());
            BridgeBench.awaitMedia(peers);
            peers.reception.begin();
            Thread.sleep(3000); // long enough for Janus's first RTCP reports, sent about once a second
            Reception.Window w = peers.reception.end();

            assertTrue(janus.version().startsWith("Janus 1."), janus.version());
            assertTrue(w.packets() > 900, "received " + w.packets() + " packets back, dropped " + w.dropped());
            assertEquals(w.packets(), w.latencies().length);
            assertTrue(w.rtcp() > 0, "Janus sends receiver reports and REMB");
        }
    }
}
