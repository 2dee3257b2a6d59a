package org.lucarne.signaling.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An answer that is a refusal (docs/staff-api.md, "Errors"): the status, the stable code the console
 * translates, an English message for logs and developers, and where said the field at fault or how
 * long to wait. Thrown by handlers; nothing they did is kept (their transaction rolled back).
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final long retryAfterSeconds;
    private final Map<String, JsonNode> extra;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null, -1);
    }

    private ApiException(int status, String code, String message, String field, long retryAfterSeconds) {
        this(status, code, message, field, retryAfterSeconds, Map.of());
    }

    private ApiException(int status, String code, String message, String field, long retryAfterSeconds,
                         Map<String, JsonNode> extra) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
        this.field = field;
        this.retryAfterSeconds = retryAfterSeconds;
        this.extra = Map.copyOf(extra);
    }

    /**
     * The same refusal with one more field in its answer (a booking refusal's {@code suggestions}, say).
     * The names {@code code}, {@code message}, {@code detail} and {@code field} are the answer's own.
     */
    public ApiException with(String name, JsonNode value) {
        if (Set.of("code", "message", "detail", "field", "retryAfterSeconds").contains(name)) {
            throw new IllegalArgumentException(name + " is a field every error answer has");
        }
        Map<String, JsonNode> more = new LinkedHashMap<>(extra);
        more.put(name, value);
        return new ApiException(status, code, getMessage(), field, retryAfterSeconds, more);
    }

    /** The fields a handler added ({@link #with}). */
    public Map<String, JsonNode> extra() {
        return extra;
    }

    /** {@code 400 invalid_request} naming the field at fault. */
    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "invalid_request", message, field, -1);
    }

    /** {@code 400 invalid_request} about the request as a whole. */
    public static ApiException invalid(String message) {
        return new ApiException(400, "invalid_request", message);
    }

    public static ApiException weakPassword(String message) {
        return new ApiException(400, "weak_password", message, "newPassword", -1);
    }

    public static ApiException notSignedIn() {
        return new ApiException(401, "not_signed_in", "not signed in, or the session ended: sign in again");
    }

    public static ApiException forbidden() {
        return new ApiException(403, "forbidden", "your role or wards do not allow this");
    }

    public static ApiException notFound() {
        return new ApiException(404, "not_found", "there is no such thing here");
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, "conflict", message, field, -1);
    }

    public static ApiException tooManyAttempts(long seconds) {
        return new ApiException(429, "too_many_attempts", "too many failed attempts for this account or address: wait "
                + seconds + " s and try again", null, seconds);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    /** How long to wait before trying again, or -1. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
