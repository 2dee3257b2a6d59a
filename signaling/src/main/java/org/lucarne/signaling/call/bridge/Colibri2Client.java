package org.lucarne.signaling.call.bridge;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.lucarne.bridge.colibri.Colibri2Codec;
import org.lucarne.bridge.colibri.Colibri2Exception;
import org.lucarne.bridge.colibri.ConferenceModified;
import org.lucarne.bridge.colibri.ConferenceModify;
import org.lucarne.bridge.colibri.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Colibri2 over HTTP/JSON to one bridge, ours or a real JVB (JVB's {@code doc/rest-colibri2.md}):
 * <pre>
 * POST  /colibri/v2/conferences              create a conference (and its first endpoints)
 * PATCH /colibri/v2/conferences/{meetingId}  add, change or expire endpoints; expire the conference
 * GET   /about/health                        200 when the bridge can take calls
 * GET   /colibri/stats                       its load
 * </pre>
 * Bodies go through media-bridge's {@link Colibri2Codec}. Every failure is a {@link BridgeException}
 * whose kind tells a refusal from an outage. Thread-safe; the secret is sent, never logged.
 */
public final class Colibri2Client {
    private static final Logger LOG = LoggerFactory.getLogger(Colibri2Client.class);
    static final String CONFERENCES = "colibri/v2/conferences";
    /** Error pages and stats are small; Colibri2 answers are bounded by the codec's own limit. */
    private static final int MAX_ANSWER_BYTES = Colibri2Codec.DEFAULT_MAX_BYTES;

    private final Bridge bridge;
    private final HttpClient http;
    private final Duration timeout;
    private final Colibri2Codec codec = new Colibri2Codec();
    private final Consumer<BridgeException> onUnavailable;

    Colibri2Client(Bridge bridge, HttpClient http, Duration timeout, Consumer<BridgeException> onUnavailable) {
        this.bridge = Objects.requireNonNull(bridge, "bridge");
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.onUnavailable = Objects.requireNonNull(onUnavailable, "onUnavailable");
    }

    /** A client of its own (outside a {@link BridgePool}), for one bridge. */
    public static Colibri2Client create(Bridge bridge, Duration timeout) {
        return new Colibri2Client(bridge, httpClient(timeout), timeout, e -> { });
    }

    /** HTTP/1.1 (what JVB's and our bridge's Jetty expect of a plain-HTTP client), no redirects. */
    static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public Bridge bridge() {
        return bridge;
    }

    /** {@code POST /colibri/v2/conferences}: {@code request} must have {@code create} and a {@code meeting-id}. */
    public ConferenceModified createConference(ConferenceModify request) throws BridgeException {
        if (!request.create() || request.meetingId() == null) {
            throw new IllegalArgumentException("a conference is created with create: true and a meeting-id");
        }
        return modified(send("POST", CONFERENCES, codec.encodeRequest(request), false));
    }

    /**
     * {@code PATCH /colibri/v2/conferences/{meetingId}}. The URL names the conference, so the body's
     * {@code meeting-id} is left out (as JVB documents it) whatever {@code request} holds, unless it differs.
     */
    public ConferenceModified modifyConference(String meetingId, ConferenceModify request) throws BridgeException {
        checkMeetingId(meetingId);
        if (request.meetingId() != null && !request.meetingId().equals(meetingId)) {
            throw new IllegalArgumentException("the request names conference " + request.meetingId()
                    + ", not " + meetingId);
        }
        ConferenceModify body = new ConferenceModify(null, request.name(), request.create(), request.expire(),
                request.endpoints());
        return modified(send("PATCH", CONFERENCES + "/" + pathSegment(meetingId), codec.encodeRequest(body), true));
    }

    /** Adds one endpoint ({@code create: true}); the answer carries the bridge's transport for it. */
    public ConferenceModified addEndpoint(String meetingId, Endpoint endpoint) throws BridgeException {
        if (!endpoint.create()) {
            throw new IllegalArgumentException("an endpoint is added with create: true");
        }
        return modifyConference(meetingId, endpointRequest(endpoint));
    }

    /** Changes one endpoint: the browser's transport, its sources, its codecs. */
    public ConferenceModified updateEndpoint(String meetingId, Endpoint endpoint) throws BridgeException {
        if (endpoint.create() || endpoint.expire()) {
            throw new IllegalArgumentException("an update neither creates nor expires the endpoint");
        }
        return modifyConference(meetingId, endpointRequest(endpoint));
    }

    public void expireEndpoint(String meetingId, String endpointId) throws BridgeException {
        modifyConference(meetingId, endpointRequest(Endpoint.expire(endpointId)));
    }

    /** Ends the conference: JVB's documented {@code {"expire": true}}. */
    public void expireConference(String meetingId) throws BridgeException {
        modifyConference(meetingId, ConferenceModify.expireConference());
    }

    /** {@code GET /about/health}: returns when the bridge answers 200; throws otherwise. */
    public void checkHealth() throws BridgeException {
        send("GET", "about/health", null, false);
    }

    /** {@code GET /colibri/stats}: the bridge's load. */
    public BridgeStats stats() throws BridgeException {
        Answer a = send("GET", "colibri/stats", null, false);
        try {
            return BridgeAnswers.stats(a.body);
        } catch (BridgeAnswers.InvalidAnswer e) {
            throw new BridgeException(bridge, BridgeException.Kind.INVALID_ANSWER, a.status, a.request, e.getMessage(),
                    null);
        }
    }

    private static ConferenceModify endpointRequest(Endpoint endpoint) {
        return new ConferenceModify(null, null, false, false, List.of(endpoint));
    }

    private ConferenceModified modified(Answer a) throws BridgeException {
        try {
            return codec.decodeResponse(a.body);
        } catch (Colibri2Exception e) {
            throw new BridgeException(bridge, BridgeException.Kind.INVALID_ANSWER, a.status, a.request,
                    "not a Colibri2 conference-modified: " + BridgeAnswers.clean(e.getMessage()), e);
        }
    }

    private record Answer(String request, int status, String body) {
    }

    /** One exchange; any answer but 200 becomes a {@link BridgeException}. */
    private Answer send(String method, String path, String json, boolean namesConference) throws BridgeException {
        String what = method + " /" + path;
        URI uri = bridge.resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        bridge.secret().ifPresent(s -> b.header("Authorization", "Bearer " + s));
        if (json == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        }
        HttpResponse<String> response = exchange(b.build(), what);
        int status = response.statusCode();
        LOG.debug("bridge {}: {} -> {}", bridge.name(), what, status);
        if (status == 200) {
            return new Answer(what, status, response.body());
        }
        String message = BridgeAnswers.errorMessage(response.headers().firstValue("Content-Type").orElse(null),
                response.body());
        BridgeException.Kind kind;
        String hint = null;
        if (status == 404 && namesConference) {
            kind = BridgeException.Kind.CONFERENCE_GONE;
        } else if (status >= 500 && status <= 599) {
            kind = BridgeException.Kind.UNAVAILABLE;
        } else if (status >= 400 && status <= 499) {
            kind = BridgeException.Kind.REFUSED;
            hint = hint(status, path);
        } else {
            kind = BridgeException.Kind.INVALID_ANSWER;
        }
        throw failed(new BridgeException(bridge, kind, status, what, message, hint, null));
    }

    private static String hint(int status, String path) {
        return switch (status) {
            case 401, 403 -> "check the bridge's shared secret (" + BridgePoolConfig.SHARED_SECRET + ")";
            case 404 -> path.startsWith("colibri/v2")
                    ? "is the bridge's Colibri2 REST API enabled (videobridge.apis.rest.enabled = true)?" : null;
            default -> null;
        };
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) throws BridgeException {
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(request, BoundedBody.handler(MAX_ANSWER_BYTES));
        try {
            // The request's own timeout covers the headers; this bounds the body too.
            return future.get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable(what, "interrupted while waiting for the answer", e);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw unavailable(what, "no answer within " + timeout.toMillis() + " ms", e);
        } catch (CancellationException e) {
            throw unavailable(what, "the request was cancelled", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof BoundedBody.TooLarge || cause.getCause() instanceof BoundedBody.TooLarge) {
                throw failed(new BridgeException(bridge, BridgeException.Kind.INVALID_ANSWER, 0, what,
                        "the answer is larger than " + MAX_ANSWER_BYTES + " bytes", cause));
            }
            throw unavailable(what, describe(cause), cause);
        }
    }

    private static String describe(Throwable cause) {
        String kind = cause instanceof java.net.http.HttpConnectTimeoutException ? "connection timed out"
                : cause instanceof java.net.http.HttpTimeoutException ? "no answer in time"
                : cause instanceof java.net.ConnectException ? "connection refused or unreachable"
                : cause instanceof IOException ? "connection failed" : "request failed";
        String detail = cause.getMessage();
        return detail == null || detail.isBlank() ? kind + " (" + cause.getClass().getSimpleName() + ")"
                : kind + ": " + BridgeAnswers.clean(detail);
    }

    private BridgeException unavailable(String what, String why, Throwable cause) {
        return failed(new BridgeException(bridge, BridgeException.Kind.UNAVAILABLE, 0, what, why, cause));
    }

    private BridgeException failed(BridgeException e) {
        if (e.kind() == BridgeException.Kind.UNAVAILABLE) {
            try {
                onUnavailable.accept(e);
            } catch (RuntimeException listenerFailure) {
                LOG.warn("bridge {}: failure listener threw {}", bridge.name(), listenerFailure.toString());
            }
        }
        return e;
    }

    /** Meeting ids are JVB's: 1 to 256 characters; control characters would not survive a URL. */
    private static void checkMeetingId(String meetingId) {
        if (meetingId == null || meetingId.isEmpty() || meetingId.length() > 256
                || meetingId.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a meeting id is 1 to 256 characters without control characters");
        }
    }

    /** Percent-encodes one path segment (RFC 3986 §3.3): a space is %20, not +. */
    static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
