package org.lucarne.bridge.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes the API's JSON answers, errors included ({@code {"error": "…"}}, never a stack trace). */
final class JsonAnswers {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CONTENT_TYPE = "application/json;charset=utf-8";

    private JsonAnswers() {
    }

    static void send(Response response, Callback callback, int status, String json) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
    }

    static void send(Response response, Callback callback, int status, ObjectNode json) {
        send(response, callback, status, json.toString());
    }

    /**
     * An error answered without reading the request's body: the connection is closed after it
     * (RFC 9112 §9.6), or a client reusing it would find the unread body where it expects the
     * next answer.
     */
    static void refuseUnread(Request request, Response response, Callback callback, int status, String message) {
        if (request.getLength() != 0) {
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        error(response, callback, status, message);
    }

    static void error(Response response, Callback callback, int status, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", message);
        send(response, callback, status, body);
    }
}
