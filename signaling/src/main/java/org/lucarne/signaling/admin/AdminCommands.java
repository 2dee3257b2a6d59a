package org.lucarne.signaling.admin;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.config.ConfigException;
import org.lucarne.signaling.config.SignalingConfig;

/**
 * The operator's commands beside the server ({@code ./lucarne admin|audit|keys …}): each opens the
 * database and the keys as the server does ({@link AdminContext}), does one thing, and says what it
 * did. Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage.
 */
public final class AdminCommands {
    static final String USAGE = """
            usage:
              lucarne admin create-user --username NAME --role nurse|ward_manager|admin [--ward WARD_ID]... [--name "Display Name"]
              lucarne audit verify
              lucarne audit export --from DATE --to DATE [--out FILE]
              lucarne keys rotate
            The configuration is read as by 'lucarne start' (LUCARNE_CONFIG, ./lucarne.conf, LUCARNE_* variables).""";

    /** One command: what it needs and what it prints. */
    @FunctionalInterface
    interface Command {
        int run(String[] args, AdminContext context, PrintStream out, PrintStream err);
    }

    private AdminCommands() {
    }

    /** {@code args}: the group and the command, then the command's own arguments. */
    public static int run(String[] args, Optional<Path> configFile, Map<String, String> env, Clock clock,
                          PrintStream out, PrintStream err) {
        Optional<Command> command = args.length < 2 ? Optional.empty() : find(args[0] + " " + args[1]);
        if (command.isEmpty()) {
            err.println(USAGE);
            return 2;
        }
        SignalingConfig config;
        try {
            config = SignalingConfig.load(configFile, env);
        } catch (ConfigException e) {
            err.println("lucarne: " + e.getMessage());
            return 1;
        }
        try (AdminContext context = AdminContext.open(config, clock)) {
            return command.get().run(Arrays.copyOfRange(args, 2, args.length), context, out, err);
        } catch (StartupException e) {
            err.println("lucarne: " + e.getMessage());
            return 1;
        }
    }

    private static Optional<Command> find(String name) {
        return Optional.ofNullable(switch (name) {
            case "admin create-user" -> new CreateUserCommand();
            default -> null;
        });
    }
}
