package org.lucarne.bridge.colibri;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One JSON object of a Colibri2 document and where it sits ({@code endpoints[1].transport}), with
 * typed, range-checked reads whose errors name the path. Fields it is never asked about are ignored.
 */
final class JsonIn {
    /** Reads one element of an array whose elements are not all objects. */
    interface Element<T> {
        T read(JsonNode value, String path) throws Colibri2Exception;
    }

    /** Reads one object element of an array. */
    interface ObjectReader<T> {
        T read(JsonIn in) throws Colibri2Exception;
    }

    private final JsonNode node;
    private final String path;

    private JsonIn(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    static JsonIn root(JsonNode node) throws Colibri2Exception {
        if (!node.isObject()) {
            throw new Colibri2Exception("", "the document must be a JSON object");
        }
        return new JsonIn(node, "");
    }

    static JsonIn object(JsonNode value, String path) throws Colibri2Exception {
        if (!value.isObject()) {
            throw new Colibri2Exception(path, "must be an object");
        }
        return new JsonIn(value, path);
    }

    String path() {
        return path;
    }

    String path(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    boolean has(String field) {
        return node.has(field);
    }

    /** Refuses a field JVB knows but this bridge does not implement, rather than silently ignore it. */
    void refuse(String field, String why) throws Colibri2Exception {
        if (node.has(field)) {
            throw new Colibri2Exception(path(field), "is not supported: " + why);
        }
    }

    private JsonNode required(String field) throws Colibri2Exception {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new Colibri2Exception(path(field), "is required");
        }
        return v;
    }

    String string(String field, int min, int max) throws Colibri2Exception {
        return text(required(field), path(field), min, max);
    }

    String optString(String field, int min, int max) throws Colibri2Exception {
        JsonNode v = node.get(field);
        return v == null ? null : text(v, path(field), min, max);
    }

    static String text(JsonNode v, String path, int min, int max) throws Colibri2Exception {
        if (!v.isTextual() || v.textValue().length() < min || v.textValue().length() > max) {
            throw new Colibri2Exception(path, "must be a string of " + min + " to " + max + " characters");
        }
        String s = v.textValue();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new Colibri2Exception(path, "must not contain control characters");
            }
        }
        return s;
    }

    /** A boolean JVB writes only when true: absent is false. */
    boolean flag(String field) throws Colibri2Exception {
        JsonNode v = node.get(field);
        if (v == null) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new Colibri2Exception(path(field), "must be true or false");
        }
        return v.booleanValue();
    }

    long integer(String field, long min, long max) throws Colibri2Exception {
        return integer(required(field), path(field), min, max);
    }

    Long optInteger(String field, long min, long max) throws Colibri2Exception {
        JsonNode v = node.get(field);
        return v == null ? null : integer(v, path(field), min, max);
    }

    /**
     * A whole number, given as a JSON number or, as JVB writes many of them, as a string of
     * decimal digits ({@code "10000"}). Fractions, signs, spaces and exponents are refused.
     */
    static long integer(JsonNode v, String path, long min, long max) throws Colibri2Exception {
        String expected = "must be a whole number from " + min + " to " + max;
        long n;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) {
                throw new Colibri2Exception(path, expected + ", not " + abbreviate(v.asText()));
            }
            n = v.longValue();
        } else if (v.isTextual() && isDigits(v.textValue())) {
            n = Long.parseLong(v.textValue());
        } else {
            throw new Colibri2Exception(path, expected);
        }
        if (n < min || n > max) {
            throw new Colibri2Exception(path, expected + ", not " + n);
        }
        return n;
    }

    private static boolean isDigits(String s) {
        if (s.isEmpty() || s.length() > 18) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    <E extends Enum<E> & WireName> E enumValue(String field, Class<E> type) throws Colibri2Exception {
        return enumValue(required(field), path(field), type);
    }

    <E extends Enum<E> & WireName> E optEnum(String field, Class<E> type) throws Colibri2Exception {
        JsonNode v = node.get(field);
        return v == null ? null : enumValue(v, path(field), type);
    }

    static <E extends Enum<E> & WireName> E enumValue(JsonNode v, String path, Class<E> type) throws Colibri2Exception {
        if (v.isTextual()) {
            for (E e : type.getEnumConstants()) {
                if (e.wireName().equals(v.textValue())) {
                    return e;
                }
            }
        }
        throw new Colibri2Exception(path, "must be one of "
                + Stream.of(type.getEnumConstants()).map(WireName::wireName).collect(Collectors.joining(", ")));
    }

    JsonIn object(String field) throws Colibri2Exception {
        return object(required(field), path(field));
    }

    JsonIn optObject(String field) throws Colibri2Exception {
        JsonNode v = node.get(field);
        return v == null ? null : object(v, path(field));
    }

    /** An optional array; absent reads as an empty list. */
    <T> List<T> array(String field, int maxSize, Element<T> element) throws Colibri2Exception {
        JsonNode v = node.get(field);
        return v == null ? List.of() : elements(v, path(field), maxSize, element);
    }

    /** An optional array of objects; absent reads as an empty list. */
    <T> List<T> objects(String field, int maxSize, ObjectReader<T> reader) throws Colibri2Exception {
        return array(field, maxSize, (value, at) -> reader.read(object(value, at)));
    }

    /** An array that must be there (it may still be empty). */
    <T> List<T> requiredArray(String field, int maxSize, Element<T> element) throws Colibri2Exception {
        return elements(required(field), path(field), maxSize, element);
    }

    static <T> List<T> elements(JsonNode v, String path, int maxSize, Element<T> element) throws Colibri2Exception {
        if (!v.isArray()) {
            throw new Colibri2Exception(path, "must be an array");
        }
        if (v.size() > maxSize) {
            throw new Colibri2Exception(path, "must have at most " + maxSize + " elements");
        }
        List<T> list = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            list.add(element.read(v.get(i), path + "[" + i + "]"));
        }
        return list;
    }

    /** An optional object of string values, in document order; absent reads as empty. */
    Map<String, String> stringMap(String field, int maxSize, int maxValue) throws Colibri2Exception {
        JsonNode v = node.get(field);
        if (v == null) {
            return Map.of();
        }
        JsonIn map = object(v, path(field));
        if (v.size() > maxSize) {
            throw new Colibri2Exception(map.path, "must have at most " + maxSize + " entries");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (var e : v.properties()) {
            String at = map.path(abbreviate(e.getKey()));
            text(TextNode.valueOf(e.getKey()), at + " (the name)", 1, 256);
            result.put(e.getKey(), text(e.getValue(), at, 0, maxValue));
        }
        return Collections.unmodifiableMap(result);
    }

    /** An object of whole numbers from 0 to {@code max}, keyed by names of 1 to {@code maxName} characters. */
    Map<String, Integer> integerMap(String field, int maxSize, int maxName, int max) throws Colibri2Exception {
        JsonIn map = object(required(field), path(field));
        if (map.node.size() > maxSize) {
            throw new Colibri2Exception(map.path, "must have at most " + maxSize + " entries");
        }
        Map<String, Integer> result = new LinkedHashMap<>();
        for (var e : map.node.properties()) {
            String at = map.path(abbreviate(e.getKey()));
            text(TextNode.valueOf(e.getKey()), at + " (the name)", 1, maxName);
            result.put(e.getKey(), (int) integer(e.getValue(), at, 0, max));
        }
        return Collections.unmodifiableMap(result);
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
