package org.lucarne.signaling.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lucarne.signaling.testing.TestServer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTTPS surface of a real server: pages, static files, headers, errors, health, redirect. */
class HttpsIT {
    private static TestServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LUCARNE_HTTP_PORT", "0"));
        http = server.httpClient();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertSecurityHeaders(HttpResponse<?> r) {
        var h = r.headers();
        assertEquals("max-age=31536000; includeSubDomains", h.firstValue("Strict-Transport-Security").orElse(null));
        String csp = h.firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
        assertFalse(csp.contains("unsafe-inline"), csp);
        assertEquals("no-referrer", h.firstValue("Referrer-Policy").orElse(null));
        assertEquals("nosniff", h.firstValue("X-Content-Type-Options").orElse(null));
        assertTrue(h.firstValue("Server").isEmpty(), "no Server header");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/staff", "/kiosk", "/v/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"})
    void entryPagesAreServedWithSecurityHeadersAndNotStored(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("<script type=\"module\""), "loads an ES module");
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        assertSecurityHeaders(r);
    }

    @Test
    void moduleIsServedAsJavaScriptAndRevalidatedWithItsEtag() throws Exception {
        HttpResponse<String> r = get("/static/shared/protocol.js");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        String etag = r.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/static/shared/protocol.js", "If-None-Match", etag).statusCode());
        assertEquals(200, get("/static/kiosk/kiosk.js").statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/unknown", "/static/", "/static/nothing.js", "/static/shared", "/v/", "/v/a/b",
            "/v/bad%20id", "/WEB-INF/web.xml", "/static/shared/../../pom.xml", "/staff/extra"})
    void unknownPathsGetAPlain404(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertEquals(404, r.statusCode(), path);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertEquals("404 Not Found\n", r.body());
        assertSecurityHeaders(r);
    }

    /** Raw requests, because HTTP clients normalise these paths before sending them. */
    @ParameterizedTest
    @ValueSource(strings = {"/static/../lucarne.sample.conf", "/static/..%2f..%2fetc%2fpasswd", "/static/%5c..%5cx",
            "//static/shared/protocol.js", "/static/shared/./protocol.js", "/static/shared/%2fprotocol.js",
            "/static;x=1/shared/protocol.js", "/static/shared/%2e%2e/protocol.js"})
    void traversalAndIrregularPathsGetAPlain404(String path) throws Exception {
        String response = raw(path);
        assertTrue(response.startsWith("HTTP/1.1 404 Not Found\r\n"), path + " → " + response);
        assertTrue(response.contains("Content-Type: text/plain"), response);
        assertTrue(response.endsWith("\r\n\r\n404 Not Found\n"), response);
        assertTrue(response.contains("Strict-Transport-Security:"), response);
    }

    /** Paths that cannot be resolved at all: the HTTP parser refuses them before any handler. */
    @ParameterizedTest
    @ValueSource(strings = {"/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd", "/..;/etc/passwd",
            "/static/shared/protocol.js%00.html"})
    void pathsAboveTheRootGetAPlain400(String path) throws Exception {
        String response = raw(path);
        assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), path + " → " + response);
        assertTrue(response.contains("Content-Type: text/plain"), response);
        assertTrue(response.endsWith("\r\n\r\n400 Bad Request\n"), response);
        assertFalse(response.contains("root:"), "no file content leaked");
    }

    private static String raw(String path) throws IOException {
        try (Socket s = server.trustingSslContext().getSocketFactory().createSocket("localhost",
                server.server().httpsPort())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void healthReportsStorageAndTheEmbeddedBridgeUpAsJson() throws Exception {
        HttpResponse<String> r = get("/health");
        assertEquals(200, r.statusCode());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertEquals("up", body.get("status").asText());
        assertEquals("up", body.at("/parts/storage/status").asText());
        assertEquals("up", body.at("/parts/bridge/status").asText(), body.toString());
        assertSecurityHeaders(r);
    }

    @Test
    void rootRedirectsToTheStaffConsole() throws Exception {
        HttpResponse<String> r = get("/");
        assertEquals(302, r.statusCode());
        assertTrue(r.headers().firstValue("Location").orElse("").endsWith("/staff"));
    }

    @Test
    void plainHttpRedirectsToHttps() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + server.server().httpPort() + "/kiosk?x=1")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, r.statusCode());
        assertEquals(server.url("/kiosk?x=1"), r.headers().firstValue("Location").orElse(null));
        assertSecurityHeaders(r);
    }

    @Test
    void plainGetOfTheSocketPathWithoutOriginIsForbidden() throws Exception {
        HttpResponse<String> r = get("/ws");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().startsWith("403 Forbidden"), r.body());
    }

    @Test
    void postToAPageIsRefusedPlainly() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url("/staff")))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(List.of(405, 404).contains(r.statusCode()), "status " + r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    }
}
