package org.lucarne.certs.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The options ({@code --name value} or {@code --name=value}) and positional arguments of one subcommand. */
final class Arguments {

    private final String command;
    private final Map<String, List<String>> options;
    private final List<String> positionals;

    private Arguments(String command, Map<String, List<String>> options, List<String> positionals) {
        this.command = command;
        this.options = options;
        this.positionals = positionals;
    }

    /**
     * @param single        options that may appear at most once
     * @param repeatable    options that may appear any number of times
     * @param maxPositional how many non-option arguments are allowed
     */
    static Arguments parse(String command, List<String> args, Set<String> single, Set<String> repeatable,
                           int maxPositional) throws UsageException {
        Map<String, List<String>> options = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                if (positionals.size() == maxPositional) {
                    throw new UsageException("unexpected argument \"" + arg + "\" for '" + command + "'");
                }
                positionals.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            if (!single.contains(name) && !repeatable.contains(name)) {
                throw new UsageException("unknown option --" + name + " for '" + command + "'");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                value = args.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (value.isEmpty()) {
                throw new UsageException("option --" + name + " needs a value");
            }
            List<String> values = options.computeIfAbsent(name, n -> new ArrayList<>());
            if (single.contains(name) && !values.isEmpty()) {
                throw new UsageException("option --" + name + " given more than once");
            }
            values.add(value);
        }
        return new Arguments(command, options, positionals);
    }

    Optional<String> optional(String name) {
        return values(name).stream().findFirst();
    }

    String required(String name) throws UsageException {
        return optional(name).orElseThrow(() -> new UsageException("'" + command + "' needs --" + name));
    }

    List<String> values(String name) {
        return options.getOrDefault(name, List.of());
    }

    List<String> positionals() {
        return positionals;
    }

    /** A whole number of days from 1 to {@code max}, or {@code fallback} if the option is absent. */
    int days(String name, int fallback, int max) throws UsageException {
        Optional<String> text = optional(name);
        if (text.isEmpty()) {
            return fallback;
        }
        int days;
        try {
            days = Integer.parseInt(text.get());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number of days, not \"" + text.get() + "\"");
        }
        if (days < 1 || days > max) {
            throw new UsageException("--" + name + " must be between 1 and " + max + ", not " + days);
        }
        return days;
    }
}
