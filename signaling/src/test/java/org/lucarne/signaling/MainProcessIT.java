package org.lucarne.signaling;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
    private static final Pattern CA_FILE = Pattern.compile("^\\s+(/\\S+/tls/ca\\.crt)$");
    private static final Pattern CONSOLE = Pattern.compile("Staff console\\s+(https://\\S+)/staff");
    private static final Pattern NURSE = Pattern.compile("nurse\\s+password\\s+(\\S+) .*\\n\\s+app\\s+(otpauth://totp/Lucarne:nurse\\?secret=([A-Z2-7]+)\\S*)");

    @TempDir
    Path dir;

    private Process launch(String command, Map<String, String> env) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx256m", "-cp",
                "target/classes" + java.io.File.pathSeparator + "target/lib/*", Main.class.getName(), command);
        pb.environment().keySet().removeIf(k -> k.startsWith("LUCARNE_"));
        pb.environment().put("LUCARNE_DATA_DIR", dir.resolve("data").toString());
        pb.environment().put("LUCARNE_HTTPS_PORT", "0");
        pb.environment().put("LUCARNE_KIOSK_PORT", "0");
        pb.environment().put("LUCARNE_BIND_ADDRESS", "127.0.0.1");
        pb.environment().put("LUCARNE_BRIDGE_UDP_PORT", "0");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve(command + ".out").toFile());
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
        assertTrue(output("demo").strip().endsWith("Lucarne is stopping…\nLucarne stopped."), output("demo"));
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
        var visits = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(origin
                + "/api/wards/demo-ward-4/visits")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, visits.statusCode(), visits.body());
        assertTrue(visits.body().contains("\"name\":\"Marie Dupont\""), visits.body());
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
