package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Simulcast calls of synthetic peers: each sends three VP8 layers on three SSRCs, and each receiver
 * must get exactly one of them, the top one, on one SSRC.
 */
class SimulcastCallIT {
    private static final Path JANUS = Path.of("/usr/bin/janus");
    private static final long WINDOW_MILLIS = 2000;

    @Test
    void throughLucarneEachReceiverGetsOnlyTheOtherPeersTopLayerRewrittenOntoItsFirstLayersSsrc(@TempDir Path dir)
            throws Exception {
        try (Peers peers = new Peers(Traffic.SIMULCAST);
             LucarneTarget lucarne = LucarneTarget.start("-Xmx256m", dir, BridgeBench.freeTcpPort());
             CallTarget.Call call = lucarne.open(0, peers)) {
            PeerLeg a = call.legs().get(0);
            PeerLeg b = call.legs().get(1);
            Map<PeerLeg, PeerLeg> senderOf = Map.of(a, b, b, a);
            Reception.Window w = measure(peers, call, senderOf);

            for (PeerLeg sender : call.legs()) {
                Map<Long, Long> video = videoBySsrc(w, sender);
                // The bridge sends every layer on the SIM group's first SSRC (docs/colibri2.md, "Simulcast").
                assertEquals(List.of(sender.video.get(0).ssrc), List.copyOf(video.keySet()), "SSRCs of "
                        + sender.name + "'s video at the receiver: " + w.flows());
            }
        }
    }

    @Test
    void throughJanusEachPeerGetsBackOnlyItsTopLayerOnOneSsrc(@TempDir Path dir) throws Exception {
        assertTrue(Files.isExecutable(JANUS), "this test needs Janus, the benchmark's peer SFU: "
                + "apt-get install -y janus (./lucarne test installs it)");
        try (Peers peers = new Peers(Traffic.SIMULCAST);
             JanusTarget janus = new JanusTarget(JanusProcess.start(JANUS, dir, BridgeBench.freeTcpPort()));
             CallTarget.Call call = janus.open(0, peers)) {
            Map<PeerLeg, PeerLeg> senderOf = call.legs().stream().collect(Collectors.toMap(l -> l, l -> l));
            Reception.Window w = measure(peers, call, senderOf);

            for (PeerLeg sender : call.legs()) {
                assertEquals(1, videoBySsrc(w, sender).size(), sender.name + "'s video came back on more than one SSRC: "
                        + w.flows());
            }
        }
    }

    @Test
    void peerToPeerSendsEveryLayerAndCountsOnlyTheTopOneAsForwarded() throws Exception {
        try (Peers peers = new Peers(Traffic.SIMULCAST);
             PeerToPeerTarget p2p = new PeerToPeerTarget(InetAddress.getLoopbackAddress());
             CallTarget.Call call = p2p.open(0, peers)) {
            peers.startMedia(call.legs());
            BridgeBench.awaitMedia(peers);
            peers.pacer.countsAndReset();
            peers.reception.begin();
            Thread.sleep(WINDOW_MILLIS);
            Reception.Window w = peers.reception.end();
            long[] sent = peers.pacer.countsAndReset();

            // Two peers × 2 s: 30 + 60 packets/s of the lower layers, 50 + 150 of audio and the top layer.
            assertTrue(w.lowerLayers() > 0.8 * 2 * 2 * 90, "lower layers received: " + w.lowerLayers());
            assertTrue(w.packets() > 0.8 * 2 * 2 * 200 && w.packets() <= sent[3] + 20,
                    "received " + w.packets() + " of " + sent[3] + " forwarded, dropped " + w.dropped());
            assertEquals(w.packets(), w.latencies().length);
            assertTrue(sent[0] > 1.3 * sent[3], "sent " + sent[0] + " in all, " + sent[3] + " of forwarded streams");
        }
    }

    /**
     * Starts the media, waits (15 s at most) until every receiver gets only the top layer (a receiver
     * may start on a lower one and move up at the top layer's keyframe), then measures one window and
     * checks what every SFU forwarding one layer per receiver must show.
     *
     * @param senderOf for each leg, the leg whose video it receives
     */
    private static Reception.Window measure(Peers peers, CallTarget.Call call, Map<PeerLeg, PeerLeg> senderOf)
            throws Exception {
        peers.startMedia(call.legs());
        BridgeBench.awaitMedia(peers);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        Reception.Window settling;
        do {
            peers.reception.begin();
            Thread.sleep(500);
            settling = peers.reception.end();
        } while (!onlyTopLayers(settling, senderOf) && System.nanoTime() < deadline);
        assertTrue(onlyTopLayers(settling, senderOf), "receivers still not on the top layer after 15 s: "
                + settling.flows());

        peers.pacer.countsAndReset();
        peers.reception.begin();
        Thread.sleep(WINDOW_MILLIS);
        Reception.Window w = peers.reception.end();
        long[] sent = peers.pacer.countsAndReset();

        assertEquals(0, w.lowerLayers(), "lower layers reached a receiver: " + w.flows());
        for (PeerLeg receiver : call.legs()) {
            PeerLeg sender = senderOf.get(receiver);
            Map<Integer, Long> video = videoByStream(w, sender);
            assertEquals(List.of(sender.topVideo().streamId), List.copyOf(video.keySet()),
                    receiver.name + " got other layers of " + sender.name + " than the top one: " + w.flows());
            // 150 packets/s of the top layer, less a frame or two at the window's edges.
            long top = video.get(sender.topVideo().streamId);
            assertTrue(top > 0.9 * 150 * WINDOW_MILLIS / 1000, receiver.name + " got " + top + " packets of the top layer");
        }
        // The SFU read audio and three layers (290 packets/s a peer) and forwarded audio and one (200).
        assertTrue(sent[0] > 1.3 * sent[3], "sent " + sent[0] + " in all, " + sent[3] + " of forwarded streams");
        assertTrue(w.packets() > 0.95 * sent[3] && w.packets() <= sent[3] + 20,
                "received " + w.packets() + " of " + sent[3] + ", dropped " + w.dropped());
        assertEquals(w.packets(), w.latencies().length);
        return w;
    }

    private static boolean onlyTopLayers(Reception.Window w, Map<PeerLeg, PeerLeg> senderOf) {
        return w.lowerLayers() == 0 && senderOf.values().stream()
                .allMatch(sender -> videoByStream(w, sender).getOrDefault(sender.topVideo().streamId, 0L) > 0);
    }

    /** Packets of {@code sender}'s video layers that arrived, by the layer's stream. */
    private static Map<Integer, Long> videoByStream(Reception.Window w, PeerLeg sender) {
        return videoFlows(w, sender, Reception.Flow::stream);
    }

    /** Packets of {@code sender}'s video layers that arrived, by the SSRC they arrived on. */
    private static Map<Long, Long> videoBySsrc(Reception.Window w, PeerLeg sender) {
        return videoFlows(w, sender, Reception.Flow::ssrc);
    }

    private static <K> Map<K, Long> videoFlows(Reception.Window w, PeerLeg sender, Function<Reception.Flow, K> key) {
        List<Integer> layers = sender.video.stream().map(v -> v.streamId).toList();
        return w.flows().entrySet().stream().filter(e -> layers.contains(e.getKey().stream()))
                .collect(Collectors.toMap(e -> key.apply(e.getKey()), Map.Entry::getValue, Long::sum));
    }
}
