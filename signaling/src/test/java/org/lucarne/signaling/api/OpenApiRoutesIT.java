package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.TestServer;

/**
 * docs/api/openapi.yaml and a real server with every optional route switched on (an SMS gateway, the
 * hospital's SSO): every route the server serves is documented and every documented route is served;
 * each says the security the server's guard applies; each answers a caller without a session as its
 * guard says, in a documented answer; a path asked with a method it does not take is {@code 405} with the
 * documented methods in {@code Allow}; the SMS gateway's route and the SSO redirects answer as documented.
 */
class OpenApiRoutesIT {
    private static final String SMS_SECRET = "a-shared-secret-of-the-gateway";
    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static TestServer server;
    private static StaffClient anonymous;
    private static DocumentedApi api;

    @BeforeAll
    static void start() throws IOException {
        int nobody;
        try (ServerSocket s = new ServerSocket(0)) {
            nobody = s.getLocalPort(); // closed: the SMS gateway and the SSO provider are never reached
        }
        server = TestServer.start(Map.of(
                "LUCARNE_NOTIFY_SMS_URL", "http://127.0.0.1:" + nobody + "/send",
                "LUCARNE_NOTIFY_SMS_SECRET", SMS_SECRET,
                "LUCARNE_AUTH_OIDC_ISSUER", "http://localhost:" + nobody + "/issuer",
                "LUCARNE_AUTH_OIDC_CLIENT_ID", "lucarne",
                "LUCARNE_AUTH_OIDC_CLIENT_SECRET", "the-client-secret"));
        anonymous = new StaffClient(server).origin(null);
        api = new DocumentedApi(DOC, server, anonymous);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<Route> routes() {
        return server.server().staff().routes();
    }

    @Test
    void everyServedRouteIsDocumentedAndEveryDocumentedRouteIsServed() {
        Set<String> served = new TreeSet<>();
        routes().forEach(r -> served.add(r.method() + " " + r.template()));
        // The SSO servlet's two stops (sso.SsoServlet): probed below, since they are no API route.
        for (String path : List.of("/auth/oidc/start", "/auth/oidc/callback")) {
            if (send("GET", path).status() == 302) {
                served.add("GET " + path);
            }
        }
        Set<String> documented = DOC.operations().stream().map(OpenApiDocument.Operation::key)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertEquals(Set.of(), undocumented, "served but not in " + OpenApiDocument.FILE);
        assertEquals(Set.of(), notServed, "in " + OpenApiDocument.FILE + " but not served");
        assertEquals(served.size(), routes().size() + 2, "a route is served twice");
    }

    @Test
    void everyRouteDocumentsTheSecurityItsGuardApplies() {
        List<String> problems = new ArrayList<>();
        for (Route r : routes()) {
            OpenApiDocument.Operation op = DOC.operation(r.method(), r.template()).orElseThrow();
            Set<String> documented = new TreeSet<>();
            op.node().path("security").forEach(req -> documented.add(new TreeSet<>(names(req)).toString()));
            boolean changes = !r.method().equals("GET");
            Set<Set<String>> expected = switch (r.access()) {
                case OPEN -> r.template().equals("/api/notify/sms/status") ? Set.of(Set.of("smsGateway")) : Set.of();
                case SIGN_IN -> r.template().equals("/api/auth/password") ? Set.of() : Set.of(Set.of("signIn"));
                case SESSION_IF_ANY -> Set.of(Set.of(), Set.of("csrf", "session"));
                case SIGNED_IN -> Set.of(changes ? Set.of("csrf", "session") : Set.of("session"));
            };
            Set<String> want = expected.stream().map(s -> new TreeSet<>(s).toString()).collect(Collectors.toCollection(TreeSet::new));
            if (!want.equals(documented)) {
                problems.add(op.key() + " (" + r.access() + "): documents " + documented + ", the guard needs " + want);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDocumentedApiRouteAnswersACallerWithoutSessionOrOriginAsItsGuardSays() {
        for (Route r : routes()) {
            OpenApiDocument.Operation op = DOC.operation(r.method(), r.template()).orElseThrow();
            String path = r.template().replaceAll("\\{[^}]+}", "probe-1");
            StaffClient.Answer a = api.checked(op, send(r.method(), path));
            boolean changes = !r.method().equals("GET");
            int expected = switch (r.access()) {
                case OPEN -> changes ? 401 : 200; // the SMS gateway's bearer secret; the sign-in methods
                case SIGN_IN, SESSION_IF_ANY -> 403;
                case SIGNED_IN -> changes ? 403 : 401;
            };
            assertEquals(expected, a.status(), op.key() + ": " + a);
            if (expected == 403) {
                assertEquals("csrf", a.error(), op.key());
            }
        }
    }

    @Test
    void aDocumentedPathAskedWithAnotherMethodIs405WithTheDocumentedMethodsInAllow() {
        Set<String> templates = DOC.operations().stream().map(OpenApiDocument.Operation::template)
                .filter(t -> t.startsWith("/api/")).collect(Collectors.toCollection(TreeSet::new));
        for (String template : templates) {
            Set<String> methods = DOC.methodsOf(template);
            String other = List.of("DELETE", "PUT", "PATCH", "POST", "GET").stream().filter(m -> !methods.contains(m))
                    .findFirst().orElseThrow();
            StaffClient.Answer a = send(other, template.replaceAll("\\{[^}]+}", "probe-1"));
            assertEquals(405, a.status(), other + " " + template + ": " + a);
            assertEquals(String.join(", ", new TreeSet<>(methods)), a.raw().headers().firstValue("Allow").orElse(""),
                    other + " " + template);
            assertEquals(List.of(), DOC.problems("error", a.json()), a.toString());
            assertEquals("method_not_allowed", a.error());
        }
    }

    @Test
    void theSmsGatewaysReportsAnswerAsDocumented() {
        String path = "/api/notify/sms/status";
        StaffClient.Answer wrongSecret = api.withHeaders("POST", path, "{\"reference\":\"m1\",\"status\":\"delivered\"}",
                "Authorization", "Bearer not-the-secret");
        assertEquals(401, wrongSecret.status());
        assertEquals("Bearer", wrongSecret.raw().headers().firstValue("WWW-Authenticate").orElse(""));
        StaffClient.Answer unknown = api.withHeaders("POST", path, "{\"reference\":\"no-such-message\","
                + "\"status\":\"failed\",\"reason\":\"absent_subscriber\",\"id\":\"g-1\"}", "Authorization", "Bearer " + SMS_SECRET);
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals("not_found", unknown.error());
        String badStatus = "{\"reference\":\"m1\",\"status\":\"read\"}";
        assertTrue(!api.requestProblems(DOC.operation("POST", path).orElseThrow(), badStatus).isEmpty());
        StaffClient.Answer refused = api.checked(DOC.operation("POST", path).orElseThrow(), anonymous.send(
                HttpRequest.newBuilder(URI.create(server.url(path))).header("Authorization", "Bearer " + SMS_SECRET)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(badStatus))));
        assertEquals(400, refused.status());
        assertEquals("status", refused.json().path("field").asText());
    }

    @Test
    void theSsoStopsRedirectAsDocumentedAndTakeNothingElse() {
        for (String path : List.of("/auth/oidc/start", "/auth/oidc/callback?state=unknown&code=x")) {
            StaffClient.Answer a = api.get(path);
            assertEquals(302, a.status(), path);
            assertTrue(a.raw().headers().firstValue("Location").orElse("").startsWith("/staff?sso_error="), path + ": "
                    + a.raw().headers().map());
        }
        assertEquals(405, send("POST", "/auth/oidc/start").status());
        assertEquals(404, send("GET", "/auth/oidc/other").status());
    }

    private static StaffClient.Answer send(String method, String path) {
        return anonymous.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    private static List<String> names(JsonNode requirement) {
        List<String> out = new ArrayList<>();
        requirement.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
