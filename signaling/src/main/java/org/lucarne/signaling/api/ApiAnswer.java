package org.lucarne.signaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a handler answers: a status, a JSON body (none for 204), cookies to set and other headers; or,
 * where a route says so, a body of another type ({@link #file}: a CSV report).
 */
public record ApiAnswer(int status, JsonNode body, List<String> setCookies, Map<String, String> headers,
                        Content content) {
    /** A body that is not JSON: its media type ({@code text/csv; charset=utf-8}) and its bytes. */
    public record Content(String type, byte[] bytes) {
        public Content {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    public ApiAnswer {
        setCookies = List.copyOf(setCookies);
        headers = Map.copyOf(headers);
        if (body != null && content != null) {
            throw new IllegalArgumentException("an answer has a JSON body or another content, not both");
        }
    }

    public ApiAnswer(int status, JsonNode body, List<String> setCookies, Map<String, String> headers) {
        this(status, body, setCookies, headers, null);
    }

    public ApiAnswer(int status, JsonNode body, List<String> setCookies) {
        this(status, body, setCookies, Map.of());
    }

    public static ApiAnswer ok(JsonNode body) {
        return new ApiAnswer(200, body, List.of());
    }

    public static ApiAnswer created(JsonNode body) {
        return new ApiAnswer(201, body, List.of());
    }

    /** {@code 200} with a body of {@code type} (not JSON), e.g. a CSV file. */
    public static ApiAnswer file(String type, byte[] bytes) {
        return new ApiAnswer(200, null, List.of(), Map.of(), new Content(type, bytes));
    }

    public static ApiAnswer noContent() {
        return new ApiAnswer(204, null, List.of());
    }

    /** This answer, also setting {@code setCookie} (a whole {@code Set-Cookie} value). */
    public ApiAnswer withCookie(String setCookie) {
        List<String> all = new ArrayList<>(setCookies);
        all.add(setCookie);
        return new ApiAnswer(status, body, all, headers, content);
    }

    public ApiAnswer withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiAnswer(status, body, setCookies, all, content);
    }
}
