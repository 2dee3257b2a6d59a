package org.lucarne.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven by Playwright, offline, with a fake camera and microphone and loopback
 * ICE candidates allowed (bridges listen on 127.0.0.1). Each launch gets a private HOME and TMPDIR,
 * removed on close. {@link #launchTrusting} makes it trust a Lucarne development CA the way a
 * person's browser would: the CA is imported into the NSS database of that HOME, with no "ignore
 * certificate errors" anywhere.
 */
public final class Chromium implements AutoCloseable {
    private static final List<String> FLAGS = List.of(
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
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

    /** Launches headless Chromium with its own HOME; camera and microphone requests are granted. */
    public static Chromium launch() {
        return launch(new Launch());
    }

    /** The same, trusting {@code caCertificate} (PEM) for TLS servers. */
    public static Chromium launchTrusting(Path caCertificate) {
        return launch(Launch.trusting(caCertificate));
    }

    /** Trusting {@code caCertificate}, but every camera and microphone request is refused, as when a person clicks "Block". */
    public static Chromium launchRefusingMedia(Path caCertificate) {
        return launch(Launch.trusting(caCertificate).refusingMedia());
    }

    /**
     * What to launch beyond the defaults: a CA to trust, another executable (a wrapper that runs
     * Chromium in a network namespace, say: {@code net.LabNamespace#chromiumExecutable}), more flags.
     */
    public static final class Launch {
        private Optional<Path> caCertificate = Optional.empty();
        private Optional<Path> executable = Optional.empty();
        private final List<String> flags = new ArrayList<>(FLAGS);

        public static Launch trusting(Path caCertificate) {
            Launch launch = new Launch();
            launch.caCertificate = Optional.of(caCertificate);
            return launch;
        }

        public Launch executable(Path wrapperOrBinary) {
            executable = Optional.of(wrapperOrBinary);
            return this;
        }

        /** Adds a command-line flag, e.g. {@code --host-resolver-rules=MAP lucarne.test 198.18.3.1}. */
        public Launch flag(String flag) {
            flags.add(flag);
            return this;
        }

        Launch refusingMedia() {
            flags.replaceAll(f -> f.equals("--use-fake-ui-for-media-stream") ? "--use-fake-ui-for-media-stream=deny" : f);
            return this;
        }
    }

    public static Chromium launch(Launch options) {
        Path executable = options.executable.orElseGet(Chromium::executable);
        Path home = home(options.caCertificate);
        // Only the browser gets the private HOME and TMPDIR: Playwright starts every later driver of
        // this JVM with the first driver's environment, which must outlive this launch.
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(List.copyOf(options.flags))
                    .setEnv(Map.of("HOME", home.toString(), "TMPDIR", home.resolve("tmp").toString())));
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

    /** Debian's Chromium binary, or {@code LUCARNE_CHROMIUM}'s. */
    public static Path executable() {
        String configured = System.getenv("LUCARNE_CHROMIUM");
        for (String candidate : new String[] {configured, "/usr/lib/chromium/chromium", "/usr/bin/chromium"}) {
            if (candidate != null && !candidate.isBlank() && Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        throw new IllegalStateException("Chromium is not installed: run ./lucarne test, which installs it "
                + "(or apt-get install chromium), or set LUCARNE_CHROMIUM to its binary");
    }

    /** A fresh HOME with a TMPDIR, whose NSS database (~/.pki/nssdb) trusts the CA, if any, for TLS servers. */
    private static Path home(Optional<Path> caCertificate) {
        Path home = null;
        try {
            home = Files.createTempDirectory("lucarne-chromium-home-");
            Files.createDirectories(home.resolve("tmp"));
            if (caCertificate.isPresent()) {
                Path nss = Files.createDirectories(home.resolve(".pki").resolve("nssdb"));
                run(List.of("certutil", "-d", "sql:" + nss, "-N", "--empty-password"));
                run(List.of("certutil", "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "Lucarne development CA",
                        "-i", caCertificate.get().toString()));
            }
            return home;
        } catch (IOException e) {
            if (home != null) {
                delete(home);
            }
            throw new IllegalStateException("cannot prepare the browser's home and trust store: " + e.getMessage()
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
