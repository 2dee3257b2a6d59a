package org.lucarne.signaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a handler answers: a status, a JSON body (none for 204), cookies to set and other headers. */
public record ApiAnswer(int status, JsonNode body, List<String> setCookies, Map<String, String> headers) {
    public ApiAnswer {
        setCookies = List.copyOf(setCookies);
        headers = Map.copyOf(headers);
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

    public static ApiAnswer noContent() {
        return new ApiAnswer(204, null, List.of());
    }

    /** This answer, also setting {@code setCookie} (a whole {@code Set-Cookie} value). */
    public ApiAnswer withCookie(String setCookie) {
        List<String> all = new ArrayList<>(setCookies);
        all.add(setCookie);
        return new ApiAnswer(status, body, all, headers);
    }

    public ApiAnswer withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new ApiAnswer(status, body, setCookies, all);
    }
}
