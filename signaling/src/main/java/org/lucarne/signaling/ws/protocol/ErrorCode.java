package org.lucarne.signaling.ws.protocol;

import java.util.Locale;
import java.util.Optional;

/** The stable error codes of docs/protocol.md; clients translate them, never show the message. */
public enum ErrorCode {
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    DUPLICATE_KEY,
    UNSUPPORTED_VERSION,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    INVALID_FIELD,
    HELLO_REQUIRED,
    ALREADY_GREETED,
    RATE_LIMITED,
    INTERNAL;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ErrorCode> fromWire(String s) {
        for (ErrorCode c : values()) {
            if (c.wireName().equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
