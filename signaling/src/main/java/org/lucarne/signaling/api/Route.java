package org.lucarne.signaling.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One API route: a method, a path template ({@code /api/users/{id}/reset}) and what the guard
 * requires before the handler runs.
 */
public record Route(String method, String template, Access access, Handler handler, Pattern pattern,
                    List<String> params) {

    /** What a request must bring before its handler runs. */
    public enum Access {
        /** Nothing: {@code GET /api/auth/methods}. */
        OPEN,
        /** A same-origin {@code Origin} on a state-changing request; no session yet (sign-in steps). */
        SIGN_IN,
        /** Same origin; the CSRF token too if a session is open (sign-out always works). */
        SESSION_IF_ANY,
        /** An open session; on a state-changing request, a same-origin {@code Origin} and its CSRF token. */
        SIGNED_IN
    }

    @FunctionalInterface
    public interface Handler {
        ApiAnswer handle(ApiCall call);
    }

    /** Path parameters: an id of 1 to 128 letters, digits and {@code . _ -}. */
    private static final String PARAM = "([A-Za-z0-9._-]{1,128})";
    private static final Pattern NAME = Pattern.compile("\\{([a-zA-Z]+)}");

    public static Route of(String method, String template, Access access, Handler handler) {
        Objects.requireNonNull(handler, "handler");
        List<String> params = new ArrayList<>();
        Matcher m = NAME.matcher(template);
        StringBuilder regex = new StringBuilder();
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(template.substring(last, m.start()))).append(PARAM);
            params.add(m.group(1));
            last = m.end();
        }
        regex.append(Pattern.quote(template.substring(last)));
        return new Route(method, template, access, handler, Pattern.compile(regex.toString()), List.copyOf(params));
    }

    /** The path's parameters if {@code path} is this route's. */
    Optional<Map<String, String>> match(String path) {
        Matcher m = pattern.matcher(path);
        if (!m.matches()) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < params.size(); i++) {
            values.put(params.get(i), m.group(i + 1));
        }
        return Optional.of(values);
    }
}
