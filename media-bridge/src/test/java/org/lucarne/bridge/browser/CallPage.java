package org.lucarne.bridge.browser;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.Route;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.lucarne.bridge.browser.focus.SdpAnswerer;

/**
 * One participant: the test page in its own browser context, served from the test resources at
 * {@code http://localhost/} through Playwright's routing (a secure context, so getUserMedia works,
 * and no server to run). Console errors, CSP violations included, are kept for the test to check.
 */
public final class CallPage implements SdpAnswerer, AutoCloseable {
    static final String ORIGIN = "http://localhost";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8");
    /** The web client's shared modules; tests run in the media-bridge module's directory. */
    /** The web client's shared modules: from the module's directory (Maven's tests) or the repository's (the benchmarks). */
    private static final Path WEB_CLIENT_SHARED = java.util.stream.Stream.of(
                    Path.of("..", "web-client", "app", "shared"), Path.of("web-client", "app", "shared"))
            .filter(Files::isDirectory).findFirst().orElse(Path.of("..", "web-client", "app", "shared"));
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final String name;
    private final BrowserContext context;
    private final Page page;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    private CallPage(String name, BrowserContext context) {
        this.name = name;
        this.context = context;
        this.page = context.newPage();
    }

    public static CallPage open(Browser browser, String name) {
        return open(browser, name, 320, 240, 15);
    }

    /** A page whose fake camera gives {@code width}×{@code height} at {@code fps}. */
    public static CallPage open(Browser browser, String name, int width, int height, int fps) {
        return open(browser, name, "call.html", width, height, fps);
    }

    /**
     * A {@code call.html} page that sends its camera as simulcast layers, as the call engine does
     * (web-client call-simulcast.js: two layers from 240 rows, three from 540). The other pages send
     * one layer, so that the tests and benchmarks written before simulcast measure what they did.
     */
    public static CallPage openSimulcast(Browser browser, String name, int width, int height, int fps) {
        return open(browser, name, "call.html?simulcast=1&", width, height, fps);
    }

    /**
     * One of the test pages: {@code call.html} (answers a focus's offers) or {@code p2p.html} (a
     * direct call, the benchmarks' baseline), its fake camera at {@code width}×{@code height}.
     */
    public static CallPage open(Browser browser, String name, String html, int width, int height, int fps) {
        BrowserContext context = browser.newContext(new Browser.NewContextOptions()
                .setPermissions(List.of("camera", "microphone")));
        CallPage call = new CallPage(name, context);
        try {
            context.route(ORIGIN + "/**", CallPage::serve);
            call.page.onConsoleMessage(m -> {
                if ("error".equals(m.type())) {
                    call.errors.add(m.text());
                }
            });
            call.page.onPageError(e -> call.errors.add(e));
            call.page.navigate(ORIGIN + "/browser/" + html + (html.contains("?") ? "" : "?") + "width=" + width
                    + "&height=" + height + "&fps=" + fps);
            call.page.waitForFunction("() => typeof window.sendStats === 'function'");
            return call;
        } catch (RuntimeException e) {
            context.close();
            throw new IllegalStateException(name + ": the test page did not load: " + e.getMessage(), e);
        }
    }

    /**
     * Serves {@code /browser/*} from the test resources and {@code /shared/*} from the web client's
     * shared modules (the page sends simulcast as the call engine does); everything else is a 404.
     */
    private static void serve(Route route) {
        String path = route.request().url().substring(ORIGIN.length()).replaceFirst("[?#].*", "");
        String ext = path.substring(path.lastIndexOf('.') + 1);
        try (InputStream in = path.contains("..") || !TYPES.containsKey(ext) ? null
                : path.startsWith("/browser/") ? CallPage.class.getResourceAsStream(path)
                : path.startsWith("/shared/") ? sharedModule(path) : null) {
            if (in == null) {
                route.fulfill(new Route.FulfillOptions().setStatus(404).setBody("not found: " + path));
                return;
            }
            route.fulfill(new Route.FulfillOptions().setStatus(200).setBodyBytes(in.readAllBytes())
                    .setHeaders(Map.of("Content-Type", TYPES.get(ext), "Content-Security-Policy", CSP,
                            "Cache-Control", "no-store")));
        } catch (IOException e) {
            route.fulfill(new Route.FulfillOptions().setStatus(500).setBody("cannot read " + path));
        }
    }

    private static InputStream sharedModule(String path) throws IOException {
        Path file = WEB_CLIENT_SHARED.resolve(path.substring("/shared/".length()));
        return Files.isRegularFile(file) ? Files.newInputStream(file) : null;
    }

    public String name() {
        return name;
    }

    @Override
    public String answer(String offer) throws IOException {
        try {
            Object answer = page.evaluate("sdp => window.applyOffer(sdp)", offer);
            if (!(answer instanceof String sdp)) {
                throw new IOException(name + ": applyOffer gave no SDP but " + answer);
            }
            return sdp;
        } catch (PlaywrightException e) {
            throw new IOException(name + " refused the offer: " + compact(e.getMessage()));
        }
    }

    public PageStats stats() {
        return json("stats", PageStats.class);
    }

    /** The sending side: the congestion controller's estimate and the camera's bytes sent. */
    public SendStats sendStats() {
        return json("sendStats", SendStats.class);
    }

    /** What this page receives, summed over its inbound tracks. */
    public ReceiveTotals receiveTotals() {
        return json("receiveTotals", ReceiveTotals.class);
    }

    /** The result of the page's {@code window[function]()}, through JSON, as {@code type}. */
    private <T> T json(String function, Class<T> type) {
        Object json = page.evaluate("async (f) => JSON.stringify(await window[f]())", function);
        try {
            return JSON.readValue(String.valueOf(json), type);
        } catch (IOException e) {
            throw new IllegalStateException(name + ": " + function + "() gave unreadable JSON: " + e.getMessage(), e);
        }
    }

    /** When this page decoded its first remote video frame, epoch milliseconds; null before. */
    public Double firstFrameEpoch() {
        Object t = page.evaluate("() => window.firstFrameEpoch()");
        return t instanceof Number n ? n.doubleValue() : null;
    }

    /** Runs a function of the page's with one string argument and gives its string result (p2p.html's offer/answer). */
    public String call(String function, String argument) {
        Object result = page.evaluate("([f, a]) => window[f](a)", java.util.List.of(function, argument == null ? "" : argument));
        return result == null ? null : String.valueOf(result);
    }

    /** Console errors and uncaught exceptions so far. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** Playwright's message without the stack lines, on one line. */
    private static String compact(String message) {
        StringBuilder s = new StringBuilder();
        for (String line : String.valueOf(message).split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("at ")) {
                s.append(s.length() == 0 ? "" : " ").append(t);
            }
        }
        return s.length() <= 600 ? s.toString() : s.substring(0, 600) + "…";
    }

    @Override
    public void close() {
        context.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
