package org.lucarne.signaling.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request's JSON body, read strictly: one UTF-8 JSON object, no repeated key, no field the
 * request does not define, each field of the expected JSON type and size. Every problem is a
 * {@code 400 invalid_request} that names the field.
 */
public final class JsonBody {
    /** The largest body read: staff requests are a few small fields. */
    public static final int MAX_BYTES = 16 * 1024;
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '([^']{1,64})'");

    private final ObjectNode root;

    private JsonBody(ObjectNode root) {
        this.root = root;
    }

    /** An empty body is {@code {}}. */
    public static JsonBody parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw ApiException.invalid("the request body is over " + MAX_BYTES / 1024 + " KiB");
        }
        if (bytes.length == 0) {
            return new JsonBody(Json.object());
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.invalid("the request body is not UTF-8");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JacksonException e) {
            Matcher m = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (m.find()) {
                throw ApiException.invalid(m.group(1), "the field '" + m.group(1) + "' appears twice");
            }
            throw ApiException.invalid("the request body is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            return new JsonBody(Json.object());
        }
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.invalid("the request body must be a JSON object");
        }
        return new JsonBody(o);
    }

    /** Refuses any field but {@code allowed}. */
    public JsonBody only(String... allowed) {
        Set<String> ok = new LinkedHashSet<>(Arrays.asList(allowed));
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!ok.contains(name)) {
                throw ApiException.invalid(name, "unknown field '" + name + "'" + (ok.isEmpty() ? ": this request takes"
                        + " no field" : "; this request takes " + String.join(", ", ok)));
            }
        }
        return this;
    }

    public boolean has(String name) {
        return root.has(name);
    }

    /** A required string of {@code min} to {@code max} characters (code points). */
    public String string(String name, int min, int max) {
        return optionalString(name, min, max).orElseThrow(() -> ApiException.invalid(name, "the field '" + name
                + "' is missing"));
    }

    public Optional<String> optionalString(String name, int min, int max) {
        JsonNode n = root.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isTextual()) {
            throw ApiException.invalid(name, "the field '" + name + "' must be a string");
        }
        String s = n.textValue();
        int length = s.codePointCount(0, s.length());
        if (length < min || length > max) {
            throw ApiException.invalid(name, "the field '" + name + "' must have " + min + " to " + max + " characters");
        }
        return Optional.of(s);
    }

    public Optional<Boolean> optionalBoolean(String name) {
        JsonNode n = root.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isBoolean()) {
            throw ApiException.invalid(name, "the field '" + name + "' must be true or false");
        }
        return Optional.of(n.booleanValue());
    }

    /** An optional whole number from {@code min} to {@code max} (a JSON integer, not a string or a fraction). */
    public Optional<Long> optionalLong(String name, long min, long max) {
        JsonNode n = root.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
            throw ApiException.invalid(name, "the field '" + name + "' must be a whole number from " + min + " to " + max);
        }
        return Optional.of(n.longValue());
    }

    /** A required whole number from {@code min} to {@code max}. */
    public long longValue(String name, long min, long max) {
        return optionalLong(name, min, max).orElseThrow(() -> ApiException.invalid(name, "the field '" + name
                + "' is missing"));
    }

    /** An array of up to {@code maxItems} strings of 1 to {@code maxLength} characters, without repeats. */
    public Optional<List<String>> optionalStrings(String name, int maxItems, int maxLength) {
        JsonNode n = root.get(name);
        if (n == null) {
            return Optional.empty();
        }
        if (!n.isArray() || n.size() > maxItems) {
            throw ApiException.invalid(name, "the field '" + name + "' must be an array of at most " + maxItems
                    + " strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isTextual() || item.textValue().isEmpty() || item.textValue().length() > maxLength) {
                throw ApiException.invalid(name, "the field '" + name + "' must hold strings of 1 to " + maxLength
                        + " characters");
            }
            if (out.contains(item.textValue())) {
                throw ApiException.invalid(name, "the field '" + name + "' holds '" + item.textValue() + "' twice");
            }
            out.add(item.textValue());
        }
        return Optional.of(out);
    }

    public List<String> strings(String name, int maxItems, int maxLength) {
        return optionalStrings(name, maxItems, maxLength).orElseThrow(() -> ApiException.invalid(name,
                "the field '" + name + "' is missing"));
    }
}
