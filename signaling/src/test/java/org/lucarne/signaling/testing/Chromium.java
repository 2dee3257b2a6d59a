package org.lucarne.signaling.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium driven by Playwright, offline. It trusts a Lucarne development CA the way a
 * person's browser would: the CA is imported into an NSS database in a private HOME, with no
 * "ignore certificate errors" anywhere.
 */
public final class Chromium implements AutoCloseable {
    private static final List<String> FLAGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection");

    private final Playwright playwright;
    private final Browser browser;

    private Chromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /** Launches headless Chromium trusting {@code caCertificate}; camera and microphone requests are granted. */
    public static Chromium launchTrusting(Path caCertificate) {
        return launch(caCertificate, FLAGS);
    }

    /** The same, but every camera and microphone request is refused, as when a person clicks "Block". */
    public static Chromium launchRefusingMedia(Path caCertificate) {
        List<String> flags = FLAGS.stream()
                .map(f -> f.equals("--use-fake-ui-for-media-stream") ? "--use-fake-ui-for-media-stream=deny" : f)
                .toList();
        return launch(caCertificate, flags);
    }

    private static Chromium launch(Path caCertificate, List<String> flags) {
        Path executable = executable();
        Path home = trustStoreHome(caCertificate);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(flags)
                    .setEnv(Map.of("HOME", home.toString(), "TMPDIR", Files.createDirectories(home.resolve("tmp")).toString())));
            return new Chromium(playwright, browser);
        } catch (RuntimeException | IOException e) {
            playwright.close();
            throw new IllegalStateException("cannot launch " + executable + ": " + e.getMessage(), e);
        }
    }

    public Browser browser() {
        return browser;
    }

    private static Path executable() {
        String configured = System.getenv("LUCARNE_CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/lib/chromium/chromium", "/usr/bin/chromium"}) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("Chromium is not installed: run ./lucarne test, which installs it "
                + "(or apt-get install chromium), or set LUCARNE_CHROMIUM");
    }

    /** A fresh HOME whose NSS database (~/.pki/nssdb) trusts the CA for TLS servers. */
    private static Path trustStoreHome(Path caCertificate) {
        try {
            Path home = Files.createTempDirectory("lucarne-chromium-home-");
            Path nss = Files.createDirectories(home.resolve(".pki").resolve("nssdb"));
            run(List.of("certutil", "-d", "sql:" + nss, "-N", "--empty-password"));
            run(List.of("certutil", "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "Lucarne development CA",
                    "-i", caCertificate.toString()));
            return home;
        } catch (IOException e) {
            throw new IllegalStateException("cannot prepare the browser's trust store: " + e.getMessage()
                    + " (certutil comes with libnss3-tools; ./lucarne test installs it)", e);
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
