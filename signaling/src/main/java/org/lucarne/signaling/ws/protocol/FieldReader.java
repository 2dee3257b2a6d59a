package org.lucarne.signaling.ws.protocol;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the fields of one message type, in the order of the spec, and checks when done that
 * nothing else was sent (docs/protocol.md: missing or invalid field first, then unknown ones).
 */
final class FieldReader {
    /** Ids the server makes (visits, participants): 1 to 64 of A–Z a–z 0–9 '-' '_'. */
    static final int MAX_ID_LENGTH = 64;

    private final String type;
    private final Map<String, Object> envelope;
    private final boolean nested;
    private int consumed; // v and type, at the top

    FieldReader(String type, Map<String, Object> envelope) {
        this(type, envelope, false);
    }

    private FieldReader(String type, Map<String, Object> envelope, boolean nested) {
        this.type = type;
        this.envelope = envelope;
        this.nested = nested;
        this.consumed = nested ? 0 : 2;
    }

    String type() {
        return type;
    }

    private Object required(String name) throws ProtocolException {
        Object n = envelope.get(name);
        if (n == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'" + type + "' needs the field '" + name + "'");
        }
        consumed++;
        return n;
    }

    ProtocolException invalid(String name, String expected) {
        return new ProtocolException(ErrorCode.INVALID_FIELD, "'" + name + "' of '" + type + "' must be " + expected);
    }

    boolean has(String name) {
        return envelope.containsKey(name);
    }

    String string(String name, int minLength, int maxLength) throws ProtocolException {
        if (!(required(name) instanceof String s) || s.length() < minLength || s.length() > maxLength) {
            throw invalid(name, "a string of " + minLength + " to " + maxLength + " characters");
        }
        return s;
    }

    /** A string field that may be absent (null then); present, it must be valid, never JSON null. */
    String optionalString(String name, int minLength, int maxLength) throws ProtocolException {
        return has(name) ? string(name, minLength, maxLength) : null;
    }

    /** A language code: 2 or 3 lower-case letters (ISO 639-1 or 639-2). */
    String language(String name) throws ProtocolException {
        if (!(required(name) instanceof String s) || !s.matches("[a-z]{2,3}")) {
            throw invalid(name, "a language code of 2 or 3 lower-case letters");
        }
        return s;
    }

    /** An array of at most {@code maxCount} strings, each {@code minLength} to {@code maxLength} characters. */
    List<String> strings(String name, int maxCount, int minLength, int maxLength) throws ProtocolException {
        if (!(required(name) instanceof JsonFields.Strings list) || list.values().size() > maxCount
                || list.values().stream().anyMatch(s -> s.length() < minLength || s.length() > maxLength)) {
            throw invalid(name, "an array of at most " + maxCount + " strings of " + minLength + " to " + maxLength
                    + " characters");
        }
        return list.values();
    }

    /** An array of {@code minCount} to {@code maxCount} whole numbers, each {@code min} to {@code max}. */
    List<Long> longs(String name, int minCount, int maxCount, long min, long max) throws ProtocolException {
        Object n = required(name);
        List<Long> values = n instanceof JsonFields.Numbers numbers ? numbers.values()
                : n instanceof JsonFields.Strings s && s.values().isEmpty() ? List.of() : null;
        if (values == null || values.size() < minCount || values.size() > maxCount
                || values.stream().anyMatch(v -> v < min || v > max)) {
            throw invalid(name, "an array of " + minCount + " to " + maxCount + " whole numbers from " + min + " to " + max);
        }
        return values;
    }

    /** Bytes as canonical base64url without padding: {@code minBytes} to {@code maxBytes} of them. */
    String bytes(String name, int minBytes, int maxBytes) throws ProtocolException {
        if (!(required(name) instanceof String s) || !isBytes(s, minBytes, maxBytes)) {
            throw invalid(name, bytesExpected(minBytes, maxBytes));
        }
        return s;
    }

    /** An array of {@code minCount} to {@code maxCount} values of exactly {@code length} bytes each, base64url. */
    List<String> byteArrays(String name, int minCount, int maxCount, int length) throws ProtocolException {
        if (!(required(name) instanceof JsonFields.Strings list) || list.values().size() < minCount
                || list.values().size() > maxCount || list.values().stream().anyMatch(s -> !isBytes(s, length, length))) {
            throw invalid(name, "an array of " + minCount + " to " + maxCount + " values of " + length
                    + " bytes, base64url without padding");
        }
        return list.values();
    }

    private static boolean isBytes(String s, int minBytes, int maxBytes) {
        if (s.length() < Base64Url.length(minBytes) || s.length() > Base64Url.length(maxBytes)) {
            return false;
        }
        byte[] b = Base64Url.decodeOrNull(s);
        return b != null && b.length >= minBytes && b.length <= maxBytes;
    }

    private static String bytesExpected(int minBytes, int maxBytes) {
        return (minBytes == maxBytes ? minBytes + " bytes" : minBytes + " to " + maxBytes + " bytes")
                + ", base64url without padding";
    }

    /** Exactly {@code length} bytes as canonical base64url without padding (RFC 4648 §5); the text is returned. */
    String bytes(String name, int length) throws ProtocolException {
        return bytes(name, length, length);
    }

    /**
     * An array of 0 to {@code maxCount} objects, each read by a reader of its own (finish each with
     * {@link #finishItem}), whose messages name them {@code type.name[]} ("'device' of 'e2ee_circle.devices[]'").
     */
    List<FieldReader> objects(String name, int maxCount) throws ProtocolException {
        Object v = required(name);
        List<Map<String, Object>> items;
        if (v instanceof JsonFields.Strings s && s.values().isEmpty()) {
            items = List.of();
        } else if (v instanceof JsonFields.ObjectList o && o.values().size() <= maxCount) {
            items = o.values();
        } else {
            throw invalid(name, "an array of at most " + maxCount + " objects");
        }
        List<FieldReader> readers = new java.util.ArrayList<>(items.size());
        for (Map<String, Object> fields : items) {
            readers.add(new FieldReader(type + "." + name + "[]", fields, true));
        }
        return readers;
    }

    String id(String name) throws ProtocolException {
        if (!(required(name) instanceof String s) || !isId(s)) {
            throw invalid(name, "an id of 1 to " + MAX_ID_LENGTH + " letters, digits, '-' or '_'");
        }
        return s;
    }

    String optionalId(String name) throws ProtocolException {
        return has(name) ? id(name) : null;
    }

    static boolean isId(String s) {
        if (s.isEmpty() || s.length() > MAX_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    long uint(String name, long max) throws ProtocolException {
        if (!(required(name) instanceof Long n) || n < 0 || n > max) {
            throw invalid(name, "a whole number from 0 to " + max);
        }
        return n;
    }

    long longBetween(String name, long min, long max) throws ProtocolException {
        long v = uint(name, max);
        if (v < min) {
            throw invalid(name, "a whole number from " + min + " to " + max);
        }
        return v;
    }

    int intBetween(String name, int min, int max) throws ProtocolException {
        return (int) longBetween(name, min, max);
    }

    boolean bool(String name) throws ProtocolException {
        if (!(required(name) instanceof Boolean b)) {
            throw invalid(name, "true or false");
        }
        return b;
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws ProtocolException {
        if (required(name) instanceof String s) {
            for (E e : type.getEnumConstants()) {
                if (e.name().toLowerCase(Locale.ROOT).equals(s)) {
                    return e;
                }
            }
        }
        throw invalid(name, "one of " + Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
    }

    ErrorCode errorCode(String name) throws ProtocolException {
        if (required(name) instanceof String s) {
            var code = ErrorCode.fromWire(s);
            if (code.isPresent()) {
                return code.get();
            }
        }
        throw invalid(name, "a known error code");
    }

    <M extends Message> M finish(M message) throws ProtocolException {
        return finishItem(message);
    }

    /** Like {@link #finish}, for any record: an object inside a message, whose fields are its components. */
    <R> R finishItem(R message) throws ProtocolException {
        if (envelope.size() != consumed) {
            for (String key : envelope.keySet()) {
                if ((nested || (!key.equals("v") && !key.equals("type"))) && !isRead(key, message)) {
                    throw new ProtocolException(ErrorCode.UNKNOWN_FIELD,
                            "'" + type + "' has no field '" + ProtocolCodec.abbreviate(key) + "'");
                }
            }
        }
        return message;
    }

    private static boolean isRead(String key, Object message) {
        for (var component : message.getClass().getRecordComponents()) {
            if (component.getName().equals(key)) {
                return true;
            }
        }
        return false;
    }
}
