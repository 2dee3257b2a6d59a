package org.lucarne.bridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code ./lucarne bench bridge}, validated, with defaults that finish in a few minutes. */
record BenchOptions(List<Integer> calls, Duration measure, Duration warmup, List<String> targets, Path janus,
                    String bridgeJvmOptions, Traffic traffic) {

    static final String PEER_TO_PEER = "p2p";
    static final String LUCARNE = "lucarne";
    static final String JANUS = "janus";
    static final List<String> ALL_TARGETS = List.of(PEER_TO_PEER, LUCARNE, JANUS);
    static final String DEFAULT_BRIDGE_JVM = "-Xmx1g";

    static final String USAGE = """
            usage: ./lucarne bench bridge [OPTIONS]

            Runs two-party calls of synthetic peers (ICE, DTLS, SRTP; ~1.5 Mbit/s each way per peer:
            Opus-sized audio at 50 packets/s and 30 frames/s of VP8-sized video) through each target in
            turn, on this machine, and measures forwarded packets per CPU-second of the SFU process,
            one-way latency (and what an SFU adds to the peer-to-peer baseline) and the SFU's memory.

              --calls LIST         concurrent calls, one step after the other (default 1,10,50)
              --seconds S          measured window per step (default 20)
              --warmup-seconds W   media sent before the window opens (default 5)
              --targets LIST       p2p,lucarne,janus (default: all three, in that order)
              --janus PATH         the Janus binary (default /usr/bin/janus)
              --bridge-jvm 'OPTS'  JVM options of the Lucarne bridge process (default %s, as ./lucarne bridge)
              --simulcast          each peer sends its video as three VP8 simulcast layers (about 150 kbit/s,
                                   500 kbit/s and 1.4 Mbit/s, each on its own SSRC); an SFU forwards each
                                   receiver the top one. Off by default: one layer of about 1.4 Mbit/s
            """.formatted(DEFAULT_BRIDGE_JVM);

    static BenchOptions defaults() {
        return new BenchOptions(List.of(1, 10, 50), Duration.ofSeconds(20), Duration.ofSeconds(5), ALL_TARGETS,
                Path.of("/usr/bin/janus"), DEFAULT_BRIDGE_JVM, Traffic.ONE_LAYER);
    }

    /** Parses {@code args}; a wrong option or value fails with a message that names it. */
    static BenchOptions parse(String[] args) {
        BenchOptions d = defaults();
        List<Integer> calls = d.calls;
        Duration measure = d.measure;
        Duration warmup = d.warmup;
        List<String> targets = d.targets;
        Path janus = d.janus;
        String jvm = d.bridgeJvmOptions;
        Traffic traffic = d.traffic;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--simulcast")) {
                traffic = Traffic.SIMULCAST;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unexpected " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--calls" -> calls = calls(value);
                case "--seconds" -> measure = Duration.ofSeconds(integer(name, value, 1, 600));
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(integer(name, value, 0, 120));
                case "--targets" -> targets = targets(value);
                case "--janus" -> janus = Path.of(value);
                case "--bridge-jvm" -> jvm = value.strip();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new BenchOptions(calls, measure, warmup, targets, janus, jvm, traffic);
    }

    private static List<Integer> calls(String value) {
        List<Integer> list = new ArrayList<>();
        for (String s : value.split(",")) {
            list.add(integer("--calls", s.strip(), 1, 200));
        }
        return List.copyOf(list);
    }

    private static List<String> targets(String value) {
        List<String> list = new ArrayList<>();
        for (String s : value.split(",")) {
            String t = s.strip();
            if (!ALL_TARGETS.contains(t)) {
                throw new IllegalArgumentException("--targets takes a list of p2p, lucarne and janus, not '" + value + "'");
            }
            if (!list.contains(t)) {
                list.add(t);
            }
        }
        return List.copyOf(list);
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int v = Integer.parseInt(value);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + " takes whole numbers from " + min + " to " + max + ", not '"
                + value + "'");
    }
}
