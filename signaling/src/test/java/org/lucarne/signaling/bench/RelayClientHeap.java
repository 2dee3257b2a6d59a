package org.lucarne.signaling.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.lucarne.certs.DevTls;
import org.lucarne.signaling.testing.TrustedCa;

/**
 * The heap of the relay benchmark's client alone, to subtract from the both-ends figure: the same devices (identity
 * keys, {@code java.net.http} socket, frame queue) connected to a bare Jetty echo server in a JVM of its own
 * ({@link BareJettyEchoServer}), so that only the client's objects are in this JVM. The echo server's own heap
 * per connection, measured from outside ({@link MemoryProbe}), is a floor for any Jetty WebSocket server.
 */
final class RelayClientHeap {
    /**
     * Bytes a device: this JVM's (the client's), and the bare echo server's (its own JVM); {@code connected}, the
     * devices that were open and had been answered when the heaps were read.
     */
    record Result(int connected, double clientBytesPerDevice, double bareServerBytesPerConnection) { }

    private RelayClientHeap() {
    }

    static Result measure(int devices, Path work) throws Exception {
        Path tlsDir = Files.createDirectories(work.resolve("echo-tls"));
        var material = DevTls.ensure(tlsDir, "localhost", Clock.systemUTC());
        SSLContext tls = TrustedCa.sslContext(TrustedCa.trustStore(material.caCertificatePem()));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Path> classpath = Arrays.stream(System.getProperty("java.class.path").split(":"))
                .map(p -> Path.of(p).toAbsolutePath()).toList(); // the server runs in the work directory
        int port = ServerProcess.freePort();
        MemoryProbe probe = new MemoryProbe(Path.of(System.getProperty("java.home")));
        try (ServerProcess echo = ServerProcess.start("bare-jetty-echo", java, "-Xms512m -Xmx1g -XX:+UseG1GC",
                classpath, BareJettyEchoServer.class.getName(), List.of("--port", Integer.toString(port),
                        "--keystore", material.serverKeystore().toString(),
                        "--password-file", tlsDir.resolve("password").toString(), "--idle-timeout-seconds", "1800"),
                Map.of(), port, work)) {
            echo.awaitHealthy(tls, Duration.ofSeconds(60));
            HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
            MemoryProbe.Sample serverBefore = probe.sample(echo.pid());
            long before = heapAfterGc();
            List<RelayDevice> all = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                RelayDevice d = new RelayDevice();
                d.open(http, echo.webSocketUri().toString(), echo.origin());
                d.send(RelayDevice.hello());
                d.next("pong"); // the echo server answers every frame with a pong
                all.add(d);
            }
            long after = heapAfterGc();
            MemoryProbe.Sample serverAfter = probe.sample(echo.pid());
            Result r = new Result(all.size(), (after - before) / (double) all.size(),
                    (serverAfter.heapUsedBytes() - serverBefore.heapUsedBytes()) / (double) all.size());
            all.forEach(RelayDevice::abort);
            return r;
        }
    }

    /** This JVM's live heap after a full GC (three, a moment apart, for what the first one queues to finalize). */
    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
