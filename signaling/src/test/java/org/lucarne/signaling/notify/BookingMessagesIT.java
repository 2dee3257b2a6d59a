package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.StaffClient;

/**
 * A nurse books, moves and cancels a visit through the staff API (the booking's own routes), with neither
 * SMS nor e-mail configured, as in the demo: the family's invite, the new time and the cancellation each
 * reach the outbox, where the nurse reads them.
 */
class BookingMessagesIT {
    private static NotifyServer n;

    @BeforeAll
    static void start() {
        n = new NotifyServer(Instant.parse("2026-06-02T08:00:00Z"), Map.of());
    }

    @AfterAll
    static void stop() {
        if (n != null) {
            n.close();
        }
    }

    private static long paris(String local) {
        return LocalDateTime.parse(local).atZone(Family.PARIS).toInstant().toEpochMilli();
    }

    @Test
    void theFamilyHearsOfTheBookingTheMoveAndTheCancellationThroughTheOutbox() {
        Family.Ids family = n.family();
        StaffClient nurse = n.nurse(family);
        StaffClient.Answer booked = nurse.post("/api/visits", "{\"patient\":\"" + family.patient() + "\",\"start\":"
                + paris("2026-06-02T15:00") + ",\"length\":30,\"contacts\":[\"" + family.jean() + "\",\"" + family.lou()
                + "\"]}");
        assertEquals(201, booked.status(), booked.toString());
        String visit = booked.json().get("visit").get("id").asText();
        n.settle();
        List<String> texts = outboxTexts(nurse, visit);
        assertEquals(2, texts.size(), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("visite vidéo avec Marie le mardi 2 juin, de 15h00 à 15h30")),
                texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("Video visit with Marie on Tuesday 2 June at 15:00")),
                "Lou prefers text messages, in English: " + texts);
        String link = booked.json().get("invites").get(0).get("link").asText();
        assertTrue(texts.stream().anyMatch(t -> t.contains(link)), "the link the booking answered is the one sent");

        StaffClient.Answer moved = nurse.patch("/api/visits/" + visit, "{\"start\":" + paris("2026-06-02T17:00")
                + ",\"length\":30}");
        assertEquals(200, moved.status(), moved.toString());
        n.settle();
        texts = outboxTexts(nurse, visit);
        assertEquals(4, texts.size(), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("est déplacée. Elle aura lieu le mardi 2 juin, de 17h00 à"
                + " 17h30")), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("The video visit with Marie has moved to Tuesday 2 June"
                + " at 17:00")), texts.toString());

        StaffClient.Answer cancelled = nurse.post("/api/visits/" + visit + "/cancel", null);
        assertEquals(200, cancelled.status(), cancelled.toString());
        n.settle();
        texts = outboxTexts(nurse, visit);
        assertEquals(6, texts.size(), texts.toString());
        assertTrue(texts.stream().anyMatch(t -> t.contains("prévue le mardi 2 juin à 17h00 (heure de Paris) est"
                + " annulée")), texts.toString());
        for (JsonNode i : nurse.get("/api/visits/" + visit + "/invites").json().get("invites")) {
            assertEquals("cancelled", i.get("kind").asText());
            assertEquals("sent", i.get("status").asText());
        }
    }

    /** The texts of the visit's messages in the ward's outbox. */
    private static List<String> outboxTexts(StaffClient nurse, String visit) {
        StaffClient.Answer a = nurse.get("/api/outbox");
        assertEquals(200, a.status(), a.toString());
        List<String> out = new ArrayList<>();
        for (JsonNode m : a.json().get("messages")) {
            if (m.get("visit").asText().equals(visit)) {
                out.add(m.get("text").asText());
            }
        }
        return out;
    }
}
