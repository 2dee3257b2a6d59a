package org.lucarne.signaling.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.signaling.ward.WardSettingsStore;
import org.lucarne.testing.ManualClock;

/**
 * Booking, moving and cancelling visits, a ward's free slots and its week, through the staff API of a
 * real server (docs/staff-api.md, "Booking visits"): the answers' shapes, each refusal's code, message and
 * suggestions, bad requests, and another ward's staff kept out (404, audited). Each test books on a day of
 * its own, in Europe/Paris; the server's clock stands on Monday 2 March 2026, 09:00 there.
 */
class BookingApiIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-02T08:00:00Z"));
    private static final AtomicInteger DAY = new AtomicInteger(3);
    private static TestServer server;
    private static StaffClient nurse;
    private static StaffClient stranger;
    private static Member strangerMember;
    private int day;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("own", "Marie Curie");
        fixture.ward("other", "Irène Joliot");
        server.server().database().inTransaction(c -> {
            WardSettingsStore store = new WardSettingsStore(server.server().database(), CLOCK, BookingFixture.PARIS);
            store.save(c, "own", BookingFixture.settings(), "staff:test");
            store.save(c, "other", BookingFixture.settings(), "staff:test");
            return null;
        });
        Member m = fixture.member("booking-nurse", Role.NURSE, "own");
        nurse = new StaffClient(server);
        nurse.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
        strangerMember = fixture.member("booking-stranger", Role.WARD_MANAGER, "other");
        stranger = new StaffClient(server);
        stranger.signIn(strangerMember.username(), StaffFixture.PASSWORD, strangerMember.secret(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A March day of this test's own, so that no other test's visits count towards the cap. */
    @BeforeEach
    void aDayOfItsOwn() {
        day = DAY.getAndIncrement();
    }

    private long at(int hour, int minute) {
        return LocalDateTime.of(2026, 3, day, hour, minute).atZone(BookingFixture.PARIS).toInstant().toEpochMilli();
    }

    private static String booking(long start, int length, String contacts) {
        return "{\"patient\":\"own-patient\",\"start\":" + start + ",\"length\":" + length + ",\"contacts\":" + contacts
                + "}";
    }

    private Answer book(long start, int length) {
        Answer a = nurse.post("/api/visits", booking(start, length, "[]"));
        assertEquals(201, a.status(), a.toString());
        return a;
    }

    private static List<Long> starts(JsonNode suggestions) {
        List<Long> out = new ArrayList<>();
        suggestions.forEach(s -> {
            assertEquals(s.get("start").asLong() + 30 * 60_000L, s.get("end").asLong(), "slots of the asked length");
            out.add(s.get("start").asLong());
        });
        return out;
    }

    @Test
    void aBookingAnswers201WithTheVisitAndItsInviteLinks() {
        AuditRows audit = new AuditRows(server.server().database());
        Answer a = nurse.post("/api/visits", booking(at(11, 0), 30, "[\"own-contact\"]"));
        assertEquals(201, a.status(), a.toString());
        JsonNode v = a.json().get("visit");
        assertEquals("Marie Curie", v.get("patient").get("name").asText());
        assertEquals("own-tablet", v.get("tablet").get("id").asText(), "the tablet of the patient's bed");
        assertEquals(at(11, 0), v.get("startsAt").asLong());
        assertEquals(at(11, 30), v.get("endsAt").asLong());
        assertEquals("scheduled", v.get("status").asText());
        JsonNode invite = a.json().get("invites").get(0);
        assertEquals("own-contact", invite.get("contact").asText());
        assertTrue(invite.get("link").asText().matches("https://localhost:\\d+/v/[A-Za-z0-9_-]+#[A-Za-z0-9_-]+"),
                invite.toString());
        assertEquals(at(11, 0), invite.get("notBefore").asLong());
        assertEquals(List.of("visit.booked", "invite.issued"), audit.since().stream().map(AuditRows.Row::action).toList());

        Answer read = nurse.get("/api/visits/" + v.get("id").asText());
        assertEquals(200, read.status(), read.toString());
        assertEquals(v, read.json());
        Answer dayList = nurse.get("/api/wards/own/visits?date=2026-03-" + String.format("%02d", day));
        assertEquals(v.get("id").asText(), dayList.json().get("visits").get(0).get("id").asText());
        assertEquals("scheduled", dayList.json().get("visits").get(0).get("status").asText());
    }

    @Test
    void eachRefusalNamesItsRuleWithAMessageAndTheNextFreeSlots() {
        Answer outside = nurse.post("/api/visits", booking(at(19, 45), 30, "[]"));
        assertEquals(409, outside.status());
        assertEquals("outside_visiting_hours", outside.json().get("code").asText());
        assertEquals("outside_visiting_hours", outside.json().get("code").asText());
        assertTrue(outside.json().get("detail").asText().contains("10:00–20:00"), outside.toString());
        day++;
        assertEquals(List.of(at(10, 0), at(10, 15), at(10, 30)), starts(outside.json().get("suggestions")),
                "the next morning");
        day--;

        book(at(11, 0), 30);
        Answer busy = nurse.post("/api/visits", booking(at(11, 30), 30, "[]"));
        assertEquals("tablet_busy", busy.json().get("code").asText(), busy.toString());
        assertEquals(List.of(at(11, 45), at(12, 0), at(12, 15)), starts(busy.json().get("suggestions")));

        Answer length = nurse.post("/api/visits", booking(at(14, 0), 25, "[]"));
        assertEquals("length_not_allowed", length.json().get("code").asText(), length.toString());
        assertEquals(List.of(at(14, 0), at(14, 15), at(14, 30)), starts(length.json().get("suggestions")),
                "of 30 minutes, the next allowed length");

        Answer contact = nurse.post("/api/visits", booking(at(15, 0), 30, "[\"other-contact\"]"));
        assertEquals(409, contact.status());
        assertEquals("contact_not_allowed", contact.json().get("code").asText());
        assertEquals(0, contact.json().get("suggestions").size());

        book(at(15, 0), 30);
        book(at(16, 0), 30);
        Answer cap = nurse.post("/api/visits", booking(at(17, 0), 30, "[]"));
        assertEquals("daily_cap_reached", cap.json().get("code").asText(), cap.toString());
        day++;
        assertEquals(List.of(at(10, 0), at(10, 15), at(10, 30)), starts(cap.json().get("suggestions")));
        day--;

        Answer past = nurse.post("/api/visits", booking(CLOCK.millis() - 3_600_000L, 30, "[]"));
        assertEquals("in_the_past", past.json().get("code").asText(), past.toString());
        assertEquals(3, past.json().get("suggestions").size());
    }

    @Test
    void badRequestsAre400NamingTheField() {
        for (String[] bad : new String[][] {
                {"{\"patient\":\"own-patient\",\"start\":\"tomorrow\",\"length\":30}", "start"},
                {"{\"patient\":\"own-patient\",\"start\":" + at(11, 0) + ",\"length\":0}", "length"},
                {"{\"patient\":\"own-patient\",\"start\":" + at(11, 0) + ",\"length\":30.5}", "length"},
                {"{\"start\":" + at(11, 0) + ",\"length\":30}", "patient"},
                {"{\"patient\":\"own-patient\",\"start\":" + at(11, 0) + ",\"length\":30,\"room\":1}", "room"},
                {"{\"patient\":\"own-patient\",\"start\":" + at(11, 0) + ",\"length\":30,\"contacts\":\"c\"}", "contacts"}}) {
            Answer a = nurse.post("/api/visits", bad[0]);
            assertEquals(400, a.status(), a.toString());
            assertEquals("invalid_request", a.error());
            assertEquals(bad[1], a.json().get("field").asText(), a.toString());
        }
        assertEquals(404, nurse.post("/api/visits", "{\"patient\":\"nobody\",\"start\":" + at(11, 0)
                + ",\"length\":30}").status());
    }

    @Test
    void aVisitIsMovedByTheSameRules() {
        String id = book(at(11, 0), 30).json().get("visit").get("id").asText();
        book(at(14, 0), 60);
        Answer moved = nurse.patch("/api/visits/" + id, "{\"start\":" + at(12, 0) + ",\"length\":45}");
        assertEquals(200, moved.status(), moved.toString());
        assertEquals(at(12, 0), moved.json().get("startsAt").asLong());
        assertEquals(at(12, 45), moved.json().get("endsAt").asLong());
        Answer clash = nurse.patch("/api/visits/" + id, "{\"start\":" + at(14, 30) + "}");
        assertEquals(409, clash.status());
        assertEquals("tablet_busy", clash.json().get("code").asText());
        assertEquals(3, clash.json().get("suggestions").size());
        assertEquals(400, nurse.patch("/api/visits/" + id, "{}").status());
        assertEquals(at(12, 0), nurse.get("/api/visits/" + id).json().get("startsAt").asLong(), "unchanged");
    }

    @Test
    void aCancelledVisitShowsAsCancelledAndFreesItsSlot() {
        String id = book(at(11, 0), 30).json().get("visit").get("id").asText();
        Answer cancelled = nurse.post("/api/visits/" + id + "/cancel", null);
        assertEquals(200, cancelled.status(), cancelled.toString());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        assertEquals("cancelled", cancelled.json().get("endReason").asText());
        assertEquals(200, nurse.post("/api/visits/" + id + "/cancel", null).status(), "again: nothing changes");
        assertEquals("cancelled", nurse.get("/api/visits/" + id).json().get("status").asText());
        book(at(11, 0), 30);
        assertEquals(409, nurse.patch("/api/visits/" + id, "{\"start\":" + at(15, 0) + "}").status(),
                "a cancelled visit is over: it is not moved");
    }

    @Test
    void aWardsFreeSlotsAndWeekAreInItsTimeZone() {
        book(at(10, 0), 60);
        String date = "2026-03-" + String.format("%02d", day);
        Answer free = nurse.get("/api/wards/own/free-slots?date=" + date + "&length=30");
        assertEquals(200, free.status(), free.toString());
        assertEquals("Europe/Paris", free.json().get("timeZone").asText());
        assertEquals(30, free.json().get("length").asInt());
        JsonNode tablet = free.json().get("tablets").get(0);
        assertEquals("own-tablet", tablet.get("id").asText());
        assertEquals("own-patient", tablet.get("patient").get("id").asText());
        assertEquals(at(11, 15), tablet.get("slots").get(0).get("start").asLong(), "after the visit and its cleaning");
        assertEquals(at(19, 30), tablet.get("slots").get(tablet.get("slots").size() - 1).get("start").asLong());
        assertEquals(400, nurse.get("/api/wards/own/free-slots?length=20").status(), "not an allowed length");
        assertEquals(400, nurse.get("/api/wards/own/free-slots?date=tomorrow").status());
        assertEquals(404, nurse.get("/api/wards/own/free-slots?tablet=other-tablet").status());

        Answer week = nurse.get("/api/wards/own/week?from=" + date);
        assertEquals(200, week.status(), week.toString());
        assertEquals(7, week.json().get("days").size());
        JsonNode first = week.json().get("days").get(0);
        assertEquals(date, first.get("date").asText());
        assertEquals("10:00", first.get("hours").get(0).get("opens").asText());
        assertEquals("20:00", first.get("hours").get(0).get("closes").asText());
        assertEquals(at(10, 0), first.get("hours").get(0).get("start").asLong());
        JsonNode visits = week.json().get("tablets").get(0).get("visits");
        assertEquals(1, visits.size());
        assertEquals("scheduled", visits.get(0).get("status").asText());
        JsonNode busy = week.json().get("tablets").get(0).get("busy");
        assertEquals(1, busy.size(), "the visit's use of the tablet, for the console's free times: " + busy);
        assertEquals(at(10, 0), busy.get(0).get("start").asLong());
        assertEquals(at(11, 0), busy.get(0).get("end").asLong(), "before the cleaning buffer");
        String cancelled = book(at(15, 0), 30).json().get("visit").get("id").asText();
        assertEquals(200, nurse.post("/api/visits/" + cancelled + "/cancel", null).status());
        Answer after = nurse.get("/api/wards/own/week?from=" + date);
        assertEquals(2, after.json().get("tablets").get(0).get("visits").size(), "the cancelled visit is shown");
        assertEquals(1, after.json().get("tablets").get(0).get("busy").size(), "but it uses nothing: " + after);
        assertFalse(week.json().get("truncated").asBoolean());
        Answer thisWeek = nurse.get("/api/wards/own/week");
        assertEquals("2026-03-02", thisWeek.json().get("from").asText(), "this week, from Monday");
    }

    @Test
    void anotherWardsStaffCanNeitherSeeNorBookNorMoveNorCancelAVisit() {
        String id = book(at(11, 0), 30).json().get("visit").get("id").asText();
        String notFound = stranger.get("/api/visits/no-such-visit").raw().body();
        AuditRows audit = new AuditRows(server.server().database());
        List<Answer> answers = List.of(
                stranger.get("/api/visits/" + id),
                stranger.patch("/api/visits/" + id, "{\"start\":" + at(15, 0) + "}"),
                stranger.post("/api/visits/" + id + "/cancel", null),
                stranger.post("/api/visits", booking(at(15, 0), 30, "[]")),
                stranger.get("/api/wards/own/free-slots"),
                stranger.get("/api/wards/own/week"));
        for (Answer a : answers) {
            assertEquals(404, a.status(), a.toString());
            assertEquals(notFound, a.raw().body(), "the same answer as for what does not exist");
        }
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(List.of("action=visit.view", "action=visit.change", "action=visit.change", "action=visit.change",
                "action=visit.view", "action=visit.view"), refused.stream().map(AuditRows.Row::detail).toList());
        for (AuditRows.Row r : refused) {
            assertEquals("staff:" + strangerMember.id(), r.actor());
            assertEquals("own", r.ward());
        }
        assertEquals(List.of("visit:" + id, "visit:" + id, "visit:" + id, "patient:own-patient", "ward:own", "ward:own"),
                refused.stream().map(AuditRows.Row::target).toList());
        assertEquals("scheduled", nurse.get("/api/visits/" + id).json().get("status").asText(), "untouched");
        assertEquals(List.of(), audit.since("visit.cancelled"));
    }
}
