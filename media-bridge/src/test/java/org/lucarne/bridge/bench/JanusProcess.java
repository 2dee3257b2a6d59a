package org.lucarne.bridge.bench;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Janus started for the benchmark, from a configuration written into its own directory: the
 * HTTP API on 127.0.0.1 only, the EchoTest plugin only, ICE gathering on one local address with
 * no STUN, TURN or 1:1 NAT, warnings only in its log.
 *
 * <p>Janus (libnice) never gathers loopback candidates, so its ICE address is this machine's own
 * IPv4 address; datagrams to a local address still never leave the kernel (they go through the
 * loopback device like 127.0.0.1's).
 */
final class JanusProcess implements AutoCloseable {
    static final String PLUGIN = "janus.plugin.echotest";
    private static final String LIB = "/usr/lib/x86_64-linux-gnu/janus";
    private static final List<String> OTHER_PLUGINS = List.of("libjanus_audiobridge.so", "libjanus_duktape.so",
            "libjanus_lua.so", "libjanus_nosip.so", "libjanus_recordplay.so", "libjanus_sip.so",
            "libjanus_streaming.so", "libjanus_textroom.so", "libjanus_videocall.so", "libjanus_videoroom.so",
            "libjanus_voicemail.so");
    private static final List<String> OTHER_TRANSPORTS = List.of("libjanus_mqtt.so", "libjanus_nanomsg.so",
            "libjanus_pfunix.so", "libjanus_rabbitmq.so", "libjanus_websockets.so");

    private final Process process;
    private final Path log;
    private final InetAddress iceAddress;
    final JanusClient client;

    private JanusProcess(Process process, Path log, InetAddress iceAddress, JanusClient client) {
        this.process = process;
        this.log = log;
        this.iceAddress = iceAddress;
        this.client = client;
    }

    /**
     * Writes the configuration into {@code dir}, starts {@code janusBinary} and waits for its API.
     *
     * @throws IOException naming what is missing when Janus cannot run here
     */
    static JanusProcess start(Path janusBinary, Path dir, int httpPort) throws IOException {
        if (!Files.isExecutable(janusBinary)) {
            throw new IOException(janusBinary + " is not there: install Janus (apt-get install -y janus) or pass --janus PATH");
        }
        InetAddress ice = localIpv4();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("janus.jcfg"), mainConfig(dir, ice));
        Files.writeString(dir.resolve("janus.transport.http.jcfg"), "general: {\n  json = \"plain\"\n"
                + "  base_path = \"/janus\"\n  http = true\n  port = " + httpPort + "\n  ip = \"127.0.0.1\"\n"
                + "  https = false\n}\nadmin: {\n  admin_http = false\n  admin_https = false\n}\n");
        Files.writeString(dir.resolve("janus.plugin.echotest.jcfg"), "general: {\n}\n");
        Path log = dir.resolve("janus.log");
        Process p = new ProcessBuilder(janusBinary.toString(), "-C", dir.resolve("janus.jcfg").toString(),
                "-F", dir.toString(), "-o").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JanusProcess janus = new JanusProcess(p, log, ice,
                new JanusClient(URI.create("http://127.0.0.1:" + httpPort + "/janus")));
        janus.awaitApi();
        return janus;
    }

    private static String mainConfig(Path dir, InetAddress ice) {
        return "general: {\n"
                + "  configs_folder = \"" + dir + "\"\n"
                + "  plugins_folder = \"" + LIB + "/plugins\"\n"
                + "  transports_folder = \"" + LIB + "/transports\"\n"
                + "  events_folder = \"" + LIB + "/events\"\n"
                + "  loggers_folder = \"" + LIB + "/loggers\"\n"
                + "  debug_level = 3\n"
                + "  session_timeout = 0\n"
                + "}\n"
                + "media: {\n  rtp_port_range = \"40000-49999\"\n}\n"
                + "nat: {\n  nice_debug = false\n  ice_enforce_list = \"" + ice.getHostAddress() + "\"\n}\n"
                + "plugins: {\n  disable = \"" + String.join(",", OTHER_PLUGINS) + "\"\n}\n"
                + "transports: {\n  disable = \"" + String.join(",", OTHER_TRANSPORTS) + "\"\n}\n"
                + "loggers: {\n  disable = \"libjanus_jsonlog.so\"\n}\n"
                + "events: {\n  broadcast = false\n}\n";
    }

    /** The first up, non-loopback IPv4 address of this machine. */
    static InetAddress localIpv4() throws IOException {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!nic.isUp() || nic.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                        return a;
                    }
                }
            }
        } catch (SocketException e) {
            throw new IOException("cannot list network interfaces: " + e.getMessage(), e);
        }
        throw new IOException("this machine has no non-loopback IPv4 address, and Janus gathers no loopback candidates");
    }

    private void awaitApi() throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Janus exited with status " + process.exitValue() + " at start:\n" + logTail());
            }
            try {
                client.info();
                return;
            } catch (IOException e) {
                last = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while Janus started", e);
            }
        }
        close();
        throw new IOException("Janus's HTTP API did not answer within 20 s (" + last + "):\n" + logTail());
    }

    InetAddress iceAddress() {
        return iceAddress;
    }

    long pid() {
        return process.pid();
    }

    String version() {
        try {
            return "Janus " + client.info().path("version_string").asText("?");
        } catch (IOException e) {
            return "Janus (version unknown: " + e.getMessage() + ")";
        }
    }

    String logTail() {
        return ChildProcesses.logTail(log);
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        ChildProcesses.stop(process, Duration.ofSeconds(10));
    }
}
