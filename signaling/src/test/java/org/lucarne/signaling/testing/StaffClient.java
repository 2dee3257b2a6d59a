package org.lucarne.signaling.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.lucarne.signaling.staff.Base32;
import org.lucarne.signaling.staff.Totp;

/**
 * A staff member's browser, as far as the API goes: a real HTTP client with a cookie jar, which sends
 * the server's Origin on every change and, once signed in, the session's CSRF token, as the console does.
 */
public final class StaffClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, JSON body (null when empty or not JSON) and the raw response. */
    public record Answer(int status, JsonNode json, HttpResponse<String> raw) {
        public String error() {
            return json == null || !json.has("code") ? null : json.get("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    private final TestServer server;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ORIGINAL_SERVER);
    private final HttpClient http;
    private String origin;
    private String csrf;

    public StaffClient(TestServer server) {
        this.server = server;
        this.origin = server.origin();
        this.http = HttpClient.newBuilder().sslContext(server.trustingSslContext()).cookieHandler(cookies)
                .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The Origin sent from now on (null: none), to play another site's page. */
    public StaffClient origin(String origin) {
        this.origin = origin;
        return this;
    }

    /** The CSRF token sent from now on (null: none). */
    public StaffClient csrf(String csrf) {
        this.csrf = csrf;
        return this;
    }

    public String csrf() {
        return csrf;
    }

    public HttpClient http() {
        return http;
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst();
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.url(path))).GET());
    }

    public Answer post(String path, String json) {
        return send(body("POST", path, json));
    }

    public Answer patch(String path, String json) {
        return send(body("PATCH", path, json));
    }

    public Answer put(String path, String json) {
        return send(body("PUT", path, json));
    }

    public Answer delete(String path) {
        return send(body("DELETE", path, null));
    }

    private HttpRequest.Builder body(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b;
    }

    public Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // A CSV report is a body too, but no JSON: only JSON is parsed.
            boolean isJson = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
            JsonNode json = r.body().isEmpty() || !isJson ? null : JSON.readTree(r.body());
            return new Answer(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The code an authenticator app shows now, at {@code clock}'s time. */
    public static String code(String base32Secret, Clock clock) {
        return Totp.code(Base32.decode(base32Secret), Totp.step(clock.instant()));
    }

    /** Password, then the app's code; keeps the session's CSRF token. Fails the test on any refusal. */
    public JsonNode signIn(String username, String password, String secret, Clock clock) {
        Answer p = post("/api/auth/password", "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}");
        if (p.status() != 200 || !"code".equals(p.json().get("next").asText())) {
            throw new AssertionError("password step: " + p);
        }
        Answer c = post("/api/auth/code", "{\"code\":\"" + code(secret, clock) + "\"}");
        if (c.status() != 200) {
            throw new AssertionError("code step: " + c);
        }
        csrf = c.json().get("csrf").asText();
        return c.json();
    }

    /** The signaling socket with this browser's cookies, said hello as {@code app}; the welcome is not read. */
    public WsTestClient socket(String app) {
        WsTestClient ws = WsTestClient.connect(server.httpClient(), server.wsUrl(), server.origin(), cookieHeader());
        ws.send("{\"v\":1,\"type\":\"hello\",\"app\":\"" + app + "\",\"appVersion\":\"test\"}");
        return ws;
    }

    /** The Cookie header this browser sends to the server (the JDK's WebSocket client does not use the jar). */
    public String cookieHeader() {
        StringBuilder s = new StringBuilder();
        for (HttpCookie c : cookies.getCookieStore().getCookies()) {
            s.append(s.length() == 0 ? "" : "; ").append(c.getName()).append('=').append(c.getValue());
        }
        return s.toString();
    }
}
