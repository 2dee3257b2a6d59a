package org.lucarne.signaling.ws.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** Appends {@code ,"name":value} members to a frame being encoded (RFC 8259 §7 escaping). */
final class JsonText {
    private JsonText() {
    }

    static void string(StringBuilder b, String name, String value) {
        b.append(",\"").append(name).append("\":\"");
        JsonStringEncoder.getInstance().quoteAsString(value, b);
        b.append('"');
    }

    /** Writes nothing for null: an absent optional field. */
    static void optionalString(StringBuilder b, String name, String value) {
        if (value != null) {
            string(b, name, value);
        }
    }

    /** A JSON array of strings. */
    static void strings(StringBuilder b, String name, java.util.List<String> values) {
        b.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "\"" : ",\"");
            JsonStringEncoder.getInstance().quoteAsString(values.get(i), b);
            b.append('"');
        }
        b.append(']');
    }

    /** A JSON array of whole numbers. */
    static void numbers(StringBuilder b, String name, java.util.List<Long> values) {
        b.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(values.get(i));
        }
        b.append(']');
    }

    static void number(StringBuilder b, String name, long value) {
        b.append(",\"").append(name).append("\":").append(value);
    }

    /** Writes nothing for null: an absent optional field. */
    static void optionalNumber(StringBuilder b, String name, Long value) {
        if (value != null) {
            number(b, name, value);
        }
    }

    /** Writes nothing for null: an absent optional field. */
    static void optionalBool(StringBuilder b, String name, Boolean value) {
        if (value != null) {
            bool(b, name, value);
        }
    }

    static void bool(StringBuilder b, String name, boolean value) {
        b.append(",\"").append(name).append("\":").append(value);
    }
}
