package org.lucarne.signaling;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.lucarne.signaling.admin.AdminCommands;
import org.lucarne.signaling.config.ConfigException;
import org.lucarne.signaling.config.SignalingConfig;
import org.lucarne.signaling.demo.DemoData;
import org.lucarne.signaling.demo.DemoStaff;
import org.lucarne.signaling.demo.DemoVisit;
import org.lucarne.signaling.device.DemoTabletCertificate;
import org.lucarne.signaling.personal.PersonalDataException;

/**
 * {@code lucarne start|demo [--config FILE]}: runs the server in the foreground until SIGTERM or
 * Ctrl-C. {@code demo} also seeds a ward, a patient, a tablet and a family contact and prints the
 * links to open.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length > 0 && (args[0].equals("admin") || args[0].equals("audit") || args[0].equals("keys"))) {
            // A command's answer is its own output: the server's routine log lines would only bury it
            // (in a cron mail, say). Warnings and errors still show.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            return AdminCommands.run(args, defaultConfigFile(env), env, Clock.systemUTC(), out, err);
        }
        if (args.length == 0 || !(args[0].equals("start") || args[0].equals("demo"))) {
            err.println("usage: lucarne start|demo [--config FILE]");
            return 2;
        }
        boolean demo = args[0].equals("demo");
        Optional<Path> configFile;
        if (args.length == 3 && args[1].equals("--config")) {
            configFile = Optional.of(Path.of(args[2]));
        } else if (args.length == 1) {
            configFile = defaultConfigFile(env);
        } else {
            err.println("usage: lucarne start|demo [--config FILE]");
            return 2;
        }

        LucarneServer server;
        try {
            SignalingConfig config = SignalingConfig.load(configFile, env);
            server = LucarneServer.create(config, Clock.systemUTC()).start();
        } catch (ConfigException | StartupException e) {
            err.println("lucarne: cannot start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Lucarne is stopping…");
            server.stop();
            out.println("Lucarne stopped.");
            out.flush();
            stopped.countDown();
        }, "lucarne-shutdown"));

        Optional<DemoVisit> visit;
        List<DemoStaff.Login> logins;
        try {
            visit = demo ? Optional.of(DemoData.seed(server.database(), server.personalData(), server.clock(),
                    server.config().staff().timeZone(), server.staff().bookings())) : Optional.empty();
            visit.ifPresent(v -> DemoTabletCertificate.ensure(server.config(), server.tls(), v.tabletId(),
                    server.database(), server.clock()));
            StaffServices staff = server.staff();
            logins = demo ? DemoStaff.seed(staff.accounts(), staff.secondFactors(), staff.sessions(), staff.hasher(),
                    server.audit()) : List.of();
        } catch (IllegalStateException | PersonalDataException | org.lucarne.signaling.staff.StaffException e) {
            // For example the demo tablet was revoked from the staff console, or the demo's "nurse" was made
            // the last admin: say so, no stack trace.
            err.println("lucarne: cannot start the demo: " + e.getMessage());
            return 1;
        }
        out.print(Banner.render(server, visit, logins, configFile));
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** {@code LUCARNE_CONFIG}, else {@code ./lucarne.conf} if it exists, else none (defaults and variables). */
    private static Optional<Path> defaultConfigFile(Map<String, String> env) {
        return Optional.ofNullable(env.get("LUCARNE_CONFIG")).filter(s -> !s.isBlank()).map(Path::of)
                .or(() -> Optional.of(Path.of("lucarne.conf")).filter(Files::isRegularFile));
    }
}
