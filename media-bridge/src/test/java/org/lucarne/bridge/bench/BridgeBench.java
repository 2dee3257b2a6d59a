package org.lucarne.bridge.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lucarne.testing.Percentiles;

/**
 * {@code ./lucarne bench bridge}: two-party calls of synthetic peers through Lucarne's bridge and
 * through Janus (and straight from peer to peer, the baseline), at each number of calls in turn, in
 * one run on this machine. Prints Markdown tables on stdout and progress on stderr; exits 0 only
 * when every target ran every step.
 */
public final class BridgeBench {
    private BridgeBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lucarne bench bridge: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path work = Files.createTempDirectory("lucarne-bench-bridge");
        List<StepResult> results = new ArrayList<>();
        List<String> versions = new ArrayList<>();
        boolean complete = true;
        warmUpPeers(options.traffic());
        for (String name : options.targets()) {
            try (Peers peers = new Peers(options.traffic()); CallTarget target = start(name, options, work.resolve(name))) {
                versions.add(target.name() + (target.version().isEmpty() ? "" : ": " + target.version()));
                if (!name.equals(BenchOptions.PEER_TO_PEER)) {
                    warmUp(target, peers);
                }
                for (int calls : options.calls()) {
                    results.add(step(target, peers, calls, options));
                }
            } catch (Exception e) {
                complete = false;
                System.err.println("lucarne bench bridge: " + name + " failed: " + e.getMessage()
                        + "\n(logs kept in " + work + ")");
            }
        }
        System.out.println("Targets: " + String.join("; ", versions) + "\n");
        if (options.traffic().simulcast()) {
            System.out.println("Simulcast: each peer sends " + options.traffic().packetsPerSecond()
                    + " media packets/s (audio and three VP8 layers); an SFU forwards each receiver "
                    + options.traffic().forwardedPerSecond() + " (audio and the top layer).\n");
            System.out.println(BenchReport.simulcastTable(results));
        } else {
            System.out.println(BenchReport.table(results));
        }
        System.out.println(BenchReport.comparison(results, LucarneTarget.NAME, JanusTarget.NAME, PeerToPeerTarget.NAME));
        if (!complete) {
            System.exit(1);
        }
    }

    private static CallTarget start(String name, BenchOptions options, Path dir) throws IOException {
        Files.createDirectories(dir);
        switch (name) {
            case BenchOptions.PEER_TO_PEER:
                return new PeerToPeerTarget(InetAddress.getLoopbackAddress());
            case BenchOptions.LUCARNE:
                return LucarneTarget.start(options.bridgeJvmOptions(), dir, freeTcpPort());
            case BenchOptions.JANUS:
                return new JanusTarget(JanusProcess.start(options.janus(), dir, freeTcpPort()));
            default:
                throw new IllegalArgumentException("unknown target " + name);
        }
    }

    /** Sets up {@code calls} calls, sends media through the warm-up, measures one window, hangs up. */
    static StepResult step(CallTarget target, Peers peers, int calls, BenchOptions options) throws Exception {
        System.err.printf("%s, %d call(s): connecting…%n", target.name(), calls);
        List<CallTarget.Call> open = new ArrayList<>();
        try {
            for (int i = 0; i < calls; i++) {
                CallTarget.Call call = target.open(i, peers);
                open.add(call);
                peers.startMedia(call.legs());
            }
            awaitMedia(peers);
            System.err.printf("%s, %d call(s): SRTP profile %s%n", target.name(), calls,
                    open.get(0).legs().get(0).ready().get().profile());
            System.err.printf("%s, %d call(s): warming up for %d s, then measuring for %d s…%n", target.name(), calls,
                    options.warmup().toSeconds(), options.measure().toSeconds());
            Thread.sleep(options.warmup().toMillis());
            peers.pacer.countsAndReset();
            peers.reception.begin();
            long udpDropsBefore = ProcessProbe.udpReceiveBufferErrors();
            ProcessProbe.Reading a = ProcessProbe.read(target.pid());
            Thread.sleep(options.measure().toMillis());
            ProcessProbe.Reading b = ProcessProbe.read(target.pid());
            long udpDrops = ProcessProbe.udpReceiveBufferErrors() - udpDropsBefore;
            long[] counts = peers.pacer.countsAndReset();
            Reception.Window w = peers.reception.end();
            long rss = target.pid() < 0 ? -1 : ProcessProbe.rssKib(target.pid());
            double seconds = (b.nanos() - a.nanos()) / 1e9;
            double sfu = (b.processTicks() - a.processTicks()) / ProcessProbe.TICKS_PER_SECOND;
            double bench = (b.selfTicks() - a.selfTicks()) / ProcessProbe.TICKS_PER_SECOND;
            double machine = (b.machineBusyTicks() - a.machineBusyTicks()) / ProcessProbe.TICKS_PER_SECOND;
            double steal = (b.stealTicks() - a.stealTicks()) / ProcessProbe.TICKS_PER_SECOND;
            StepResult r = new StepResult(target.name(), calls, seconds, w.packets(), counts[3], sfu, bench,
                    Math.max(0, machine - sfu - bench), steal,
                    w.latencies().length == 0 ? null : Percentiles.of(w.latencies()), rss, counts[1], udpDrops,
                    Map.copyOf(w.dropped()), counts[0], w.lowerLayers());
            System.err.printf("%s, %d call(s): %,d of %,d packets delivered (%,d sent in all, %,d of lower layers "
                    + "received), dropped %s %s%n", target.name(), calls, r.received(), r.sent(), r.sentAll(),
                    r.lowerLayers(), r.dropped(), target.counters());
            return r;
        } finally {
            for (CallTarget.Call call : open) {
                call.close();
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Ten calls through a freshly started SFU for fifteen seconds, not measured, so that every SFU is
     * measured as it runs in service: a JVM compiles its packet path only after some ten thousand
     * packets, which one call's first step would otherwise spend interpreted. Janus, compiled ahead,
     * gets the same treatment.
     */
    private static void warmUp(CallTarget target, Peers peers) throws Exception {
        System.err.printf("%s: warming up (10 calls, 15 s, not measured)…%n", target.name());
        List<CallTarget.Call> open = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                open.add(target.open(i, peers));
                peers.startMedia(open.get(i).legs());
            }
            awaitMedia(peers);
            Thread.sleep(15_000);
        } finally {
            for (CallTarget.Call call : open) {
                call.close();
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Ten peer-to-peer calls for ten seconds, not measured, so that the synthetic peers run compiled
     * code and loaded crypto before the first measured step, whichever target comes first.
     */
    private static void warmUpPeers(Traffic traffic) throws Exception {
        System.err.println("Warming up the synthetic peers (10 peer-to-peer calls, 10 s)…");
        try (Peers peers = new Peers(traffic); PeerToPeerTarget p2p = new PeerToPeerTarget(InetAddress.getLoopbackAddress())) {
            List<CallTarget.Call> calls = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    calls.add(p2p.open(i, peers));
                    peers.startMedia(calls.get(i).legs());
                }
                Thread.sleep(10_000);
            } finally {
                calls.forEach(CallTarget.Call::close);
            }
        }
    }

    /** Waits until media flows (the first SRTP context of a JVM loads its crypto provider: seconds). */
    static void awaitMedia(Peers peers) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        peers.reception.begin();
        while (peers.reception.end().packets() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no media arrived within 30 s of the calls connecting");
            }
            peers.reception.begin();
            Thread.sleep(100);
        }
    }

    /** A TCP port free on 127.0.0.1 right now. */
    static int freeTcpPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
