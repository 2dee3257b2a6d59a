package org.lucarne.signaling.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.booking.BookingRule;

/**
 * docs/api/openapi.yaml holds together as a document: OpenAPI 3.1, every {@code $ref} resolves, every path
 * parameter is declared and every declared one is in its path, every operation says who may call it and
 * what it answers, every body is a named schema that is itself valid JSON Schema, nothing declared is
 * unused, and the error codes are those the console translates. Whether it is true of the server:
 * {@code OpenApiRoutesIT} and {@code OpenApiAnswersIT}.
 */
class OpenApiDocumentTest {
    private static final OpenApiDocument DOC = OpenApiDocument.load();
    private static final Path CONSOLE_MESSAGES = Path.of("..", "web-client", "app", "i18n", "en.json");

    @Test
    void isAnOpenApi31DocumentWithAServerAndTags() {
        JsonNode root = DOC.root();
        assertTrue(root.path("openapi").asText().matches("3\\.1\\.\\d+"), "openapi: " + root.path("openapi"));
        assertTrue(root.path("info").hasNonNull("title") && root.path("info").hasNonNull("version"));
        assertTrue(root.path("servers").size() > 0);
        assertTrue(DOC.operations().size() > 40, "operations: " + DOC.operations().size());
    }

    @Test
    void everyReferenceResolvesInsideTheDocument() {
        List<String> broken = new ArrayList<>();
        walk(DOC.root(), "", (where, node) -> {
            JsonNode ref = node.get("$ref");
            if (ref != null && (!ref.isTextual() || DOC.resolve(ref.asText()).isMissingNode())) {
                broken.add(where + ": " + ref);
            }
        });
        assertEquals(List.of(), broken);
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryDeclaredOneIsInItsPath() {
        List<String> problems = new ArrayList<>();
        for (OpenApiDocument.Operation op : DOC.operations()) {
            List<String> declared = new ArrayList<>();
            for (JsonNode p : DOC.parameters(op)) {
                assertTrue(p.hasNonNull("name") && p.hasNonNull("in"), op.key() + ": a parameter without name or in: " + p);
                if (p.get("in").asText().equals("path")) {
                    declared.add(p.get("name").asText());
                    if (!p.path("required").asBoolean(false)) {
                        problems.add(op.key() + ": path parameter " + p.get("name") + " is not required: true");
                    }
                }
            }
            if (!new TreeSet<>(declared).equals(new TreeSet<>(op.pathNames())) || declared.size() != op.pathNames().size()) {
                problems.add(op.key() + ": the path has " + op.pathNames() + ", the parameters declare " + declared);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyOperationSaysWhoMayCallItAndWhatItAnswers() {
        Set<String> ids = new HashSet<>();
        Set<String> schemes = new HashSet<>();
        DOC.root().path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        Set<String> tags = new HashSet<>();
        DOC.root().path("tags").forEach(t -> tags.add(t.path("name").asText()));
        List<String> problems = new ArrayList<>();
        for (OpenApiDocument.Operation op : DOC.operations()) {
            JsonNode n = op.node();
            if (!ids.add(n.path("operationId").asText(""))) {
                problems.add(op.key() + ": operationId missing or used twice");
            }
            if (!n.hasNonNull("summary")) {
                problems.add(op.key() + ": no summary");
            }
            if (n.path("tags").size() != 1 || !tags.contains(n.path("tags").get(0).asText())) {
                problems.add(op.key() + ": needs exactly one of the document's tags");
            }
            if (!n.path("security").isArray()) {
                problems.add(op.key() + ": says nothing of security (use [] for none)");
            }
            n.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(s -> {
                if (!schemes.contains(s)) {
                    problems.add(op.key() + ": unknown security scheme " + s);
                }
            }));
            if (n.path("responses").size() == 0) {
                problems.add(op.key() + ": no responses");
            }
            boolean takesInput = n.has("requestBody")
                    || DOC.parameters(op).stream().anyMatch(p -> p.path("in").asText().equals("query"));
            boolean redirects = n.path("responses").has("302");
            if (takesInput && !redirects && !n.path("responses").has("400")) {
                problems.add(op.key() + ": takes a body or a query, so it may answer 400 invalid_request");
            }
            n.path("responses").fieldNames().forEachRemaining(status -> {
                if (!status.matches("[1-5][0-9][0-9]")) {
                    problems.add(op.key() + ": response '" + status + "' is not a status code");
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyJsonBodyIsANamedSchema() {
        List<String> problems = new ArrayList<>();
        for (OpenApiDocument.Operation op : DOC.operations()) {
            JsonNode body = DOC.deref(op.node().path("requestBody"));
            body.path("content").fields().forEachRemaining(e -> {
                if (OpenApiDocument.schemaName(e.getValue()).isEmpty()) {
                    problems.add(op.key() + ": the request's " + e.getKey() + " schema is not a #/components/schemas/ $ref");
                }
            });
            op.node().path("responses").fields().forEachRemaining(r -> DOC.deref(r.getValue()).path("content").fields()
                    .forEachRemaining(e -> {
                        if (!e.getKey().equals("application/json") && !e.getKey().equals("text/csv")) {
                            problems.add(op.key() + " " + r.getKey() + ": answers " + e.getKey() + ", not JSON or CSV");
                        } else if (OpenApiDocument.schemaName(e.getValue()).isEmpty()) {
                            problems.add(op.key() + " " + r.getKey() + ": the schema is not a #/components/schemas/ $ref");
                        }
                    }));
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyNamedSchemaIsValidJsonSchema202012() {
        var meta = DOC.metaSchema();
        List<String> problems = new ArrayList<>();
        DOC.root().path("components").path("schemas").fields().forEachRemaining(e -> meta.validate(e.getValue())
                .forEach(error -> problems.add(e.getKey() + ": " + error)));
        assertEquals(List.of(), problems);
    }

    @Test
    void everyDeclaredComponentIsUsed() {
        Set<String> used = new HashSet<>();
        walk(DOC.root(), "", (where, node) -> {
            if (node.has("$ref")) {
                used.add(node.get("$ref").asText());
            }
        });
        DOC.operations().forEach(op -> op.node().path("security").forEach(r -> r.fieldNames()
                .forEachRemaining(s -> used.add("#/components/securitySchemes/" + s))));
        List<String> unused = new ArrayList<>();
        DOC.root().path("components").fields().forEachRemaining(kind -> kind.getValue().fieldNames().forEachRemaining(
                name -> {
                    String ref = "#/components/" + kind.getKey() + "/" + name;
                    if (!used.contains(ref)) {
                        unused.add(ref);
                    }
                }));
        assertEquals(List.of(), unused);
    }

    /** The console translates every code the API gives (error.staff.*), and booking refuses with its rules' codes. */
    @Test
    void errorCodesAreTheConsolesAndTheBookingRulesOnes() throws IOException {
        Set<String> documented = new TreeSet<>();
        DOC.root().at("/components/schemas/error/properties/code/enum").forEach(c -> documented.add(c.asText()));
        Set<String> console = new TreeSet<>();
        new ObjectMapper().readTree(CONSOLE_MESSAGES.toFile()).fieldNames().forEachRemaining(k -> {
            if (k.startsWith("error.staff.") && !k.equals("error.staff.network")) { // network: the console's own
                console.add(k.substring("error.staff.".length()));
            }
        });
        console.add("method_not_allowed"); // a program's mistake, never the console's
        assertEquals(console, documented);
        for (BookingRule r : BookingRule.values()) {
            assertTrue(documented.contains(r.code()), r.code());
        }
    }

    /** Calls {@code visit} on every object node of the tree, with its JSON pointer. */
    private static void walk(JsonNode node, String where, BiConsumer<String, JsonNode> visit) {
        if (node.isObject()) {
            visit.accept(where, node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                walk(e.getValue(), where + "/" + e.getKey(), visit);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), where + "/" + i, visit);
            }
        }
    }
}
