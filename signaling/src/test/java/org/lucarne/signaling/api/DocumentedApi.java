package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.TestServer;

/**
 * A staff client whose every exchange is held against docs/api/openapi.yaml: the request is a documented
 * operation, its query names are documented parameters and its body fits the documented schema; the
 * answer's status is one the operation documents and its body fits that answer's schema (or is empty
 * where none is documented). Records which operations answered with success, for the tests' coverage.
 */
final class DocumentedApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Operations that answered 2xx or 3xx through any instance, by key. */
    static final Set<String> SUCCEEDED = ConcurrentHashMap.newKeySet();

    private final OpenApiDocument doc;
    private final TestServer server;
    private final StaffClient client;

    DocumentedApi(OpenApiDocument doc, TestServer server, StaffClient client) {
        this.doc = doc;
        this.server = server;
        this.client = client;
    }

    StaffClient client() {
        return client;
    }

    StaffClient.Answer get(String path) {
        return exchange("GET", path, null, true);
    }

    StaffClient.Answer post(String path, String json) {
        return exchange("POST", path, json, true);
    }

    StaffClient.Answer put(String path, String json) {
        return exchange("PUT", path, json, true);
    }

    StaffClient.Answer patch(String path, String json) {
        return exchange("PATCH", path, json, true);
    }

    StaffClient.Answer delete(String path) {
        return exchange("DELETE", path, null, true);
    }

    /**
     * A request the documented schema refuses, sent anyway: asserts that the schema does refuse it, then
     * that the server's answer is documented (a {@code 400}, mostly).
     */
    StaffClient.Answer outsideTheSchema(String method, String path, String json) {
        OpenApiDocument.Operation op = operation(method, path);
        assertTrue(!requestProblems(op, json).isEmpty(), op.key() + ": the documented schema accepts " + json);
        return exchange(method, path, json, false);
    }

    /** A documented request sent with {@code headers} (name, value, …) added. */
    StaffClient.Answer withHeaders(String method, String path, String json, String... headers) {
        OpenApiDocument.Operation op = operation(method, path);
        checkRequest(op, path, json);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return checked(op, client.send(b));
    }

    private StaffClient.Answer exchange(String method, String path, String json, boolean checkRequest) {
        OpenApiDocument.Operation op = operation(method, path);
        if (checkRequest) {
            checkRequest(op, path, json);
        }
        StaffClient.Answer a = switch (method) {
            case "GET" -> client.get(path);
            case "POST" -> client.post(path, json);
            case "PUT" -> client.put(path, json);
            case "PATCH" -> client.patch(path, json);
            case "DELETE" -> client.delete(path);
            default -> throw new IllegalArgumentException(method);
        };
        return checked(op, a);
    }

    private OpenApiDocument.Operation operation(String method, String path) {
        return doc.operation(method, path).orElseThrow(() -> new AssertionError(method + " " + path
                + " is no operation of " + OpenApiDocument.FILE));
    }

    private void checkRequest(OpenApiDocument.Operation op, String path, String json) {
        String[] parts = path.split("\\?", 2);
        if (parts.length == 2) {
            Set<String> documented = new HashSet<>();
            doc.parameters(op).stream().filter(p -> p.path("in").asText().equals("query"))
                    .forEach(p -> documented.add(p.path("name").asText()));
            for (String pair : parts[1].split("&")) {
                String name = pair.split("=", 2)[0];
                assertTrue(documented.contains(name), op.key() + ": the query parameter '" + name
                        + "' is not documented (" + documented + ")");
            }
        }
        List<String> problems = requestProblems(op, json);
        assertEquals(List.of(), problems, op.key() + ": the request " + json + " does not fit the documented schema");
    }

    /** The request body's problems against the documented request schema (none for a body not documented as needed). */
    List<String> requestProblems(OpenApiDocument.Operation op, String json) {
        JsonNode body = doc.deref(op.node().path("requestBody"));
        if (body.isMissingNode()) {
            return json == null ? List.of() : List.of("the operation documents no request body");
        }
        if (json == null) {
            return body.path("required").asBoolean(false) ? List.of("the body is required") : List.of();
        }
        String schema = OpenApiDocument.schemaName(body.path("content").path("application/json")).orElseThrow();
        return doc.problems(schema, parse(json));
    }

    /** Asserts that {@code a} is an answer {@code op} documents, and that its body fits the documented schema. */
    StaffClient.Answer checked(OpenApiDocument.Operation op, StaffClient.Answer a) {
        String status = Integer.toString(a.status());
        JsonNode response = op.node().path("responses").path(status);
        if (response.isMissingNode()) {
            Set<String> documented = new TreeSet<>();
            op.node().path("responses").fieldNames().forEachRemaining(documented::add);
            fail(op.key() + " answered " + status + ", which " + OpenApiDocument.FILE + " does not document ("
                    + documented + "): " + a.raw().body());
        }
        JsonNode contents = doc.deref(response).path("content");
        if (contents.size() == 0) {
            assertEquals("", a.raw().body(), op.key() + " " + status + " documents no body");
        } else {
            String type = a.raw().headers().firstValue("Content-Type").orElse("").split(";", 2)[0].strip();
            JsonNode content = contents.path(type);
            assertTrue(!content.isMissingNode(), op.key() + " " + status + " answered " + type + ", not documented");
            String schema = OpenApiDocument.schemaName(content).orElseThrow();
            JsonNode body = type.equals("application/json") ? a.json() : JSON.getNodeFactory().textNode(a.raw().body());
            List<String> problems = doc.problems(schema, body);
            assertEquals(List.of(), problems, op.key() + " " + status + " does not fit <" + schema + ">: "
                    + a.raw().body());
        }
        if (a.status() < 400) {
            SUCCEEDED.add(op.key());
        }
        return a;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("the test's own request is not JSON: " + json, e);
        }
    }
}
