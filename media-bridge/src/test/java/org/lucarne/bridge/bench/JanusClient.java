package org.lucarne.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * Janus's HTTP API (janus.conf.meetecho.com/docs/rest.html): create a session, attach a plugin,
 * send it a message with a JSEP offer, read the answer by long poll, destroy the session. Every
 * error Janus returns becomes an {@link IOException} with Janus's code and reason.
 */
final class JanusClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    /** @param base e.g. {@code http://127.0.0.1:8088/janus} */
    JanusClient(URI base) {
        this.base = base;
    }

    /** {@code GET /info}: the server's description (version_string, plugins, transports). */
    JsonNode info() throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + "/info")).timeout(TIMEOUT).GET().build());
    }

    long createSession() throws IOException {
        return dataId(post(base, request("create")));
    }

    long attach(long session, String plugin) throws IOException {
        ObjectNode body = request("attach");
        body.put("plugin", plugin);
        return dataId(post(URI.create(base + "/" + session), body));
    }

    /**
     * Sends {@code body} with a JSEP offer to the plugin and returns the SDP of the answer it sends
     * back as an event (after Janus's "ack"), waiting up to 30 s.
     */
    String offer(long session, long handle, ObjectNode pluginBody, String sdp) throws IOException {
        ObjectNode message = request("message");
        message.set("body", pluginBody);
        ObjectNode jsep = message.putObject("jsep");
        jsep.put("type", "offer");
        jsep.put("sdp", sdp);
        jsep.put("trickle", false);
        String transaction = message.get("transaction").asText();
        post(URI.create(base + "/" + session + "/" + handle), message);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode events = send(HttpRequest.newBuilder(URI.create(base + "/" + session + "?maxev=10"))
                    .timeout(TIMEOUT.plusSeconds(5)).GET().build());
            for (JsonNode event : events.isArray() ? events : JSON.createArrayNode().add(events)) {
                if (!transaction.equals(event.path("transaction").asText())) {
                    continue;
                }
                JsonNode answer = event.path("jsep");
                if ("answer".equals(answer.path("type").asText())) {
                    return answer.path("sdp").asText();
                }
                JsonNode error = event.path("plugindata").path("data").path("error");
                if (!error.isMissingNode()) {
                    throw new IOException("Janus plugin refused the offer: " + error.asText());
                }
            }
        }
        throw new IOException("Janus sent no SDP answer within " + TIMEOUT.toSeconds() + " s");
    }

    /** Destroys the session (and hangs up its handles). */
    void destroy(long session) throws IOException {
        post(URI.create(base + "/" + session), request("destroy"));
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static ObjectNode request(String janus) {
        ObjectNode n = JSON.createObjectNode();
        n.put("janus", janus);
        n.put("transaction", UUID.randomUUID().toString());
        return n;
    }

    private JsonNode post(URI uri, ObjectNode body) throws IOException {
        return send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private JsonNode send(HttpRequest request) throws IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for Janus", e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("Janus answered " + request.method() + " " + request.uri().getPath() + " with HTTP "
                    + response.statusCode());
        }
        JsonNode node = JSON.readTree(response.body());
        if ("error".equals(node.path("janus").asText())) {
            JsonNode error = node.path("error");
            throw new IOException("Janus error " + error.path("code").asInt() + " on " + request.uri().getPath() + ": "
                    + error.path("reason").asText());
        }
        return node;
    }

    private static long dataId(JsonNode node) throws IOException {
        JsonNode id = node.path("data").path("id");
        if (!id.canConvertToLong()) {
            throw new IOException("Janus answer has no data.id: " + node);
        }
        return id.asLong();
    }
}
