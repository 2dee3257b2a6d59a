package org.lucarne.signaling.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lucarne.signaling.api.Json;
import org.lucarne.signaling.config.NotifySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hospital's SMS gateway, over HTTP (docs/operations/notifications.md, "The SMS gateway"): {@code POST} of
 * {@code {"to", "text", "reference"}} with {@code Authorization: Bearer <notify.sms.secret>}, answered
 * {@code 2xx {"id": "<gateway id>"}}. A timeout, an unreachable gateway, 408, 429 and 5xx are passing
 * failures (tried again); 401 and 403 too, as they mean this server's secret is wrong, which the
 * operator fixes; any other 4xx is a refusal, for good. Nothing of the message is logged.
 */
final class SmsGateway {
    private static final Logger LOG = LoggerFactory.getLogger(SmsGateway.class);
    private static final int MAX_ANSWER = 64 * 1024;
    /** What is kept of a gateway's id or error code: a plain token, never free text. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final NotifySettings.Sms settings;
    private final HttpClient http;

    SmsGateway(NotifySettings.Sms settings, HttpClient http) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.http = Objects.requireNonNull(http, "http");
    }

    static HttpClient httpClient(NotifySettings.Sms settings) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    SendOutcome send(String to, String text, String reference) {
        ObjectNode body = Json.object().put("to", to).put("text", text).put("reference", reference);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                    .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                    .header("Authorization", "Bearer " + settings.secret())
                    .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body), StandardCharsets.UTF_8))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException("a JSON object of three strings always writes", e);
        }
        HttpResponse<InputStream> answer;
        byte[] bytes;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                bytes = in.readNBytes(MAX_ANSWER);
            }
        } catch (HttpTimeoutException e) {
            return SendOutcome.Failed.passing("gateway_timeout", "the SMS gateway did not answer within "
                    + settings.timeout().toSeconds() + " s");
        } catch (ConnectException e) {
            return SendOutcome.Failed.passing("gateway_unreachable", "the SMS gateway could not be reached");
        } catch (IOException e) {
            return SendOutcome.Failed.passing("gateway_unreachable", "the connection to the SMS gateway failed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendOutcome.Failed.passing("server_stopping", "the server stopped while sending");
        }
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
            Optional<String> id = field(bytes, "id");
            if (id.isEmpty()) {
                LOG.warn("the SMS gateway took message {} (HTTP {}) without an id of the documented form: its delivery"
                        + " reports cannot be matched by id, only by reference", reference, status);
            }
            return new SendOutcome.Sent(id);
        }
        String code = field(bytes, "error").map(c -> " " + c).orElse("");
        if (status == 401 || status == 403) {
            LOG.error("the SMS gateway refuses Lucarne's secret (HTTP {}): check notify.sms.secret against the"
                    + " gateway's; messages are tried again", status);
            return SendOutcome.Failed.passing("gateway_unauthorized", "the SMS gateway refused this server's secret (HTTP "
                    + status + "): IT must check notify.sms.secret");
        }
        if (status == 408 || status == 429 || status >= 500) {
            return SendOutcome.Failed.passing("gateway_unavailable", "the SMS gateway is unavailable (HTTP " + status
                    + code + ")");
        }
        return SendOutcome.Failed.permanent("gateway_refused", "the SMS gateway refused the message (HTTP " + status
                + code + ")");
    }

    /** A token field of the gateway's JSON answer, if it is one; the gateway's free text is never kept. */
    private static Optional<String> field(byte[] body, String name) {
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            JsonNode v = n == null ? null : n.get(name);
            return v != null && v.isTextual() && TOKEN.matcher(v.textValue()).matches() ? Optional.of(v.textValue())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
