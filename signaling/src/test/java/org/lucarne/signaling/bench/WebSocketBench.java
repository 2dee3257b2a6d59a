package org.lucarne.signaling.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.lucarne.certs.DevTls;
import org.lucarne.signaling.testing.TrustedCa;

/**
 * {@code ./lucarne bench ws}: Lucarne beside a bare Jetty echo server, measured the same way.
 *
 * <p>For each server in turn: start it as a JVM of its own, wait for {@code /health}, take the
 * live heap with no connection, open N WSS connections from this JVM (hello → welcome), take the
 * heap again, run the ping rounds, take the heap a last time, close everything. Both servers use
 * the same development certificate (made by Lucarne's own {@code DevTls}) and the same JVM flags.
 * Run from the repository root, after a build ({@code ./lucarne bench ws} does both).
 */
public final class WebSocketBench {
    private static final Path SIGNALING = Path.of("signaling", "target");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int IDLE_TIMEOUT_SECONDS = 1800;

    private WebSocketBench() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("lucarne bench ws: " + e.getMessage() + "\n\n" + BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        Path target = SIGNALING.toAbsolutePath();
        if (!Files.isDirectory(target.resolve("classes")) || !Files.isDirectory(target.resolve("lib"))) {
            System.err.println("lucarne bench ws: " + target + " has no build; run it as ./lucarne bench ws "
                    + "from the repository root (it builds what is missing)");
            System.exit(2);
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("lucarne-bench-");
            List<ServerResult> results = new ArrayList<>();
            WebSocketBench.Setup setup = Setup.prepare(target, work);
            MachineSpeed.sha256MibPerSecond(); // compiled before it is measured
            for (String server : options.servers()) {
                System.err.println("benchmarking " + server + " with " + options.connections() + " connections…");
                results.add(runOne(server, options, setup));
            }
            String command = String.join(" ", Stream.concat(Stream.of("./lucarne bench ws"), Stream.of(args)).toList());
            System.out.println(BenchReport.render(options, results, command));
            boolean valid = results.stream().allMatch(ServerResult::valid);
            deleteQuietly(work);
            System.exit(valid ? 0 : 1);
        } catch (IOException | RuntimeException e) {
            System.err.println("lucarne bench ws: " + e.getMessage());
            if (work != null) {
                System.err.println("(server logs kept in " + work + ")");
            }
            System.exit(1);
        }
    }

    /** What both runs share: paths, the TLS material and a client trust store for it. */
    private record Setup(Path target, Path work, Path dataDir, Path keystore, Path passwordFile, KeyStore trust,
                         SSLContext tls, Path java, MemoryProbe probe) {
        static Setup prepare(Path target, Path work) throws IOException {
            Path dataDir = Files.createDirectories(work.resolve("lucarne-data"));
            Path tlsDir = dataDir.resolve("tls");
            // The same code Lucarne runs at start: it will find this CA and certificate and keep them.
            var material = DevTls.ensure(tlsDir, "localhost", Clock.systemUTC());
            KeyStore trust = TrustedCa.trustStore(material.caCertificatePem());
            Path javaHome = Path.of(System.getProperty("java.home"));
            return new Setup(target, work, dataDir, material.serverKeystore(), tlsDir.resolve("password"), trust,
                    TrustedCa.sslContext(trust), javaHome.resolve("bin").resolve("java"), new MemoryProbe(javaHome));
        }
    }

    private static ServerResult runOne(String server, BenchOptions o, Setup s) {
        double speedBefore = MachineSpeed.sha256MibPerSecond();
        int port = ServerProcess.freePort();
        try (ServerProcess process = start(server, port, o, s)) {
            process.awaitHealthy(s.tls(), START_TIMEOUT);
            warmUp(server, process, o, s);
            Map<String, Long> histogramBefore = o.histogram() ? s.probe().classHistogram(process.pid()) : Map.of();
            MemoryProbe.Sample baseline = s.probe().sample(process.pid());
            try (LoadClient client = new LoadClient(s.trust(), o.connectTimeout())) {
                CpuMeter.Snapshot c0 = CpuMeter.snapshot(process.pid());
                LoadClient.ConnectResult connect = client.connect(process.webSocketUri(), process.origin(),
                        o.connections(), o.concurrency(), o.connectTimeout(), server.equals(BenchOptions.LUCARNE));
                CpuMeter.Usage connectCpu = CpuMeter.between(c0, CpuMeter.snapshot(process.pid()));
                System.err.printf("  %d connected in %.1f s, %d failed%n", connect.connected(),
                        connect.elapsedNanos() / 1e9, connect.failed());
                MemoryProbe.Sample idle = sampleIfAlive(process, s.probe(), baseline);
                long gcLogAt = process.gcLogLength();
                GcPauses clientGc0 = GcPauses.ofThisJvm();
                CpuMeter.Snapshot r0 = CpuMeter.snapshot(process.pid());
                LoadClient.RoundsResult rounds = client.rounds(o.warmupRounds(), o.rounds(), o.spread(), o.timeout());
                CpuMeter.Usage roundsCpu = CpuMeter.between(r0, CpuMeter.snapshot(process.pid()));
                GcPauses clientGc = GcPauses.ofThisJvm().since(clientGc0);
                GcPauses serverGc = process.gcPausesSince(gcLogAt);
                MemoryProbe.Sample after = sampleIfAlive(process, s.probe(), idle);
                Map<String, Long> growth = new HashMap<>();
                if (o.histogram() && process.isAlive()) {
                    s.probe().classHistogram(process.pid()).forEach((k, v) ->
                            growth.put(k, v - histogramBefore.getOrDefault(k, 0L)));
                }
                int open = client.openConnections();
                double speedAfter = MachineSpeed.sha256MibPerSecond();
                return new ServerResult(server, o.connections(), connect, rounds, baseline, idle, after, open,
                        process.isAlive(), process.logMentions("OutOfMemoryError"), connectCpu, roundsCpu, serverGc,
                        clientGc, speedBefore, speedAfter, growth);
            }
        }
    }

    /**
     * Opens, pings once and closes {@code --warmup-connections} connections, so that the measured
     * run sees compiled code in the server and in this client rather than the interpreter.
     */
    private static void warmUp(String server, ServerProcess process, BenchOptions o, Setup s) {
        if (o.warmupConnections() == 0) {
            return;
        }
        try (LoadClient client = new LoadClient(s.trust(), o.connectTimeout())) {
            LoadClient.ConnectResult c = client.connect(process.webSocketUri(), process.origin(),
                    o.warmupConnections(), o.concurrency(), o.connectTimeout(), server.equals(BenchOptions.LUCARNE));
            client.rounds(0, 1, o.spread(), o.timeout());
            System.err.printf("  warm-up: %d connections in %.1f s%n", c.connected(), c.elapsedNanos() / 1e9);
        }
    }

    private static MemoryProbe.Sample sampleIfAlive(ServerProcess p, MemoryProbe probe, MemoryProbe.Sample fallback) {
        if (!p.isAlive()) {
            System.err.println(p.failure("died during the benchmark").getMessage());
            return fallback;
        }
        return probe.sample(p.pid());
    }

    private static ServerProcess start(String server, int port, BenchOptions o, Setup s) {
        Path classes = s.target().resolve("classes");
        Path lib = s.target().resolve("lib").resolve("*");
        if (server.equals(BenchOptions.LUCARNE)) {
            Map<String, String> env = Map.of(
                    "LUCARNE_DATA_DIR", s.dataDir().toString(),
                    "LUCARNE_HTTPS_PORT", Integer.toString(port),
                    "LUCARNE_BIND_ADDRESS", "127.0.0.1",
                    // Every benchmark connection comes from 127.0.0.1: lift the per-address limits only.
                    "LUCARNE_WS_UPGRADES_PER_MINUTE", "1000000",
                    "LUCARNE_WS_ADDRESS_MESSAGES_PER_SECOND", "1000000",
                    "LUCARNE_WS_ADDRESS_MESSAGES_BURST", "1000000",
                    "LUCARNE_WS_IDLE_TIMEOUT_SECONDS", Integer.toString(IDLE_TIMEOUT_SECONDS));
            return ServerProcess.start(server, s.java(), o.serverJvmOptions(), List.of(classes, lib),
                    "org.lucarne.signaling.Main", List.of("start"), env, port, s.work());
        }
        return ServerProcess.start(server, s.java(), o.serverJvmOptions(),
                List.of(s.target().resolve("test-classes"), classes, lib), BareJettyEchoServer.class.getName(),
                List.of("--port", Integer.toString(port), "--keystore", s.keystore().toString(),
                        "--password-file", s.passwordFile().toString(),
                        "--idle-timeout-seconds", Integer.toString(IDLE_TIMEOUT_SECONDS)),
                Map.of(), port, s.work());
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }
}
