package org.lucarne.signaling.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The console's audit page over the real API: what each reader sees (admins every entry, a ward
 * manager their wards' entries and nothing of no ward), filters and pages, bad parameters named,
 * and the reading itself recorded.
 */
class AuditApiIT {
    private static final ManualClock CLOCK = new ManualClock(Instant.now());
    private static TestServer server;
    private static Member admin;
    private static Member manager;
    private static StaffClient adminBrowser;
    private static StaffClient managerBrowser;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        StaffFixture fixture = new StaffFixture(server);
        fixture.ward("north", "Patient of north");
        fixture.ward("south", "Patient of south");
        admin = fixture.member("audit-admin", Role.ADMIN, "north");
        manager = fixture.member("audit-manager", Role.WARD_MANAGER, "north");
        adminBrowser = new StaffClient(server);
        adminBrowser.signIn(admin.username(), StaffFixture.PASSWORD, admin.secret(), CLOCK);
        managerBrowser = new StaffClient(server);
        managerBrowser.signIn(manager.username(), StaffFixture.PASSWORD, manager.secret(), CLOCK);
        // Views that leave entries of each ward, and of none (the sign-ins above).
        assertEquals(200, adminBrowser.get("/api/wards/north/visits").status());
        assertEquals(200, managerBrowser.get("/api/wards/north/visits").status());
        assertEquals(200, managerBrowser.get("/api/patients/north-patient").status());
        adminBrowser.get("/api/wards/south/visits"); // refused (not her ward): an entry of ward south
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anAdminReadsEveryEntryNewestFirstWithSignInsIncluded() {
        JsonNode page = adminBrowser.get("/api/audit?limit=200").json();
        List<Long> seqs = new ArrayList<>();
        Set<String> wards = new HashSet<>();
        Set<String> actions = new HashSet<>();
        for (JsonNode e : page.get("entries")) {
            seqs.add(e.get("seq").asLong());
            wards.add(e.get("ward").isNull() ? "none" : e.get("ward").asText());
            actions.add(e.get("action").asText());
        }
        List<Long> sorted = new ArrayList<>(seqs);
        sorted.sort((a, b) -> Long.compare(b, a));
        assertEquals(sorted, seqs, "newest first");
        assertTrue(wards.containsAll(Set.of("north", "south", "none")), wards.toString());
        assertTrue(actions.containsAll(Set.of("sign_in", "visits.viewed", "patient.viewed", "access.refused")),
                actions.toString());
        JsonNode first = page.get("entries").get(0);
        for (String field : List.of("seq", "at", "actor", "action", "target", "ward", "patient", "address", "outcome",
                "detail")) {
            assertTrue(first.has(field), "an entry has " + field + ": " + first);
        }
    }

    @Test
    void aWardManagerReadsOnlyTheEntriesOfTheirWards() {
        JsonNode page = managerBrowser.get("/api/audit?limit=200").json();
        assertTrue(page.get("entries").size() > 0);
        for (JsonNode e : page.get("entries")) {
            assertEquals("north", e.get("ward").asText(), "neither another ward's entries nor sign-ins: " + e);
        }
        assertEquals(403, managerBrowser.get("/api/audit?ward=south").status());
    }

    @Test
    void filtersCombineAndPagesFollowOneAnother() {
        Answer filtered = adminBrowser.get("/api/audit?action=patient.viewed&patient=north-patient&actor=staff:"
                + manager.id());
        assertEquals(200, filtered.status(), filtered.toString());
        assertEquals(1, filtered.json().get("entries").size(), filtered.toString());

        JsonNode one = adminBrowser.get("/api/audit?limit=1").json();
        long next = one.get("next").asLong();
        JsonNode two = adminBrowser.get("/api/audit?limit=1&before=" + next).json();
        assertTrue(two.get("entries").get(0).get("seq").asLong() < one.get("entries").get(0).get("seq").asLong());

        Answer all = adminBrowser.get("/api/audit?limit=200&from=2000-01-01");
        assertTrue(all.json().get("next").isNull() || all.json().get("entries").size() == 200);
    }

    @Test
    void readingTheTrailIsRecordedWithItsFiltersAndNoNames() {
        AuditRows rows = new AuditRows(server.server().database());
        assertEquals(200, adminBrowser.get("/api/audit?action=sign_in&from=2026-01-01").status());
        List<AuditRows.Row> read = rows.since("audit.viewed");
        assertEquals(1, read.size());
        assertEquals("staff:" + admin.id(), read.get(0).actor());
        assertTrue(read.get(0).detailHas("action=sign_in"), read.get(0).detail());
        assertTrue(read.get(0).detailHas("from=2026-01-01"), read.get(0).detail());
    }

    @Test
    void badParametersAreNamedAndNobodyElseReadsTheTrail() {
        assertEquals("action", adminBrowser.get("/api/audit?action=no_such").json().get("field").asText());
        assertEquals("from", adminBrowser.get("/api/audit?from=yesterday").json().get("field").asText());
        assertEquals("before", adminBrowser.get("/api/audit?before=x").json().get("field").asText());
        Answer limit = adminBrowser.get("/api/audit?limit=1000");
        assertEquals(400, limit.status());
        assertTrue(limit.json().get("detail").asText().contains("limit"), limit.toString());
        Answer reversed = adminBrowser.get("/api/audit?from=2026-03-02&to=2026-03-01");
        assertEquals(400, reversed.status());

        JsonNode actions = adminBrowser.get("/api/audit/actions").json();
        List<String> names = new ArrayList<>();
        actions.forEach(a -> names.add(a.asText()));
        assertTrue(names.containsAll(List.of("sign_in", "audit.viewed", "access.refused")), names.toString());
        assertFalse(names.isEmpty());

        StaffClient stranger = new StaffClient(server);
        assertEquals(401, stranger.get("/api/audit").status());
    }
}
