package org.lucarne.signaling.ws.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.lucarne.signaling.ws.protocol.ErrorCode.DUPLICATE_KEY;
import static org.lucarne.signaling.ws.protocol.ErrorCode.MALFORMED_JSON;
import static org.lucarne.signaling.ws.protocol.ErrorCode.NOT_AN_OBJECT;

/**
 * Reads one frame's top-level JSON object into its fields with Jackson's streaming parser (no
 * tree): scalars keep their value, nested objects and arrays are checked and skipped. Strict:
 * malformed text, then a repeated key at any depth, then a non-object, in that order.
 */
final class JsonFields {
    /** A nested object or array: present, but never a valid field value in protocol v1. */
    static final Object STRUCTURE = new Object();
    /** An array whose items are all strings ({@code next_visit}'s names, {@code e2ee_prekeys}' one-time prekeys); an empty array too. */
    record Strings(List<String> values) { }
    /** A non-empty array whose items are all whole numbers that a long holds ({@code e2ee_ack}'s seqs). */
    record Numbers(List<Long> values) { }
    /**
     * An array of objects whose values are all scalars or arrays of strings ({@code e2ee_circle}'s devices,
     * {@code joined}'s ice servers): each object's fields, in order.
     */
    record ObjectList(List<Map<String, Object>> values) { }

    /** A JSON null. */
    static final Object NULL = new Object();
    /** A whole number beyond what a long holds. */
    static final Object HUGE_INTEGER = new Object();
    /** A number written with a fraction or an exponent. */
    static final Object FRACTION = new Object();

    private final JsonFactory strict;
    private final JsonFactory lenient;

    JsonFields() {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(32).maxStringLength(1 << 20).maxNumberLength(32).build();
        strict = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(limits).build();
        lenient = JsonFactory.builder().streamReadConstraints(limits).build();
    }

    /** The top-level fields, in order; values are String, Long, Boolean, {@link Strings} or one of the markers above. */
    Map<String, Object> read(String text) throws ProtocolException {
        try (JsonParser p = strict.createParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ProtocolException(MALFORMED_JSON, "empty frame");
            }
            if (first != JsonToken.START_OBJECT) {
                p.skipChildren();
                requireEnd(p);
                throw new ProtocolException(NOT_AN_OBJECT, "a frame must be a JSON object");
            }
            Map<String, Object> fields = new LinkedHashMap<>(8);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                fields.put(name, value(p, p.nextToken()));
            }
            requireEnd(p);
            return fields;
        } catch (JsonParseException e) {
            String why = e.getOriginalMessage();
            if (why != null && why.startsWith("Duplicate field")) {
                // docs/protocol.md: a cut-off frame is malformed, whatever it repeats.
                requireWellFormed(text);
                throw new ProtocolException(DUPLICATE_KEY, why);
            }
            throw new ProtocolException(MALFORMED_JSON, "not valid JSON: " + why);
        } catch (IOException e) {
            throw new ProtocolException(MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
    }

    private static Object value(JsonParser p, JsonToken t) throws IOException {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? HUGE_INTEGER : p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return FRACTION;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return NULL;
            case START_ARRAY:
                return array(p);
            default:
                p.skipChildren(); // still parsed: malformed text and repeated keys inside are caught
                return STRUCTURE;
        }
    }

    /**
     * The strings of an array of strings, the numbers of an array of whole numbers, or the objects of an array of
     * flat objects; anything else in it (or a mix) makes it a {@link #STRUCTURE}.
     */
    private static Object array(JsonParser p) throws IOException {
        List<String> items = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            items.add(p.getText());
        }
        if (t == JsonToken.END_ARRAY) {
            return new Strings(List.copyOf(items));
        }
        if (t == JsonToken.START_OBJECT && items.isEmpty()) {
            return objects(p);
        }
        if (items.isEmpty()) {
            List<Long> numbers = new ArrayList<>();
            while (t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                numbers.add(p.getLongValue());
                t = p.nextToken();
            }
            if (t == JsonToken.END_ARRAY) {
                return new Numbers(List.copyOf(numbers));
            }
        }
        p.skipChildren(); // the item that is not a string, if it is a structure
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of the array");
            }
            p.skipChildren();
        }
        return STRUCTURE;
    }

    /**
     * From the first object's start: the objects of an array of flat objects (scalars and arrays of strings),
     * else a {@link #STRUCTURE}.
     */
    private static Object objects(JsonParser p) throws IOException {
        List<Map<String, Object>> items = new ArrayList<>();
        JsonToken t = JsonToken.START_OBJECT;
        boolean flat = true;
        while (t == JsonToken.START_OBJECT) {
            Map<String, Object> fields = new LinkedHashMap<>(8);
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    Object inner = array(p); // an array of strings is a value here too (joined's urls)
                    if (inner instanceof Strings) {
                        fields.put(name, inner);
                    } else {
                        flat = false;
                    }
                } else if (v == JsonToken.START_OBJECT) {
                    p.skipChildren();
                    flat = false;
                } else {
                    fields.put(name, value(p, v));
                }
            }
            items.add(fields);
            t = p.nextToken();
        }
        while (t != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new JsonParseException(p, "unexpected end of the array");
            }
            flat = false;
            p.skipChildren();
            t = p.nextToken();
        }
        return flat ? new ObjectList(List.copyOf(items)) : STRUCTURE;
    }

    private static void requireEnd(JsonParser p) throws IOException {
        if (p.nextToken() != null) {
            throw new JsonParseException(p, "trailing content after the JSON value");
        }
    }

    private void requireWellFormed(String text) throws ProtocolException {
        try (JsonParser p = lenient.createParser(text)) {
            while (p.nextToken() != null) {
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new ProtocolException(MALFORMED_JSON, "not valid JSON: " + e.getMessage());
        }
    }
}
