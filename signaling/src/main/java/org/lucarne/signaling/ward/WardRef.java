package org.lucarne.signaling.ward;

import java.util.Objects;

/** A ward as the console names it. */
public record WardRef(String id, String name) {
    public WardRef {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
    }
}
