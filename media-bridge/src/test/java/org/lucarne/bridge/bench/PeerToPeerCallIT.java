package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.Percentiles;

class PeerToPeerCallIT {

    @Test
    void twoSyntheticPeersConnectWithIceDtlsSrtpAndMeasureEachOthersMedia() throws Exception {
        try (Peers peers = new Peers(); PeerToPeerTarget target = new PeerToPeerTarget(InetAddress.getLoopbackAddress());
             CallTarget.Call call = target.open(0, peers)) {
            peers.startMedia(call.legs());
            BridgeBench.awaitMedia(peers);
            peers.reception.begin();
            peers.pacer.countsAndReset();
            Thread.sleep(1000);
            Reception.Window w = peers.reception.end();
            long[] counts = peers.pacer.countsAndReset();
            long sent = counts[0];

            // Two peers × (50 audio + 150 video packets a second) for one second, give or take a frame.
            assertTrue(w.packets() > 350 && w.packets() <= sent + 10, "received " + w.packets() + " of " + sent
                    + " (late " + counts[1] + ", failed " + counts[2] + ", dropped " + w.dropped() + ")");
            assertEquals(w.packets(), w.latencies().length);
            long p50 = Percentiles.of(w.latencies()).at(50);
            assertTrue(p50 > 0 && p50 < 50_000_000L, "one-way p50 of " + p50 + " ns over loopback");
            assertTrue(w.dropped().isEmpty(), "dropped: " + w.dropped());
        }
    }
}
