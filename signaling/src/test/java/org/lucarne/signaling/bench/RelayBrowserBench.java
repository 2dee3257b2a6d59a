package org.lucarne.signaling.bench;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.Chromium;
import org.lucarne.testing.Percentiles;

/**
 * The browser's cost per message, in headless Chromium (the tests' own): {@code bench/relay-browser-bench.js} runs
 * in a page of the real server's origin and imports the E2EE modules from its {@code /static/shared/e2ee/}. Only
 * the page itself and that module are given by the benchmark (Playwright routes), the page with the headers that
 * make it cross-origin isolated, so that {@code performance.now()} is not coarsened to 100 µs.
 */
final class RelayBrowserBench {
    private static final String PAGE = "/bench/relay";
    private static final String MODULE = "/bench/relay-browser-bench.js";

    /** One operation and its baseline, in nanoseconds. */
    record Pair(String what, Percentiles lucarne, Percentiles raw) { }

    /** Figures for the text message and the photo, and what was measured. */
    record Result(boolean isolated, int textChars, int textBytes, int textPlaintextBytes, int pictureBytes, int jpegBytes,
                  int chunks, String size, Pair text, Pair photo, Pair photoCrypto, Percentiles prepare, Percentiles seal,
                  Percentiles open) { }

    private RelayBrowserBench() {
    }

    static Result run(TestServer server, int textIterations, int photoIterations) throws IOException {
        String module = resource("/bench/relay-browser-bench.js");
        try (Chromium chromium = Chromium.launchTrusting(server.caCertificate());
             BrowserContext context = chromium.browser().newContext()) {
            context.route(server.url(PAGE), r -> r.fulfill(new Route.FulfillOptions().setStatus(200)
                    .setHeaders(Map.of("Content-Type", "text/html; charset=utf-8",
                            "Cross-Origin-Opener-Policy", "same-origin", "Cross-Origin-Embedder-Policy", "require-corp"))
                    .setBody("<!doctype html><html lang=\"en\"><title>Relay benchmark</title></html>")));
            context.route(server.url(MODULE), r -> r.fulfill(new Route.FulfillOptions().setStatus(200)
                    .setHeaders(Map.of("Content-Type", "text/javascript; charset=utf-8")).setBody(module)));
            Page page = context.newPage();
            page.setDefaultTimeout(600_000);
            page.navigate(server.url(PAGE));
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) page.evaluate("async ([url, text, photo]) => {"
                    + " const m = await import(url);"
                    + " return m.runRelayBrowserBench({ textIterations: text, photoIterations: photo }); }",
                    List.of(MODULE, textIterations, photoIterations));
            return result(r);
        }
    }

    @SuppressWarnings("unchecked")
    private static Result result(Map<String, Object> r) {
        Map<String, Object> text = (Map<String, Object>) r.get("text");
        Map<String, Object> photo = (Map<String, Object>) r.get("photo");
        boolean isolated = Boolean.TRUE.equals(((Map<String, Object>) r.get("timer")).get("crossOriginIsolated"));
        return new Result(isolated, number(text, "chars"), number(text, "bytes"), number(text, "plaintextBytes"), number(photo, "pictureBytes"),
                number(photo, "jpegBytes"), number(photo, "chunks"), number(photo, "width") + "×" + number(photo, "height"),
                new Pair("text", nanos(text, "lucarne"), nanos(text, "raw")),
                new Pair("photo", nanos(photo, "lucarne"), nanos(photo, "raw")),
                new Pair("photo crypto", nanos(photo, "crypto"), nanos(photo, "raw")),
                nanos(photo, "prepare"), nanos(photo, "seal"), nanos(photo, "open"));
    }

    private static int number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).intValue();
    }

    /** Milliseconds from the page as nanoseconds. */
    @SuppressWarnings("unchecked")
    private static Percentiles nanos(Map<String, Object> m, String key) {
        List<Number> ms = (List<Number>) m.get(key);
        return Percentiles.of(ms.stream().mapToLong(n -> Math.round(n.doubleValue() * 1e6)).toArray());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RelayBrowserBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the classpath (signaling/target/test-classes)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
