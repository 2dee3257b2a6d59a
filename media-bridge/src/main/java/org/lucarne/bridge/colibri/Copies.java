package org.lucarne.bridge.colibri;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies for the records: a list or map is never null, and keeps its order. */
final class Copies {
    private Copies() {
    }

    static <T> List<T> list(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    static Map<String, String> map(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Map.of();
        }
        var copy = new LinkedHashMap<String, String>(map);
        copy.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new NullPointerException("parameter names and values are never null");
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
