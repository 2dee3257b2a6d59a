package org.lucarne.bridge.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven by Playwright, offline, with a fake camera and microphone and loopback
 * ICE candidates allowed (the bridge listens on 127.0.0.1). Each launch gets its own HOME and
 * TMPDIR, removed on close.
 */
public final class Chromium implements AutoCloseable {
    private static final List<String> FLAGS = List.of(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--autoplay-policy=no-user-gesture-required", "--allow-loopback-in-peer-connection");

    private final Playwright playwright;
    private final Browser browser;
    private final Path home;

    private Chromium(Playwright playwright, Browser browser, Path home) {
        this.playwright = playwright;
        this.browser = browser;
        this.home = home;
    }

    public static Chromium launch() {
        Path executable = executable();
        Path home;
        Path tmp;
        try {
            home = Files.createTempDirectory("lucarne-bridge-chromium-");
            tmp = Files.createDirectories(home.resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the browser's temporary directory", e);
        }
        // Only the browser gets the private HOME and TMPDIR: Playwright starts every later driver of
        // this JVM with the first driver's environment, which must outlive this launch.
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(FLAGS)
                    .setEnv(Map.of("HOME", home.toString(), "TMPDIR", tmp.toString())));
            return new Chromium(playwright, browser, home);
        } catch (RuntimeException e) {
            playwright.close();
            delete(home);
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
        throw new IllegalStateException("Chromium is not installed: apt-get install chromium, or set LUCARNE_CHROMIUM"
                + " to its binary");
    }

    @Override
    public void close() {
        try {
            browser.close();
        } finally {
            playwright.close();
            delete(home);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is not worth failing a test run for
        }
    }
}
