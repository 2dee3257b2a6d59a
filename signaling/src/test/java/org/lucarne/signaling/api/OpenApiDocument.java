package org.lucarne.signaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docs/api/openapi.yaml as the tests read it: its operations (method and path template), what each takes
 * and answers, and its named schemas compiled by a JSON Schema validator (networknt, the OpenAPI 3.1
 * dialect: JSON Schema 2020-12) to check real requests and answers against.
 */
final class OpenApiDocument {
    static final Path FILE = Path.of("..", "docs", "api", "openapi.yaml");
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    /** Where the validator finds the document: a name only, never fetched. */
    private static final String IRI = "https://lucarne.invalid/docs/api/openapi.json";
    private static final String SCHEMAS = "#/components/schemas/";
    private static final Pattern PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: {@code GET /api/wards/{wardId}/visits} and its node in the document. */
    record Operation(String method, String template, JsonNode node) {
        /** {@code GET /api/wards/{wardId}/visits}, as the routes are compared. */
        String key() {
            return method + " " + template;
        }

        /** The setting the route needs to be served at all ({@code x-lucarne-only-when}), if any. */
        Optional<String> onlyWhen() {
            return Optional.ofNullable(node.get("x-lucarne-only-when")).map(JsonNode::asText);
        }

        /** The names in the template, in order: {@code [wardId]}. */
        List<String> pathNames() {
            List<String> names = new ArrayList<>();
            Matcher m = PARAM.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }

        /** Whether {@code path} (without its query) is this operation's template filled in. */
        boolean matches(String path) {
            StringBuilder regex = new StringBuilder();
            Matcher m = PARAM.matcher(template);
            int last = 0;
            while (m.find()) {
                regex.append(Pattern.quote(template.substring(last, m.start()))).append("[^/]+");
                last = m.end();
            }
            regex.append(Pattern.quote(template.substring(last)));
            return path.matches(regex.toString());
        }
    }

    private final JsonNode root;
    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        String json;
        try {
            json = JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), b -> b.schemas(Map.of(IRI, json)));
    }

    static OpenApiDocument load() {
        try {
            return new OpenApiDocument(YAML.readTree(FILE.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }

    JsonNode root() {
        return root;
    }

    /** Every operation, in the document's order. */
    List<Operation> operations() {
        List<Operation> all = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String m : METHODS) {
                if (path.getValue().has(m)) {
                    all.add(new Operation(m.toUpperCase(java.util.Locale.ROOT), path.getKey(), path.getValue().get(m)));
                }
            }
        }
        return all;
    }

    /** The operation {@code method path} is, if documented (the most literal template wins). */
    Optional<Operation> operation(String method, String path) {
        String bare = path.split("\\?", 2)[0];
        return operations().stream().filter(o -> o.method().equals(method) && o.matches(bare))
                .max(Comparator.comparingInt(o -> PARAM.matcher(o.template()).replaceAll("").length()));
    }

    /** The documented methods of the path template {@code template}, upper case. */
    Set<String> methodsOf(String template) {
        Set<String> out = new LinkedHashSet<>();
        JsonNode p = root.path("paths").path(template);
        for (String m : METHODS) {
            if (p.has(m)) {
                out.add(m.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    /** The node a local {@code $ref} ({@code #/components/…}) points to, or a missing node. */
    JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        return root.at(ref.substring(1));
    }

    /** {@code node}, or what it refers to if it is a {@code $ref}. */
    JsonNode deref(JsonNode node) {
        return node.has("$ref") ? resolve(node.get("$ref").asText()) : node;
    }

    /** The parameters of an operation, its path's included, references resolved. */
    List<JsonNode> parameters(Operation op) {
        List<JsonNode> out = new ArrayList<>();
        root.path("paths").path(op.template()).path("parameters").forEach(p -> out.add(deref(p)));
        op.node().path("parameters").forEach(p -> out.add(deref(p)));
        return out;
    }

    /** The named schema a JSON body refers to ({@code visit} for {@code #/components/schemas/visit}), if any. */
    static Optional<String> schemaName(JsonNode mediaType) {
        String ref = mediaType.path("schema").path("$ref").asText("");
        return ref.startsWith(SCHEMAS) ? Optional.of(ref.substring(SCHEMAS.length())) : Optional.empty();
    }

    /** The problems of {@code value} against the named schema; empty when it is valid. */
    List<String> problems(String schemaName, JsonNode value) {
        Schema s = compiled.computeIfAbsent(schemaName, n -> {
            if (root.path("components").path("schemas").path(n).isMissingNode()) {
                throw new AssertionError("no schema '" + n + "' in " + FILE);
            }
            return registry.getSchema(SchemaLocation.of(IRI + SCHEMAS + n));
        });
        List<String> out = new ArrayList<>();
        for (Error e : s.validate(value)) {
            out.add(e.toString());
        }
        return out;
    }

    /** A compiled schema of the JSON Schema 2020-12 meta-schema, which the validator ships. */
    Schema metaSchema() {
        return registry.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
    }
}
