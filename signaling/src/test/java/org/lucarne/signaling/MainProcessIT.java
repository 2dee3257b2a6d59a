package org.lucarne.signaling;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.testing.Chromium;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real commands, as ./lucarne runs them: a separate JVM on the packaged runtime classpath
 * (target/classes + target/lib), so a dependency missing at run time fails here, not in a hospital.
 */
class MainProcessIT {
    private static final Pattern FAMILY_LINK = Pattern.compile("Family link\\s+(https://\\S+/v/\\S+#\\S+)");
    private static final Pattern DEMO_VISIT = Pattern.compile("Demo visit .*, visit id ([A-Za-z0-9_-]+)");
    private static final Pattern CA_FILE = Pattern.compile("^\\s+(/\\S+/tls/ca\\.crt)$");
    private static final Pattern CONSOLE = Pattern.compile("Staff console\\s+(https://\\S+)/staff");
    private static final Pattern NURSE = Pattern.compile("nurse\\s+password\\s+(\\S+) .*\\n\\s+app\\s+(otpauth://totp/Lucarne:nurse\\?secret=([A-Z2-7]+)\\S*)");

    @TempDir
    Path dir;

    private Process launch(String command, Map<String, String> env) throws IOException {
        return launch(command, env, null, command);
    }

    /** Runs {@code args} under the umask {@code umask} (a shell's, or the test's when null); output in {@code name}.out. */
    private Process launch(String name, Map<String, String> env, String umask, String... args) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>();
        if (umask != null) {
            line.addAll(List.of("sh", "-c", "umask " + umask + " && exec \"$0\" \"$@\""));
        }
        line.addAll(List.of(javaBin, "-Xmx256m", "-cp", "target/classes" + java.io.File.pathSeparator + "target/lib/*",
                Main.class.getName()));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line);
        pb.environment().keySet().removeIf(k -> k.startsWith("LUCARNE_"));
        pb.environment().put("LUCARNE_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("LUCARNE_HTTPS_PORT", "0");
        pb.environment().put("LUCARNE_KIOSK_PORT", "0");
        pb.environment().put("LUCARNE_BIND_ADDRESS", "127.0.0.1");
        pb.environment().put("LUCARNE_BRIDGE_UDP_PORT", "0");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(name + ".out").toFile());
        return pb.start();
    }

    private String output(String command) throws IOException {
        return Files.readString(dir.resolve(command + ".out"), StandardCharsets.UTF_8);
    }

    /** Waits up to 60 s for the process to print {@code until}; returns its output so far. */
    private String awaitOutput(Process p, String command, String until) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            String out = output(command);
            if (out.contains(until)) {
                return out;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the process ended before printing '" + until + "':\n" + out);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + until + "' within 60 s:\n" + output(command));
    }

    @Test
    void demoPrintsAFamilyLinkThatConnectsInChromiumAndStopsCleanlyOnSigterm() throws Exception {
        Process demo = launch("demo", Map.of());
        try {
            String text = awaitOutput(demo, "demo", "Press Ctrl-C to stop.");
            assertTrue(text.contains("/staff") && text.contains("/kiosk"), text);
            assertTrue(Files.isRegularFile(dir.resolve("data/tls/tablets/demo-tablet-bed-12.p12")),
                    "the demo tablet's certificate is issued");
            Matcher link = FAMILY_LINK.matcher(text);
            assertTrue(link.find(), "a family link is printed:\n" + text);
            Path ca = text.lines().map(CA_FILE::matcher).filter(Matcher::matches).map(m -> Path.of(m.group(1)))
                    .findFirst().orElseThrow(() -> new AssertionError("the CA file is printed:\n" + text));
            assertTrue(Files.isRegularFile(ca));
            assertTrue(text.contains("SHA-256 "), "the CA fingerprint is printed");
            assertTrue(text.contains("Media bridge     embedded: media on UDP 127.0.0.1:"), text);
            signInAsTheDemoNurseAndSeeTheDemoVisit(text, ca);

            try (Chromium chromium = Chromium.launchTrusting(ca)) {
                Page page = chromium.browser().newPage();
                assertEquals(200, page.navigate(link.group(1)).status());
                page.waitForSelector("#connection[data-state=\"connected\"]", new Page.WaitForSelectorOptions()
                        .setState(WaitForSelectorState.ATTACHED).setTimeout(15_000));
            }
        } finally {
            demo.destroy(); // SIGTERM, as an operator's Ctrl-C or systemd would
        }
        assertTrue(demo.waitFor(20, TimeUnit.SECONDS), "the server stops within the grace period");
        assertEquals(143, demo.exitValue(), "128 + SIGTERM: the JVM's status after its shutdown hooks ran");
        // Log lines (the audit head copied at stop) may come between the two.
        String printed = output("demo").lines()
                .filter(l -> !l.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [A-Z]+ .*"))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertTrue(printed.strip().endsWith("Lucarne is stopping…\nLucarne stopped."), output("demo"));
    }

    /**
     * The demo under umask 022: its files are its owner's alone and hold no name (the database, its
     * WAL and shared memory, scanned while it runs); ./lucarne keys rotate, another process, is refused
     * while it runs and done once it stopped.
     */
    @Test
    void demoKeepsItsFilesOwnerOnlyAndNamelessAndKeysRotateOnlyOnceItStopped() throws Exception {
        Path data = dir.resolve("data");
        String[] names = {"Marie Dupont", "Jean Dupont"};
        Process demo = launch("demo", Map.of(), "022", "demo");
        try {
            String text = awaitOutput(demo, "demo", "Press Ctrl-C to stop.");
            assertTrue(text.contains("(Jean Dupont visiting Marie Dupont)"), text);
            assertEquals("rwx------", mode(data));
            assertEquals("rwx------", mode(data.resolve("keys")));
            assertEquals("rw-------", mode(data.resolve("keys/data-keys.json")));
            for (String f : new String[] {"lucarne.db", "lucarne.db-wal", "lucarne.db-shm", "lucarne.db.lock"}) {
                assertEquals("rw-------", mode(data.resolve(f)), f);
            }
            assertEquals(3, AtRest.assertNoneOf(data.resolve("lucarne.db"), names).size());

            Process refused = launch("rotate-refused", Map.of(), "022", "keys", "rotate");
            assertTrue(refused.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, refused.exitValue(), output("rotate-refused"));
            assertTrue(output("rotate-refused").contains("stop Lucarne (every node) first"), output("rotate-refused"));
        } finally {
            demo.destroy();
        }
        assertTrue(demo.waitFor(20, TimeUnit.SECONDS), "the server stops within the grace period");
        Process rotate = launch("rotate", Map.of(), "022", "keys", "rotate");
        assertTrue(rotate.waitFor(60, TimeUnit.SECONDS));
        String out = output("rotate");
        assertEquals(0, rotate.exitValue(), out);
        assertTrue(out.contains("Data keys rotated: k1 -> k2"), out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
        assertEquals("rw-------", mode(data.resolve("keys/data-keys.json")));
        // Everything in the data directory but the outbox: the outbox holds, by design and only while no
        // channel is configured, the messages as the family would read them (docs/security.md,
        // "Messages to families"), owner-only and deleted once their visit is over.
        try (var entries = Files.list(data)) {
            for (Path p : entries.filter(p -> !p.getFileName().toString().equals("outbox")).toList()) {
                AtRest.assertNoneOf(p, names);
            }
        }
        try (var outbox = Files.list(data.resolve("outbox"))) {
            for (Path p : outbox.toList()) {
                assertEquals("rw-------", mode(p), p.toString());
            }
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    /** With what the banner prints, as a person with an authenticator app would (docs/staff-api.md). */
    private static void signInAsTheDemoNurseAndSeeTheDemoVisit(String banner, Path ca) throws Exception {
        Matcher console = CONSOLE.matcher(banner);
        Matcher nurse = NURSE.matcher(banner);
        assertTrue(console.find() && nurse.find(), "the console and the nurse's login are printed:\n" + banner);
        String origin = console.group(1);
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .sslContext(org.lucarne.signaling.testing.TrustedCa.sslContext(ca))
                .cookieHandler(new java.net.CookieManager()).build();
        String code = org.lucarne.signaling.staff.Totp.code(org.lucarne.signaling.staff.Base32.decode(nurse.group(3)),
                org.lucarne.signaling.staff.Totp.step(java.time.Instant.now()));
        for (String[] step : new String[][] {
                {"/api/auth/password", "{\"username\":\"nurse\",\"password\":\"" + nurse.group(1) + "\"}"},
                {"/api/auth/code", "{\"code\":\"" + code + "\"}"}}) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin + step[0]))
                    .header("Origin", origin).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(step[1])).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), step[0] + ": " + r.body());
        }
        // The demo books by the ward's rules: its visit may be today or, late in the day, the next morning.
        Matcher visitId = DEMO_VISIT.matcher(banner);
        assertTrue(visitId.find(), "the demo visit is printed:\n" + banner);
        var visit = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin
                + "/api/visits/" + visitId.group(1))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, visit.statusCode(), visit.body());
        assertTrue(visit.body().contains("\"name\":\"Marie Dupont\""), visit.body());
        assertTrue(visit.body().contains("\"status\":\"scheduled\"") || visit.body().contains("\"status\":\"ready\""),
                visit.body());
        var today = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin
                + "/api/wards/demo-ward-4/visits")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, today.statusCode(), today.body());
    }

    @Test
    void invalidConfigurationStopsTheStartWithTheKeyAndNoStackTrace() throws Exception {
        Process start = launch("start", Map.of("LUCARNE_HTTPS_PORT", "eighty"));
        assertTrue(start.waitFor(30, TimeUnit.SECONDS));
        String out = output("start");
        assertEquals(1, start.exitValue(), out);
        assertTrue(out.contains("lucarne: cannot start: LUCARNE_HTTPS_PORT (https.port) = 'eighty'"), out);
        assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    }

}
