package org.lucarne.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real coturn ({@code turnserver}, Debian's {@code coturn}, which {@code ./lucarne test} installs) for a test:
 * a child process with a generated configuration in a temporary directory, TURN REST API credentials
 * ({@code use-auth-secret}), listening on the given addresses on free ports, plain (UDP and TCP) on one, TLS on
 * another when a certificate is given. No CLI, no daemon, no RFC 5780 second ports; its log (verbose) goes to
 * {@link #log()}, which a failing test shows with {@link #logText()}. {@link #close()} stops it and removes the
 * directory.
 *
 * <pre>{@code
 * try (Coturn turn = Coturn.start(Coturn.Options.listeningOn("127.0.0.1").secret(secret)
 *         .tls(chainPem, keyPem).allowLoopbackPeers())) {
 *     turn.url("turn", "udp");    // turn:127.0.0.1:PORT?transport=udp
 *     turn.url("turns", "tcp");   // turns:127.0.0.1:TLSPORT?transport=tcp
 * }
 * }</pre>
 */
public final class Coturn implements AutoCloseable {
    private static final Duration READY_WITHIN = Duration.ofSeconds(15);

    private final Process process;
    private final Path dir;
    private final Options options;
    private final int port;
    private final int tlsPort;

    private Coturn(Process process, Path dir, Options options, int port, int tlsPort) {
        this.process = process;
        this.dir = dir;
        this.options = options;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** What the coturn of a test is: where it listens, its secret, its TLS, whether it relays to loopback. */
    public static final class Options {
        private final List<String> addresses;
        private String relayAddress;
        private String secret;
        private String realm = "lucarne.test";
        private Path certificateChain;
        private Path privateKey;
        private boolean loopbackPeers;

        private Options(List<String> addresses) {
            this.addresses = List.copyOf(addresses);
            this.relayAddress = addresses.get(0);
        }

        /** Listens on these IPv4 addresses (the first also relays, unless {@link #relayFrom} says otherwise). */
        public static Options listeningOn(String... addresses) {
            if (addresses.length == 0) {
                throw new IllegalArgumentException("coturn listens on at least one address");
            }
            return new Options(List.of(addresses));
        }

        /** The address relayed media leaves from (coturn's {@code relay-ip}). */
        public Options relayFrom(String address) {
            this.relayAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /** coturn's {@code static-auth-secret}: the {@code turn.secret} of the server under test. */
        public Options secret(String secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        public Options realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            return this;
        }

        /** TLS on a port of its own ({@code turns:}): the certificate chain and its key, both PEM. */
        public Options tls(Path certificateChainPem, Path privateKeyPem) {
            this.certificateChain = Objects.requireNonNull(certificateChainPem, "certificateChainPem");
            this.privateKey = Objects.requireNonNull(privateKeyPem, "privateKeyPem");
            return this;
        }

        /**
         * Relays to peers on 127.0.0.0/8 ({@code allow-loopback-peers}), where the tests' bridge listens.
         * Never in production: it lets anyone with a credential reach the TURN host's own loopback services.
         */
        public Options allowLoopbackPeers() {
            this.loopbackPeers = true;
            return this;
        }
    }

    /** Starts coturn and waits until its TCP (and TLS) listeners accept, at most 15 s; the log is in the error. */
    public static Coturn start(Options options) {
        Objects.requireNonNull(options.secret, "coturn needs a secret: Options.secret(...)");
        Path binary = executable();
        Path dir;
        try {
            dir = Files.createTempDirectory("lucarne-coturn-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create coturn's directory: " + e.getMessage(), e);
        }
        int port = freePort(options.addresses, true, -1);
        int tlsPort = options.certificateChain == null ? -1 : freePort(options.addresses, false, port);
        Path config = dir.resolve("turnserver.conf");
        Path log = dir.resolve("turnserver.log");
        Process process;
        try {
            Files.writeString(config, configuration(options, dir, port, tlsPort), StandardCharsets.UTF_8);
            process = new ProcessBuilder(binary.toString(), "-c", config.toString())
                    .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot start " + binary + ": " + e.getMessage(), e);
        }
        Coturn turn = new Coturn(process, dir, options, port, tlsPort);
        try {
            turn.awaitListening();
        } catch (RuntimeException e) {
            String text = turn.logText();
            turn.close();
            throw new IllegalStateException(e.getMessage() + "\ncoturn's log:\n" + text, e);
        }
        return turn;
    }

    private static String configuration(Options o, Path dir, int port, int tlsPort) {
        List<String> lines = new ArrayList<>();
        o.addresses.forEach(a -> lines.add("listening-ip=" + a));
        lines.add("relay-ip=" + o.relayAddress);
        lines.add("listening-port=" + port);
        lines.add("use-auth-secret");
        lines.add("static-auth-secret=" + o.secret);
        lines.add("realm=" + o.realm);
        lines.add("fingerprint");
        lines.add("no-cli");
        lines.add("no-rfc5780");
        lines.add("no-dtls");
        lines.add("no-multicast-peers");
        lines.add("no-software-attribute");
        lines.add("verbose");
        lines.add("log-file=stdout");
        lines.add("pidfile=" + dir.resolve("turnserver.pid"));
        lines.add("userdb=" + dir.resolve("turndb")); // not the system's /var/lib/turn/turndb
        if (tlsPort > 0) {
            lines.add("tls-listening-port=" + tlsPort);
            lines.add("cert=" + o.certificateChain);
            lines.add("pkey=" + o.privateKey);
            lines.add("no-tlsv1");
            lines.add("no-tlsv1_1");
        } else {
            lines.add("no-tls");
        }
        if (o.loopbackPeers) {
            lines.add("allow-loopback-peers");
        }
        return String.join("\n", lines) + "\n";
    }

    /** The plain port: TURN over UDP and over TCP. */
    public int port() {
        return port;
    }

    /** The TLS port ({@code turns:}); none without {@link Options#tls}. */
    public int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException("this coturn has no TLS: start it with Options.tls(...)");
        }
        return tlsPort;
    }

    /** A URL browsers take, on the first address: {@code turn} with udp or tcp, {@code turns} with tcp. */
    public String url(String scheme, String transport) {
        return url(scheme, options.addresses.get(0), transport);
    }

    /** The same with {@code host} (a name the TLS certificate carries, or another listening address). */
    public String url(String scheme, String host, String transport) {
        int p = switch (scheme) {
            case "turn" -> port;
            case "turns" -> tlsPort();
            default -> throw new IllegalArgumentException("turn or turns, not " + scheme);
        };
        return scheme + ":" + host + ":" + p + "?transport=" + transport;
    }

    public String realm() {
        return options.realm;
    }

    public Path log() {
        return dir.resolve("turnserver.log");
    }

    /** The log so far, for a failing test's message (the last 200 lines). */
    public String logText() {
        try {
            List<String> lines = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Debian's {@code turnserver}, or what {@code LUCARNE_TURNSERVER} names. */
    public static Path executable() {
        String given = System.getenv("LUCARNE_TURNSERVER");
        for (String candidate : given != null ? List.of(given) : List.of("/usr/bin/turnserver", "/usr/sbin/turnserver")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("coturn's turnserver is not installed: ./lucarne test installs it "
                + "(apt-get install coturn), or set LUCARNE_TURNSERVER to its path");
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        List<Integer> ports = tlsPort > 0 ? List.of(port, tlsPort) : List.of(port);
        for (String address : options.addresses) {
            for (int p : ports) {
                while (!accepts(address, p)) {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("coturn exited with " + process.exitValue() + " before listening");
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("coturn did not listen on " + address + ":" + p + " within "
                                + READY_WITHIN.toSeconds() + " s");
                    }
                    try {
                        Thread.sleep(50); // polling a child process's socket; the deadline bounds it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("interrupted while waiting for coturn", e);
                    }
                }
            }
        }
    }

    private static boolean accepts(String address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port free for TCP and UDP on every address (and not {@code other}); coturn takes it right after. */
    private static int freePort(List<String> addresses, boolean udpToo, int other) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(addresses.get(0)))) {
                candidate = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port on " + addresses.get(0), e);
            }
            if (candidate != other && free(addresses, candidate, udpToo)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on " + addresses);
    }

    private static boolean free(List<String> addresses, int port, boolean udpToo) {
        for (String a : addresses) {
            try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getByName(a));
                 DatagramSocket udp = udpToo ? new DatagramSocket(new InetSocketAddress(a, port)) : null) {
                // both free
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        delete(dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it in time
        }
    }

    @Override
    public String toString() {
        return "Coturn[" + options.addresses + ", port " + port + (tlsPort > 0 ? ", TLS " + tlsPort : "") + "]";
    }
}
