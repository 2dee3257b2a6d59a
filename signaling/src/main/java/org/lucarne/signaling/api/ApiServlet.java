package org.lucarne.signaling.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lucarne.signaling.session.ActiveSession;
import org.lucarne.signaling.session.SessionCookies;
import org.lucarne.signaling.session.SessionTokens;
import org.lucarne.signaling.session.Sessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff API under {@code /api/} (docs/staff-api.md): finds the route, applies its guard (same
 * Origin and CSRF token on state-changing requests, an open session where one is needed), runs the
 * handler and writes its JSON. Every answer is JSON (but the files a route answers in another type, a CSV
 * report) and {@code no-store}; a failure the handler did not expect is logged here and answered
 * {@code 500 internal}, without a trace.
 */
public final class ApiServlet extends HttpServlet {
    /** How much of a body over the limit is read and dropped before refusing it (beyond, the connection is closed). */
    private static final long DRAIN_AT_MOST = 1L << 20;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");
    /** {@code X-Lucarne-Request: background}: a page's refresh on a timer, not the person's doing. */
    public static final String BACKGROUND_HEADER = "X-Lucarne-Request";
    public static final String BACKGROUND = "background";

    private final transient List<Route> routes;
    private final transient Sessions sessions;
    private final transient Supplier<String> origin;
    private final transient Predicate<HttpServletRequest> refused;
    private final transient ApiMessages messages = ApiMessages.bundled();

    /**
     * @param origin  the server's public origin, the only one allowed to change anything
     * @param refused requests the API never serves (those arriving on the tablets' listener)
     */
    public ApiServlet(List<Route> routes, Sessions sessions, Supplier<String> origin,
                      Predicate<HttpServletRequest> refused) {
        this.routes = List.copyOf(routes);
        this.sessions = sessions;
        this.origin = origin;
        this.refused = refused;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String method = req.getMethod().toUpperCase(Locale.ROOT);
        String path = req.getRequestURI();
        ApiAnswer answer;
        try {
            answer = dispatch(req, method, path);
        } catch (ApiException e) {
            answer = error(e, req);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            answer = error(new ApiException(500, "internal", "the server failed; nothing was changed. Try again, and"
                    + " tell IT if it goes on"), req);
        }
        write(resp, answer, method.equals("HEAD"));
    }

    private ApiAnswer dispatch(HttpServletRequest req, String method, String path) throws IOException {
        if (refused.test(req)) {
            throw ApiException.notFound();
        }
        Set<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            Optional<Map<String, String>> params = r.match(path);
            if (params.isEmpty()) {
                continue;
            }
            if (!r.method().equals(method) && !(method.equals("HEAD") && r.method().equals("GET"))) {
                allowed.add(r.method());
                continue;
            }
            return run(r, req, method, params.get());
        }
        if (!allowed.isEmpty()) {
            return error(new ApiException(405, "method_not_allowed", path + " takes " + String.join(", ", allowed)), req)
                    .withHeader("Allow", String.join(", ", allowed));
        }
        throw ApiException.notFound();
    }

    private ApiAnswer run(Route r, HttpServletRequest req, String method, Map<String, String> params)
            throws IOException {
        boolean changes = STATE_CHANGING.contains(method);
        if (changes && r.access() != Route.Access.OPEN && !origin.get().equalsIgnoreCase(req.getHeader("Origin"))) {
            throw csrf("the request's Origin is not this server's: it must come from a page of " + origin.get());
        }
        ActiveSession session = null;
        String token = null;
        if (r.access() == Route.Access.SIGNED_IN || r.access() == Route.Access.SESSION_IF_ANY) {
            token = SessionCookies.find(Collections.list(req.getHeaders("Cookie")), SessionCookies.SESSION).orElse(null);
            // A page's own refresh (GET only) says so, and does not count as the person's activity.
            boolean background = !changes && BACKGROUND.equalsIgnoreCase(String.valueOf(req.getHeader(BACKGROUND_HEADER)));
            session = token == null ? null : sessions.check(token, !background).orElse(null);
            if (session == null && r.access() == Route.Access.SIGNED_IN) {
                throw ApiException.notSignedIn();
            }
            if (session != null && changes && !SessionTokens.csrfMatches(token, req.getHeader("X-CSRF-Token"))) {
                throw csrf("the X-CSRF-Token header is missing or wrong: send the csrf value of GET /api/session");
            }
            if (session == null) {
                token = null;
            }
        }
        byte[] body = changes ? readBody(req) : new byte[0];
        if (body.length > 0 && !isJson(req.getContentType())) {
            throw ApiException.invalid("send the body as JSON, with Content-Type: application/json");
        }
        return r.handler().handle(new ApiCall(req, params, body, req.getRemoteAddr(), session, token));
    }

    private static ApiException csrf(String message) {
        return new ApiException(403, "csrf", message);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static byte[] readBody(HttpServletRequest req) throws IOException {
        try (InputStream in = req.getInputStream()) {
            if (req.getContentLengthLong() > JsonBody.MAX_BYTES) {
                throw tooLarge(in);
            }
            byte[] b = in.readNBytes(JsonBody.MAX_BYTES + 1);
            if (b.length > JsonBody.MAX_BYTES) {
                throw tooLarge(in);
            }
            return b;
        }
    }

    /**
     * The refusal of a body over the limit, once the rest of a body of moderate size is read and dropped:
     * a connection closed on unread bytes is reset, and the client may then lose the answer saying why.
     */
    private static ApiException tooLarge(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long left = DRAIN_AT_MOST;
        for (int n; left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0; ) {
            left -= n;
        }
        return ApiException.invalid("the request body is over " + JsonBody.MAX_BYTES / 1024 + " KiB");
    }

    /**
     * {@code {"code", "message", "detail", …}} (docs/staff-api.md, "Errors"): the stable code, the sentence
     * for a person in the request's language, the English detail for logs and developers, and the
     * exception's own fields ({@code field}, {@code retryAfterSeconds}, and any a handler added).
     */
    private ApiAnswer error(ApiException e, HttpServletRequest req) {
        ObjectNode body = Json.object().put("code", e.code())
                .put("message", messages.of(e.code(), req.getHeader("Accept-Language")).orElse(e.getMessage()))
                .put("detail", e.getMessage());
        if (e.field() != null) {
            body.put("field", e.field());
        }
        e.extra().forEach(body::set);
        ApiAnswer a = new ApiAnswer(e.status(), body, List.of());
        if (e.retryAfterSeconds() >= 0) {
            body.put("retryAfterSeconds", e.retryAfterSeconds());
            a = a.withHeader("Retry-After", Long.toString(e.retryAfterSeconds()));
        }
        return a;
    }

    private static void write(HttpServletResponse resp, ApiAnswer a, boolean head) throws IOException {
        resp.setStatus(a.status());
        resp.setHeader("Cache-Control", "no-store");
        for (String c : a.setCookies()) {
            resp.addHeader("Set-Cookie", c);
        }
        a.headers().forEach(resp::setHeader);
        if (a.content() != null) {
            resp.setContentType(a.content().type());
            resp.setContentLength(a.content().bytes().length);
            if (!head) {
                resp.getOutputStream().write(a.content().bytes());
            }
            return;
        }
        if (a.body() == null || head) {
            return;
        }
        byte[] bytes = Json.MAPPER.writeValueAsString(a.body()).getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
