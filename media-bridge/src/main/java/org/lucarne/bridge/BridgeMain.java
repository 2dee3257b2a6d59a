package org.lucarne.bridge;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./lucarne bridge [--config FILE]}: runs a standalone media bridge in the foreground until
 * SIGTERM or Ctrl-C. The file defaults to {@code LUCARNE_BRIDGE_CONFIG}, else {@code bridge.conf}
 * in the current directory when it exists; {@code LUCARNE_BRIDGE_*} variables override it.
 */
public final class BridgeMain {
    private BridgeMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MediaBridge bridge = start(args, System.getenv(), System.out, System.err);
        if (bridge == null) {
            System.exit(1);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Media bridge stopping…");
            bridge.close();
            System.out.println("Media bridge stopped.");
            System.out.flush();
            stopped.countDown();
        }, "bridge-shutdown"));
        stopped.await();
    }

    /** Starts the bridge and prints where it listens; null (after printing why) when it cannot. */
    static MediaBridge start(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        Optional<Path> file;
        if (args.length == 2 && args[0].equals("--config")) {
            file = Optional.of(Path.of(args[1]));
        } else if (args.length == 0) {
            file = Optional.ofNullable(env.get("LUCARNE_BRIDGE_CONFIG")).filter(s -> !s.isBlank()).map(Path::of)
                    .or(() -> Optional.of(Path.of("bridge.conf")).filter(Files::isRegularFile));
        } else {
            err.println("usage: lucarne bridge [--config FILE]");
            return null;
        }
        try {
            BridgeConfig config = BridgeConfig.load(file, env);
            MediaBridge bridge = MediaBridge.create(config, Clock.systemUTC()).start();
            out.println("Media bridge running" + file.map(f -> " with " + f).orElse(" with defaults") + ".");
            out.println("  Colibri2 API:  " + bridge.httpUri() + "colibri/v2/conferences"
                    + (config.sharedSecret().isPresent() ? " (Authorization: Bearer <shared secret>)" : ""));
            out.println("  Health, stats: " + bridge.httpUri() + "about/health, " + bridge.httpUri() + "colibri/stats");
            out.println("  Media (UDP):   " + bridge.udpAddress().getAddress().getHostAddress() + ":"
                    + bridge.udpAddress().getPort()
                    + config.advertisedAddress().map(a -> ", advertised as " + a).orElse(""));
            out.println("Stop with Ctrl-C.");
            out.flush();
            return bridge;
        } catch (BridgeConfigException | IOException e) {
            err.println("lucarne bridge: cannot start: " + e.getMessage());
            return null;
        }
    }
}
