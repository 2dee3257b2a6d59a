package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LucarneBridgeCallIT {

    @Test
    void twoSyntheticPeersReachEachOtherThroughABridgeProcessDrivenByColibri2(@TempDir Path dir) throws Exception {
        try (Peers peers = new Peers();
             LucarneTarget lucarne = LucarneTarget.start("-Xmx256m", dir, BridgeBench.freeTcpPort());
             CallTarget.Call call = lucarne.open(0, peers)) {
            peers.startMedia(call.legs());
            BridgeBench.awaitMedia(peers);
            peers.pacer.countsAndReset();
            peers.reception.begin();
            Thread.sleep(1000);
            Reception.Window w = peers.reception.end();
            long sent = peers.pacer.countsAndReset()[0];

            assertTrue(w.packets() > 300, "received " + w.packets() + " of " + sent + ", dropped " + w.dropped());
            assertEquals(w.packets(), w.latencies().length);
            assertTrue(lucarne.pid() > 0);
        }
    }
}
