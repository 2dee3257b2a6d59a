package org.lucarne.bridge.browser.focus;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.Colibri2Exception;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;

/**
 * The focus's side of Colibri2 over HTTP (docs/colibri2.md): {@code POST /colibri/v2/conferences}
 * and {@code PATCH /colibri/v2/conferences/{meetingId}}, JSON through {@link Colibri2Codec}.
 * Works against a Lucarne bridge or a JVB with its REST API enabled.
 */
public final class Colibri2Client {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final HttpClient http;
    private final Colibri2Codec codec = new Colibri2Codec();

    /** @param base the bridge's HTTP root, for example {@code http://127.0.0.1:8080/} */
    public Colibri2Client(URI base, HttpClient http) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.http = http;
    }

    /** Creates a conference ({@code create: true} and its {@code meeting-id} in the request). */
    public ConferenceModified create(ConferenceModify request) throws IOException {
        if (!request.create() || request.meetingId() == null) {
            throw new IllegalArgumentException("a POST creates a conference: it needs create true and a meeting-id");
        }
        return send("POST", base.resolve("colibri/v2/conferences"), request);
    }

    /** Changes the conference the URL names; the request's {@code meeting-id}, if any, is not sent. */
    public ConferenceModified patch(String meetingId, ConferenceModify request) throws IOException {
        URI uri = base.resolve("colibri/v2/conferences/" + URLEncoder.encode(meetingId, StandardCharsets.UTF_8)
                .replace("+", "%20"));
        ConferenceModify body = new ConferenceModify(null, request.name(), request.create(), request.expire(),
                request.endpoints());
        return send("PATCH", uri, body);
    }

    private ConferenceModified send(String method, URI uri, ConferenceModify request) throws IOException {
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(codec.encodeRequest(request)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Colibri2ClientException(method + " " + uri + " was interrupted");
        } catch (IOException e) {
            throw new Colibri2ClientException(method + " " + uri + " failed: " + e.getMessage());
        }
        String body = response.body() == null ? "" : response.body();
        if (response.statusCode() != 200) {
            throw new Colibri2ClientException(method + " " + uri + " answered " + response.statusCode() + ": "
                    + excerpt(body));
        }
        if (body.isBlank()) {
            return new ConferenceModified(List.of(), null);
        }
        try {
            return codec.decodeResponse(body);
        } catch (Colibri2Exception e) {
            throw new Colibri2ClientException(method + " " + uri + " answered a conference-modified the focus"
                    + " cannot read: " + e.getMessage());
        }
    }

    private static String excerpt(String body) {
        String flat = body.replaceAll("\\s+", " ").strip();
        return flat.isEmpty() ? "(no body)" : flat.length() <= 300 ? flat : flat.substring(0, 300) + "…";
    }

    /** A Colibri2 exchange that failed: the message names the method, URL and what went wrong. */
    public static final class Colibri2ClientException extends IOException {
        private static final long serialVersionUID = 1L;

        Colibri2ClientException(String message) {
            super(message);
        }
    }
}
