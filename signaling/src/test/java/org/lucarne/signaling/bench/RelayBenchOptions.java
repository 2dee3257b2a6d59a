package org.lucarne.signaling.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The options of {@code ./lucarne bench relay}, checked, with its {@code --help}. */
record RelayBenchOptions(int devices, int circle, int rate, int seconds, int textIterations, int photoIterations,
                         boolean relay, boolean browser) {
    static final String USAGE = """
            usage: ./lucarne bench relay [OPTIONS]

            The E2EE relay: devices bound in circles exchanging envelopes over their own sockets to a real server
            (SQLite), with ping -> pong over the same sockets at the same rate as the same-run baseline; the heap a
            device (both ends, the client alone, the difference); then the browser's cost per message in headless
            Chromium (a text message and a 1 MB photo, encrypt + decrypt) beside raw WebCrypto AES-256-GCM.
            Prints a Markdown report on stdout, progress on stderr; exits 1 when an envelope or pong went missing.

              --devices N           devices, all connected at once (default 1000)
              --circle N            devices a circle, 2 or more, dividing --devices (default 10)
              --rate N              envelopes a second, and as many pings (default 100)
              --seconds N           how long envelopes are sent (default 30)
              --text-iterations N   text messages measured in the browser, after 10 % more as warm-up (default 1000)
              --photo-iterations N  photos measured in the browser, after 10 % more (at least 2) (default 100)
              --browser-only        only the browser part
              --no-browser          only the relay part
              --help                this text
            """;

    static RelayBenchOptions parse(String[] args) {
        Map<String, Integer> n = new LinkedHashMap<>(Map.of("--devices", 1000, "--circle", 10, "--rate", 100,
                "--seconds", 30, "--text-iterations", 1000, "--photo-iterations", 100));
        boolean relay = true;
        boolean browser = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--browser-only")) {
                relay = false;
            } else if (a.equals("--no-browser")) {
                browser = false;
            } else if (n.containsKey(a)) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a number");
                }
                n.put(a, positive(a, args[++i]));
            } else {
                throw new IllegalArgumentException("unknown option " + a + " (--help lists them)");
            }
        }
        if (!relay && !browser) {
            throw new IllegalArgumentException("--browser-only and --no-browser leave nothing to run");
        }
        int devices = n.get("--devices");
        int circle = n.get("--circle");
        if (circle < 2 || devices % circle != 0) {
            throw new IllegalArgumentException("--circle must be 2 or more and divide --devices (" + devices + ")");
        }
        return new RelayBenchOptions(devices, circle, n.get("--rate"), n.get("--seconds"), n.get("--text-iterations"),
                n.get("--photo-iterations"), relay, browser);
    }

    private static int positive(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v > 0 && v <= 1_000_000) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException(name + " must be a whole number from 1 to 1,000,000, not '" + value + "'");
    }
}
