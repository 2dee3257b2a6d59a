package org.lucarne.signaling.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The options of {@code ./lucarne bench ws}, validated, with defaults that finish in a few minutes. */
public record BenchOptions(
        int connections,
        int rounds,
        int warmupRounds,
        Duration spread,
        int concurrency,
        Duration connectTimeout,
        int warmupConnections,
        Duration timeout,
        List<String> servers,
        String serverJvmOptions,
        boolean histogram) {

    public static final String LUCARNE = "lucarne";
    public static final String JETTY = "jetty";
    public static final String DEFAULT_SERVER_JVM_OPTIONS = "-Xms1g -Xmx1g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError";

    public static final String USAGE = """
            usage: ./lucarne bench ws [OPTIONS]

            Starts Lucarne, then a bare Jetty WebSocket echo server (one at a time, as separate JVMs
            with the same flags), holds N WSS connections to each from this JVM and measures
            ping -> pong round trips and the server's memory per connection.

              --connections N      connections held open at once (default 10000)
              --rounds R           measured rounds; each connection sends one ping per round (default 10)
              --warmup-rounds W    rounds sent first and not measured (default 2)
              --spread-ms MS       a round's pings are spread evenly over MS milliseconds (default 1000)
              --concurrency C      WebSocket handshakes in flight at once (default 150)
              --connect-timeout-ms MS   a connection not welcomed within MS has failed (default 30000)
              --warmup-connections W    connections opened, pinged once and closed before measuring,
                                   so both servers and the client run compiled code (default 1000)
              --timeout-ms MS      a ping without its pong within MS has failed (default 5000)
              --servers LIST       lucarne,jetty (default), or one of them
              --server-jvm 'OPTS'  JVM options of both servers (default: %s)
              --histogram          also print the classes whose live bytes grew most per connection
            """.formatted(DEFAULT_SERVER_JVM_OPTIONS);

    public static BenchOptions defaults() {
        return new BenchOptions(10_000, 10, 2, Duration.ofSeconds(1), 150, Duration.ofSeconds(30), 1000,
                Duration.ofSeconds(5),
                List.of(LUCARNE, JETTY), DEFAULT_SERVER_JVM_OPTIONS, false);
    }

    /** Parses {@code args}; a wrong option or value fails with a message that names it. */
    public static BenchOptions parse(String[] args) {
        BenchOptions o = defaults();
        int connections = o.connections;
        int rounds = o.rounds;
        int warmup = o.warmupRounds;
        Duration spread = o.spread;
        int concurrency = o.concurrency;
        Duration connectTimeout = o.connectTimeout;
        int warmupConnections = o.warmupConnections;
        Duration timeout = o.timeout;
        List<String> servers = o.servers;
        String jvm = o.serverJvmOptions;
        boolean histogram = false;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--histogram")) {
                histogram = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unexpected " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--connections" -> connections = integer(name, value, 1, 19_000);
                case "--rounds" -> rounds = integer(name, value, 1, 1_000);
                case "--warmup-rounds" -> warmup = integer(name, value, 0, 100);
                case "--spread-ms" -> spread = Duration.ofMillis(integer(name, value, 1, 60_000));
                case "--concurrency" -> concurrency = integer(name, value, 1, 2_000);
                case "--connect-timeout-ms" -> connectTimeout = Duration.ofMillis(integer(name, value, 100, 300_000));
                case "--warmup-connections" -> warmupConnections = integer(name, value, 0, 19_000);
                case "--timeout-ms" -> timeout = Duration.ofMillis(integer(name, value, 100, 120_000));
                case "--servers" -> servers = servers(value);
                case "--server-jvm" -> jvm = value.strip();
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        return new BenchOptions(connections, rounds, warmup, spread, concurrency, connectTimeout, warmupConnections,
                timeout, servers, jvm, histogram);
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
        throw new IllegalArgumentException(name + " must be a whole number from " + min + " to " + max + ", not '"
                + value + "'");
    }

    private static List<String> servers(String value) {
        List<String> list = new ArrayList<>();
        for (String s : value.split(",")) {
            String server = s.strip();
            if (!server.equals(LUCARNE) && !server.equals(JETTY)) {
                throw new IllegalArgumentException("--servers takes lucarne, jetty or lucarne,jetty, not '" + value + "'");
            }
            if (!list.contains(server)) {
                list.add(server);
            }
        }
        return List.copyOf(list);
    }
}
