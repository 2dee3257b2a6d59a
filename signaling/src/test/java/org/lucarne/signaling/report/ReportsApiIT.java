package org.lucarne.signaling.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffClient.Answer;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.StaffFixture.Member;
import org.lucarne.signaling.testing.TestServer;
import org.lucarne.testing.ManualClock;

/**
 * {@code /api/wards/{id}/reports} and {@code /api/reports} over a real server: what a ward manager and an admin
 * read, in JSON and as CSV, who is refused, and the trail of every reading.
 */
class ReportsApiIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-03-10T09:00:00Z"));
    private static TestServer server;
    private static StaffClient nurse;
    private static StaffClient manager;
    private static StaffClient admin;
    private static StaffClient otherManager;
    private static Member managerMember;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("LUCARNE_TIME_ZONE", "Europe/Paris"), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        for (String w : List.of("own", "second", "other")) {
            fixture.ward(w, "Patient of " + w);
        }
        nurse = signedIn(fixture.member("reports-nurse", Role.NURSE, "own"));
        managerMember = fixture.member("reports-manager", Role.WARD_MANAGER, "own", "second");
        manager = signedIn(managerMember);
        admin = signedIn(fixture.member("reports-admin", Role.ADMIN));
        otherManager = signedIn(fixture.member("reports-other", Role.WARD_MANAGER, "other"));
        // Ward own, 2026-03-09 in Paris: a visit whose call lasted 20 minutes, a no-show, a cancelled one.
        visit("r1", "own", "2026-03-09T09:00:00Z", null, "2026-03-09T09:00:00Z", "2026-03-09T09:10:00Z");
        visit("r2", "own", "2026-03-09T10:00:00Z", null, null, null);
        visit("r3", "own", "2026-03-09T11:00:00Z", "2026-03-08T11:00:00Z", null, null);
        visit("r4", "second", "2026-03-09T11:00:00Z", null, null, null);
        visit("r5", "other", "2026-03-09T11:00:00Z", null, null, null);
    }

    private static void visit(String id, String ward, String start, String cancelledAt, String joinedAt,
                              String callAt) {
        Instant s = Instant.parse(start);
        server.server().database().inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO visit (id, patient_id, tablet_id, starts_at,"
                    + " ends_at, auto_answer, created_at, ended_at, end_reason, first_joined_at, call_started_at)"
                    + " VALUES (?, ?, ?, ?, ?, FALSE, 0, ?, ?, ?, ?)")) {
                ps.setString(1, id);
                ps.setString(2, ward + "-patient");
                ps.setString(3, ward + "-tablet");
                ps.setLong(4, s.toEpochMilli());
                ps.setLong(5, s.plus(Duration.ofMinutes(30)).toEpochMilli());
                ps.setObject(6, cancelledAt == null ? null : Instant.parse(cancelledAt).toEpochMilli(), java.sql.Types.BIGINT);
                ps.setString(7, cancelledAt == null ? null : "cancelled");
                ps.setObject(8, joinedAt == null ? null : Instant.parse(joinedAt).toEpochMilli(), java.sql.Types.BIGINT);
                ps.setObject(9, callAt == null ? null : Instant.parse(callAt).toEpochMilli(), java.sql.Types.BIGINT);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static StaffClient signedIn(Member m) {
        StaffClient c = new StaffClient(server);
        c.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), CLOCK);
        return c;
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** A GET whose answer is not JSON. */
    private static HttpResponse<byte[]> raw(StaffClient c, String path, String... headers) throws IOException,
            InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return c.http().send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void aWardManagerReadsTheirWardsReportDayByDay() {
        AuditRows audit = new AuditRows(server.server().database());
        Answer a = manager.get("/api/wards/own/reports?from=2026-03-08&to=2026-03-10");
        assertEquals(200, a.status(), a.toString());
        JsonNode r = a.json();
        assertEquals("own", r.get("ward").get("id").asText());
        assertEquals("Europe/Paris", r.get("timeZone").asText(), "a ward without settings: time.zone");
        assertEquals("2026-03-08", r.get("from").asText());
        assertEquals(3, r.get("days").size());
        JsonNode day = r.get("days").get(1);
        assertEquals("2026-03-09", day.get("date").asText());
        assertEquals(3, day.get("booked").asInt());
        assertEquals(1, day.get("completed").asInt());
        assertEquals(1, day.get("cancelled").asInt());
        assertEquals(1, day.get("noShow").asInt());
        assertEquals(1, day.get("calls").asInt());
        assertEquals(20 * 60, day.get("averageLengthSeconds").asInt());
        assertEquals(20 * 60, day.get("medianLengthSeconds").asInt());
        assertEquals(0.3333, day.get("completedRate").asDouble());
        assertTrue(r.get("days").get(0).get("completedRate").isNull(), "a day without visits has no rates");
        assertEquals(3, r.get("totals").get("booked").asInt());

        List<AuditRows.Row> viewed = audit.since("report.viewed");
        assertEquals(1, viewed.size());
        assertEquals("staff:" + managerMember.id(), viewed.get(0).actor());
        assertEquals("ward:own", viewed.get(0).target());
        assertEquals("own", viewed.get(0).ward());
        assertEquals("from=2026-03-08 to=2026-03-10 format=json visits=3", viewed.get(0).detail());
    }

    @Test
    void withoutDatesTheLast30DaysUpToTodayInTheWardsZone() {
        JsonNode r = manager.get("/api/wards/own/reports").json();
        assertEquals("2026-02-09", r.get("from").asText());
        assertEquals("2026-03-10", r.get("to").asText());
        assertEquals(30, r.get("days").size());
    }

    @Test
    void theSameReportAsCsvForAFrenchSpreadsheet() throws Exception {
        AuditRows audit = new AuditRows(server.server().database());
        HttpResponse<byte[]> csv = raw(manager, "/api/wards/own/reports?from=2026-03-09&to=2026-03-09&format=csv",
                "Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5");
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv; charset=utf-8; header=present", csv.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("attachment; filename=\"lucarne-report-own-2026-03-09-2026-03-09.csv\"",
                csv.headers().firstValue("Content-Disposition").orElseThrow());
        assertEquals("no-store", csv.headers().firstValue("Cache-Control").orElseThrow());
        byte[] body = csv.body();
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, Arrays.copyOf(body, 3));
        String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("Jour;Réservées;"), lines[0]);
        assertEquals("2026-03-09;3;0;0;1;1;1;1;20,0;20,0;33,3;33,3;33,3", lines[1]);
        assertEquals("Total;3;0;0;1;1;1;1;20,0;20,0;33,3;33,3;33,3", lines[2]);

        HttpResponse<byte[]> accepted = raw(manager, "/api/wards/own/reports?from=2026-03-09&to=2026-03-09",
                "Accept", "text/csv");
        assertEquals("text/csv; charset=utf-8; header=present", accepted.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(new String(accepted.body(), StandardCharsets.UTF_8).startsWith("\uFEFFDay;Booked;"),
                "English without a French Accept-Language");
        assertEquals(List.of("format=csv", "format=csv"), audit.since("report.viewed").stream()
                .map(e -> e.detail().split(" ")[2]).toList());
    }

    @Test
    void nursesAnotherWardsManagerAndUnknownWardsAreRefused() throws Exception {
        AuditRows audit = new AuditRows(server.server().database());
        Answer n = nurse.get("/api/wards/own/reports");
        assertEquals(403, n.status(), n.toString());
        assertEquals("forbidden", n.error());
        assertEquals(403, otherManager.get("/api/wards/own/reports").status());
        assertEquals(403, nurse.get("/api/reports").status());
        assertEquals(404, manager.get("/api/wards/nowhere/reports").status());
        List<AuditRows.Row> refused = audit.since("access.refused");
        assertEquals(3, refused.size());
        assertTrue(refused.stream().allMatch(e -> e.detail().equals("action=report.view")), refused.toString());
        assertEquals(List.of(), audit.since("report.viewed"));
        HttpResponse<byte[]> csv = raw(nurse, "/api/wards/own/reports?format=csv");
        assertEquals(403, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"),
                "a refusal is the API's JSON error, CSV asked or not");
    }

    @Test
    void adminsReadEveryWardAndManagersTheirOwnAcrossWards() throws Exception {
        assertEquals(200, admin.get("/api/wards/other/reports").status(), "an admin reads any ward's report");
        AuditRows audit = new AuditRows(server.server().database());
        JsonNode all = admin.get("/api/reports?from=2026-03-09&to=2026-03-09").json();
        assertEquals(List.of("other", "own", "second"), ids(all.get("wards")), "by name: Ward other, Ward own…");
        assertEquals(5, all.get("totals").get("booked").asInt());
        JsonNode own = all.get("wards").get(1);
        assertEquals("Europe/Paris", own.get("timeZone").asText());
        assertEquals(3, own.get("booked").asInt());
        JsonNode mine = manager.get("/api/reports?from=2026-03-09&to=2026-03-09").json();
        assertEquals(List.of("own", "second"), ids(mine.get("wards")));
        assertEquals(4, mine.get("totals").get("booked").asInt());
        List<AuditRows.Row> viewed = audit.since("report.viewed");
        assertEquals("from=2026-03-09 to=2026-03-09 format=json wards=3 visits=5", viewed.get(0).detail());
        assertEquals(null, viewed.get(0).ward());

        String[] lines = new String(raw(admin, "/api/reports?from=2026-03-09&to=2026-03-09&format=csv").body(),
                StandardCharsets.UTF_8).split("\r\n");
        assertEquals(5, lines.length);
        assertEquals("Ward own;3;0;0;1;1;1;1;20,0;20,0;33,3;33,3;33,3", lines[2]);
        assertEquals("Total;5;0;0;1;1;3;1;20,0;20,0;20,0;20,0;60,0", lines[4]);
    }

    private static List<String> ids(JsonNode wards) {
        return java.util.stream.StreamSupport.stream(wards.spliterator(), false)
                .map(w -> w.get("ward").get("id").asText()).toList();
    }

    @Test
    void aBadPeriodOrFormatNamesItsField() {
        Answer from = manager.get("/api/wards/own/reports?from=2026-13-01");
        assertEquals(400, from.status());
        assertEquals("from", from.json().get("field").asText());
        Answer order = manager.get("/api/wards/own/reports?from=2026-03-10&to=2026-03-01");
        assertEquals("to", order.json().get("field").asText());
        Answer year = manager.get("/api/reports?from=2025-01-01&to=2026-03-01");
        assertEquals("to", year.json().get("field").asText());
        Answer format = manager.get("/api/wards/own/reports?format=xlsx");
        assertEquals(400, format.status());
        assertEquals("format", format.json().get("field").asText());
    }
}
