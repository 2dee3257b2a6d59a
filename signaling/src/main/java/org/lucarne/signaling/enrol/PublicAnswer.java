package org.lucarne.signaling.enrol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.lucarne.signaling.api.ApiException;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.api.JsonBody;
import org.slf4j.Logger;

/**
 * The answers of the tablets' own routes ({@code /enrol}, {@code /kiosk/renew}; docs/api.md, "Tablet enrolment"):
 * JSON, never cached; a refusal is {@code {"error": "<code>", "message": "<what was wrong>"}} (and {@code field}
 * where one field is at fault). No stack trace, no personal data.
 */
final class PublicAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient ObjectNode body;

    private PublicAnswer(int status, ObjectNode body) {
        super(null, null, false, false);
        this.status = status;
        this.body = body;
    }

    static PublicAnswer refusal(int status, String error, String message) {
        return new PublicAnswer(status, Json.object().put("error", error).put("message", message));
    }

    static PublicAnswer notFound() {
        return refusal(404, "not_found", "there is no such request, or the token is not its own");
    }

    static PublicAnswer off() {
        return refusal(503, "enrolment_off", TabletIssuer.OFF);
    }

    /** A refusal of the staff API's body parser, in this form. */
    static PublicAnswer of(ApiException e) {
        ObjectNode o = Json.object().put("error", e.code()).put("message", e.getMessage());
        if (e.field() != null) {
            o.put("field", e.field());
        }
        return new PublicAnswer(e.status(), o);
    }

    /** {@code 409 not_due}: the current certificate may be renewed from {@code renewAfter} on. */
    record NotDue(java.time.Instant renewAfter) {
        PublicAnswer answer() {
            PublicAnswer a = refusal(409, "not_due", "this certificate is renewed in its last 30 days: come back after "
                    + renewAfter);
            a.body.put("renewAfter", renewAfter.toEpochMilli());
            return a;
        }
    }

    ObjectNode body() {
        return body;
    }

    int status() {
        return status;
    }

    /** What a tablet's route does; it may throw a {@link PublicAnswer}. */
    @FunctionalInterface
    interface Work {
        void run() throws IOException;
    }

    /**
     * Runs {@code work}, answering a {@link PublicAnswer} it throws as such, and any other failure {@code 500
     * internal} (logged as {@code what} failed, never shown).
     */
    static void answer(HttpServletResponse resp, Logger log, String what, Work work) throws IOException {
        try {
            work.run();
        } catch (PublicAnswer a) {
            write(resp, a.status(), a.body());
        } catch (RuntimeException e) {
            log.error("{} failed", what, e);
            write(resp, 500, Json.object().put("error", "internal")
                    .put("message", "the server failed; nothing was changed. Try again"));
        }
    }

    /** Writes {@code body} with {@code status}. */
    static void write(HttpServletResponse resp, int status, ObjectNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        resp.setStatus(status);
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/json; charset=utf-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }

    /** The request's JSON body, at most {@link JsonBody#MAX_BYTES}, read strictly. */
    static JsonBody body(HttpServletRequest req) throws IOException {
        String type = String.valueOf(req.getContentType()).split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        byte[] bytes;
        try (InputStream in = req.getInputStream()) {
            bytes = in.readNBytes(JsonBody.MAX_BYTES + 1);
            if (bytes.length > JsonBody.MAX_BYTES) {
                in.skipNBytes(Math.min(Math.max(0, req.getContentLengthLong() - bytes.length), 1L << 20));
            }
        } catch (java.io.EOFException e) {
            bytes = new byte[JsonBody.MAX_BYTES + 1];
        }
        if (bytes.length > 0 && !type.equals("application/json")) {
            throw refusal(400, "invalid_request", "send the body as JSON, with Content-Type: application/json");
        }
        try {
            return JsonBody.parse(bytes);
        } catch (ApiException e) {
            throw of(e);
        }
    }
}
