package org.lucarne.signaling.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.testing.AtRest;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.CapturedLog;
import org.lucarne.signaling.testing.StaffClient;

/**
 * With no SMS gateway nor mail server (the demo), every message goes to the outbox: owner-only files in
 * the data directory, listed by the API to the ward's staff only. What staff do with an invite (show its
 * link, send it again, revoke it) is theirs only, audited, and refused with 404 to another ward. Nothing of
 * the family is logged.
 */
class OutboxIT {
    private static NotifyServer n;
    private Family.Ids family;
    private Family.Ids otherWard;
    private StaffClient nurse;
    private StaffClient stranger;

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

    @BeforeEach
    void families() {
        family = n.family();
        otherWard = n.family();
        nurse = n.nurse(family);
        stranger = n.nurse(otherWard);
    }

    private NotifyServer.Booked bookForJean() {
        return n.book(family, n.timers.clock().instant().plus(Duration.ofHours(2)), Duration.ofMinutes(30),
                family.jean());
    }

    @Test
    void theInviteIsWrittenToTheOutboxOwnerOnlyAndListedForTheWardsStaff() throws Exception {
        NotifyServer.Booked b = bookForJean();
        n.settle();
        String link = b.link(0, n.server.origin());
        String id = NotifyServer.invite(nurse, b.visit().id(), family.jean()).get("messages").get(0).get("id").asText();
        Path outbox = n.server.dataDir().resolve("outbox");
        Path file = outbox.resolve(id + ".txt");
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outbox)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(Files.readString(file).contains(link), Files.readString(file));

        JsonNode mine = message(nurse.get("/api/outbox"), id);
        assertEquals("Jean Dupont", mine.get("contact").get("name").asText());
        assertEquals("Jean Dupont <" + Family.JEAN_EMAIL + ">", mine.get("to").asText());
        assertEquals("invite", mine.get("kind").asText());
        assertTrue(mine.get("subject").asText().startsWith("Visite vidéo avec Marie le mardi 2 juin"));
        assertTrue(mine.get("text").asText().contains(link));
        assertEquals(id, message(nurse.get("/api/outbox?ward=" + family.ward()), id).get("id").asText());

        JsonNode invite = NotifyServer.invite(nurse, b.visit().id(), family.jean());
        assertEquals("sent", invite.get("status").asText());
        assertEquals("outbox", invite.get("channel").asText());

        // The database keeps the link and the outbox's words sealed: its files hold neither in clear.
        AtRest.assertNoneOf(n.server.dataDir().resolve("lucarne.db"), b.invites().get(0).id().value(),
                b.invites().get(0).secret().value(), Family.JEAN_EMAIL, "Jean Dupont", "Visite vidéo avec Marie");
    }

    @Test
    void anotherWardsStaffSeeNothingOfItAndEachRefusalIsAudited() {
        NotifyServer.Booked b = bookForJean();
        n.settle();
        String hash = b.invites().get(0).id().hash();
        AuditRows audit = new AuditRows(n.db());

        assertEquals(404, stranger.get("/api/outbox?ward=" + family.ward()).status());
        assertTrue(stranger.get("/api/outbox").json().get("messages").findValues("visit").stream()
                .noneMatch(v -> v.asText().equals(b.visit().id())));
        assertEquals(404, stranger.get("/api/visits/" + b.visit().id() + "/invites").status());
        for (String action : List.of("link", "resend", "revoke")) {
            StaffClient.Answer a = stranger.post("/api/invites/" + hash + "/" + action, null);
            assertEquals(404, a.status(), action + ": " + a);
        }
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(5, refused.size(), refused.toString());
        assertTrue(refused.stream().allMatch(r -> family.ward().equals(r.ward())), refused.toString());
        assertEquals(List.of("action=contact.view", "action=visit.view", "action=contact.change",
                "action=contact.change", "action=contact.change"), refused.stream().map(AuditRows.Row::detail).toList());
        assertFalse(NotifyServer.invite(nurse, b.visit().id(), family.jean()).get("revoked").asBoolean(),
                "the invite still admits");
    }

    @Test
    void staffShowTheLinkSendItAgainAndRevokeIt() {
        NotifyServer.Booked b = bookForJean();
        n.settle();
        String hash = b.invites().get(0).id().hash();
        AuditRows audit = new AuditRows(n.db());

        StaffClient.Answer link = nurse.post("/api/invites/" + hash + "/link", null);
        assertEquals(200, link.status(), link.toString());
        assertEquals(b.link(0, n.server.origin()), link.json().get("link").asText());
        assertEquals(1, audit.since("invite.link_shown").size());

        StaffClient.Answer again = nurse.post("/api/invites/" + hash + "/resend", null);
        assertEquals(200, again.status(), again.toString());
        assertEquals(409, nurse.post("/api/invites/" + hash + "/resend", null).status(), "one on its way already");
        n.settle();
        JsonNode jean = NotifyServer.invite(nurse, b.visit().id(), family.jean());
        assertEquals(2, jean.get("messages").findValues("kind").stream().filter(k -> k.asText().equals("invite"))
                .count());
        assertEquals("sent", jean.get("status").asText());
        assertEquals(1, audit.since("invite.resent").size());

        StaffClient.Answer revoked = nurse.post("/api/invites/" + hash + "/revoke", null);
        assertEquals(200, revoked.status(), revoked.toString());
        assertTrue(revoked.json().get("revoked").asBoolean());
        assertEquals(1, audit.since("invite.revoked").size());
        assertEquals(200, nurse.post("/api/invites/" + hash + "/revoke", null).status(), "revoking twice does no harm");
        assertEquals(1, audit.since("invite.revoked").size(), "and is recorded once");
        assertEquals(409, nurse.post("/api/invites/" + hash + "/link", null).status());
        assertEquals(409, nurse.post("/api/invites/" + hash + "/resend", null).status());
        jean = NotifyServer.invite(nurse, b.visit().id(), family.jean());
        for (JsonNode m : jean.get("messages")) {
            if (m.get("kind").asText().equals("reminder")) {
                assertEquals("cancelled", m.get("status").asText());
                assertEquals("invite_revoked", m.get("reason").get("code").asText());
            }
        }
    }

    @Test
    void aContactWhoWantsNoMessagesIsGivenTheLinkByStaff() {
        NotifyServer.Booked b = n.book(family, n.timers.clock().instant().plus(Duration.ofHours(2)),
                Duration.ofMinutes(30), family.paul());
        n.settle();
        JsonNode paul = NotifyServer.invite(nurse, b.visit().id(), family.paul());
        assertEquals("not_sent", paul.get("status").asText());
        assertEquals("none", paul.get("contact").get("channel").asText());
        String hash = b.invites().get(0).id().hash();
        assertEquals(409, nurse.post("/api/invites/" + hash + "/resend", null).status());
        assertEquals(b.link(0, n.server.origin()), nurse.post("/api/invites/" + hash + "/link", null).json()
                .get("link").asText());
    }

    @Test
    void nothingOfTheFamilyIsLoggedWhileTheirMessagesAreQueuedAndSent() {
        NotifyServer.Booked b;
        String log;
        try (CapturedLog captured = new CapturedLog()) {
            b = n.book(family, n.timers.clock().instant().plus(Duration.ofMinutes(20)), Duration.ofMinutes(30),
                    family.jean(), family.lou());
            n.settle();
            n.advance(Duration.ofMinutes(6));
            nurse.post("/api/invites/" + b.invites().get(1).id().hash() + "/revoke", null);
            n.settle();
            log = captured.text();
        }
        assertTrue(log.contains(b.visit().id()), "the log names the visit: " + log);
        for (String secret : List.of("Marie", "Dupont", "Jean", "Lou Martin", Family.JEAN_EMAIL, Family.LOU_PHONE,
                "612345678", b.invites().get(0).id().value(), b.invites().get(0).secret().value(),
                b.invites().get(1).id().value())) {
            assertFalse(log.contains(secret), "the log holds '" + secret + "':\n" + log);
        }
    }

    private static JsonNode message(StaffClient.Answer a, String id) {
        assertEquals(200, a.status(), a.toString());
        for (JsonNode m : a.json().get("messages")) {
            if (m.get("id").asText().equals(id)) {
                return m;
            }
        }
        throw new AssertionError("no message " + id + " in " + a);
    }
}
