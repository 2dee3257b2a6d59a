package org.lucarne.signaling.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.StaffClient;

/**
 * WireMock plays the hospital's SMS gateway (docs/operations/notifications.md, "The SMS gateway"): the documented
 * request, success, a 5xx then success after the backoff, a timeout, a refusal shown as failed with its
 * reason, and the gateway's delivery reports with the right and a wrong secret. The server's time is the
 * test's.
 */
class SmsNotificationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "sms-gateway-shared-secret-0123";
    private static final Instant START = Instant.parse("2026-06-02T08:00:00Z");
    private static WireMockServer gateway;
    private static NotifyServer n;
    private Family.Ids family;
    private StaffClient nurse;

    @BeforeAll
    static void start() {
        gateway = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        gateway.start();
        n = new NotifyServer(START, Map.of(
                "LUCARNE_NOTIFY_SMS_URL", "http://127.0.0.1:" + gateway.port() + "/send",
                "LUCARNE_NOTIFY_SMS_SECRET", SECRET,
                "LUCARNE_NOTIFY_SMS_TIMEOUT_SECONDS", "1",
                "LUCARNE_NOTIFY_HELP_PHONE", "01 23 45 67 89"));
    }

    @AfterAll
    static void stop() {
        if (n != null) {
            n.close();
        }
        gateway.stop();
    }

    @BeforeEach
    void family() {
        gateway.resetAll();
        family = n.family();
        nurse = n.nurse(family);
    }

    private NotifyServer.Booked bookForLou() {
        Instant start = n.timers.clock().instant().plus(Duration.ofHours(3));
        return n.book(family, start, Duration.ofMinutes(30), family.lou());
    }

    private List<LoggedRequest> sent() {
        return gateway.findAll(postRequestedFor(urlEqualTo("/send")));
    }

    @Test
    void theTextMessageGoesToTheGatewayAsDocumented() throws IOException {
        gateway.stubFor(post("/send").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"id\": \"gw-42\"}")));
        NotifyServer.Booked b = bookForLou();
        n.settle();

        List<LoggedRequest> requests = sent();
        assertEquals(1, requests.size());
        LoggedRequest r = requests.get(0);
        assertEquals("Bearer " + SECRET, r.getHeader("Authorization"));
        assertTrue(r.getHeader("Content-Type").startsWith("application/json"));
        JsonNode body = JSON.readTree(r.getBodyAsString());
        assertEquals(List.of("to", "text", "reference"), iterable(body));
        assertEquals(Family.LOU_PHONE, body.get("to").asText());
        String text = body.get("text").asText();
        String time = java.time.format.DateTimeFormatter.ofPattern("HH:mm").format(b.visit().startsAt()
                .atZone(Family.PARIS));
        assertEquals("Video visit with Marie on Tuesday 2 June at " + time + " (Paris time). At the time of the visit,"
                + " open this link: " + b.link(0, n.server.origin()) + " Help: 01 23 45 67 89", text);
        assertTrue(SmsText.segments(text) <= 2);

        JsonNode lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("sent", lou.get("status").asText());
        assertEquals("sms", lou.get("channel").asText());
        assertEquals(1, lou.get("attempts").asInt());
        assertEquals(body.get("reference").asText(), lou.get("messages").get(0).get("id").asText());
    }

    private static List<String> iterable(JsonNode o) {
        List<String> names = new java.util.ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void aGatewayErrorIsTriedAgainAfterTheBackoffThenSent() {
        gateway.stubFor(post("/send").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        gateway.stubFor(post("/send").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\": \"gw-43\"}")));
        NotifyServer.Booked b = bookForLou();
        n.settle();
        Instant failedAt = n.timers.clock().instant();

        JsonNode lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("pending", lou.get("status").asText());
        assertEquals(1, lou.get("attempts").asInt());
        assertEquals("gateway_unavailable", lou.get("reason").get("code").asText());
        assertEquals("the SMS gateway is unavailable (HTTP 503)", lou.get("reason").get("message").asText());
        assertEquals(failedAt.plusSeconds(30).toEpochMilli(), lou.get("messages").get(0).get("nextAttemptAt").asLong());

        n.advanceTo(failedAt.plusSeconds(30).minusMillis(1));
        assertEquals(1, sent().size(), "not before the backoff");
        n.advanceTo(failedAt.plusSeconds(30));
        assertEquals(2, sent().size());
        lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("sent", lou.get("status").asText());
        assertEquals(2, lou.get("attempts").asInt());
        assertTrue(lou.get("reason").isNull());
    }

    @Test
    void aGatewayThatDoesNotAnswerInTimeIsTriedAgain() {
        gateway.stubFor(post("/send").willReturn(aResponse().withStatus(200).withBody("{\"id\": \"late\"}")
                .withFixedDelay(3000)));
        NotifyServer.Booked b = bookForLou();
        n.settle();
        JsonNode lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("pending", lou.get("status").asText());
        assertEquals("gateway_timeout", lou.get("reason").get("code").asText());
        assertEquals("the SMS gateway did not answer within 1 s", lou.get("reason").get("message").asText());
    }

    @Test
    void aRefusalIsFinalAndShownWithItsReason() {
        gateway.stubFor(post("/send").willReturn(aResponse().withStatus(400).withHeader("Content-Type",
                "application/json").withBody("{\"error\": \"invalid_number\", \"message\": \"+33612345678 is not a"
                + " mobile\"}")));
        NotifyServer.Booked b = bookForLou();
        n.settle();
        n.advance(Duration.ofMinutes(5));
        assertEquals(1, sent().size(), "a refusal is not tried again");
        JsonNode lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("failed", lou.get("status").asText());
        assertEquals("gateway_refused", lou.get("reason").get("code").asText());
        String words = lou.get("reason").get("message").asText();
        assertEquals("the SMS gateway refused the message (HTTP 400 invalid_number)", words);
        assertFalse(words.contains("+33"), "the gateway's free text, which may hold the number, is not kept");
        assertTrue(lou.get("messages").get(1).get("status").asText().equals("pending"),
                "the reminders still go: the number may be fixed meanwhile");
    }

    @Test
    void deliveryReportsNeedTheSecretAndShowDeliveredOrFailed() throws Exception {
        gateway.stubFor(post("/send").willReturn(aResponse().withStatus(202).withBody("{\"id\": \"gw-44\"}")));
        NotifyServer.Booked b = bookForLou();
        n.settle();
        String reference = NotifyServer.invite(nurse, b.visit().id(), family.lou()).get("messages").get(0).get("id")
                .asText();

        HttpResponse<String> wrong = report("Bearer not-the-secret-at-all", "{\"reference\": \"" + reference
                + "\", \"status\": \"delivered\"}");
        assertEquals(401, wrong.statusCode());
        assertEquals("Bearer", wrong.headers().firstValue("WWW-Authenticate").orElse(""));
        assertEquals(401, report(null, "{\"reference\": \"" + reference + "\", \"status\": \"delivered\"}").statusCode());
        assertEquals("sent", NotifyServer.invite(nurse, b.visit().id(), family.lou()).get("status").asText());

        assertEquals(204, report("Bearer " + SECRET, "{\"reference\": \"" + reference + "\", \"status\": \"delivered\","
                + " \"id\": \"gw-44\"}").statusCode());
        JsonNode lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("delivered", lou.get("status").asText());
        assertTrue(lou.get("messages").get(0).get("deliveredAt").isNumber());

        assertEquals(404, report("Bearer " + SECRET, "{\"reference\": \"AAAAAAAAAAAAAAAAAAAAAA\", \"status\":"
                + " \"delivered\"}").statusCode());
        assertEquals(400, report("Bearer " + SECRET, "{\"reference\": \"" + reference + "\", \"status\": \"read\"}")
                .statusCode());
    }

    @Test
    void anUndeliveredReportShowsTheMessageFailedWithTheGatewaysCode() throws Exception {
        gateway.stubFor(post("/send").willReturn(aResponse().withStatus(200).withBody("{\"id\": \"gw-45\"}")));
        NotifyServer.Booked b = bookForLou();
        n.settle();
        String reference = NotifyServer.invite(nurse, b.visit().id(), family.lou()).get("messages").get(0).get("id")
                .asText();
        assertEquals(204, report("Bearer " + SECRET, "{\"reference\": \"" + reference + "\", \"status\": \"failed\","
                + " \"reason\": \"absent_subscriber\"}").statusCode());
        JsonNode lou = NotifyServer.invite(nurse, b.visit().id(), family.lou());
        assertEquals("failed", lou.get("status").asText());
        assertEquals("undelivered", lou.get("reason").get("code").asText());
        assertEquals("the SMS gateway reports it was not delivered (absent_subscriber)",
                lou.get("reason").get("message").asText());
    }

    private static HttpResponse<String> report(String authorization, String body) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(n.server.url("/api/notify/sms/status")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return n.server.httpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
