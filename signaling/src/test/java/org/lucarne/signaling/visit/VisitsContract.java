package org.lucarne.signaling.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.storage.StorageException;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.visit.VisitException.Problem;
import org.lucarne.testing.ManualClock;

/** What {@link Visits} promises on every dialect. */
abstract class VisitsContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);

    private ManualClock clock;
    private Visits visits;
    private Invites invites;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(NOW);
        visits = new Visits(db, clock);
        invites = new Invites(db, clock);
        Fixture.seed(db, NOW);
    }

    @Test
    void createdVisitIsFoundAsBooked() {
        Instant start = NOW.plus(HOUR).plusNanos(123_456);
        Visit visit = visits.create(new NewVisit("patient-1", "tablet-1", start, start.plus(HOUR), true));
        assertTrue(visit.id().matches("[A-Za-z0-9_-]{22}"), visit.id());
        assertEquals(Instant.ofEpochMilli(start.toEpochMilli()), visit.startsAt());
        assertEquals(Optional.of(visit), visits.find(visit.id()));
        Visit found = visits.find(visit.id()).orElseThrow();
        assertEquals("patient-1", found.patientId());
        assertEquals("tablet-1", found.tabletId());
        assertTrue(found.autoAnswer());
        assertEquals(NOW, found.createdAt());
        assertTrue(found.endedAt().isEmpty());
        assertEquals(Visit.Status.NOT_STARTED, found.statusAt(NOW));
    }

    @Test
    void autoAnswerFalseIsKept() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        assertFalse(visits.find(visit.id()).orElseThrow().autoAnswer());
    }

    @Test
    void unknownVisitIsNotFound() {
        assertTrue(visits.find("nope").isEmpty());
    }

    @Test
    void createRefusedForUnknownPatient() {
        assertProblem(Problem.UNKNOWN_PATIENT, "no patient with id patient-9",
                () -> visits.create(NewVisit.lasting("patient-9", "tablet-1", NOW, HOUR, false)));
    }

    @Test
    void createRefusedForUnknownTablet() {
        assertProblem(Problem.UNKNOWN_TABLET, "no tablet with id tablet-9",
                () -> visits.create(NewVisit.lasting("patient-1", "tablet-9", NOW, HOUR, false)));
    }

    @Test
    void createRefusedForTabletAtAnotherBed() {
        assertProblem(Problem.TABLET_NOT_AT_PATIENTS_BED, "tablet tablet-2 is not at the bed of patient patient-1",
                () -> visits.create(NewVisit.lasting("patient-1", "tablet-2", NOW, HOUR, false)));
    }

    @Test
    void createRefusedForRevokedTablet() {
        assertProblem(Problem.TABLET_REVOKED, "tablet tablet-old is revoked",
                () -> visits.create(NewVisit.lasting("patient-1", "tablet-old", NOW, HOUR, false)));
    }

    @Test
    void createRefusedForEmptyOrPastSlot() {
        assertProblem(Problem.SLOT_EMPTY, "the slot is empty",
                () -> visits.create(new NewVisit("patient-1", "tablet-1", NOW, NOW, false)));
        assertProblem(Problem.SLOT_EMPTY, "the slot is empty",
                () -> visits.create(new NewVisit("patient-1", "tablet-1", NOW.plus(HOUR), NOW, false)));
        assertProblem(Problem.SLOT_OVER, "the slot ended at",
                () -> visits.create(new NewVisit("patient-1", "tablet-1", NOW.minus(HOUR.multipliedBy(2)),
                        NOW, false)));
        assertEquals(0, Fixture.count(db, "SELECT count(*) FROM visit WHERE tablet_id = ?", "tablet-1"));
    }

    @Test
    void createRefusedWhenSlotOverlapsAnotherVisitOfTheTablet() {
        Instant ten = NOW.plus(HOUR);
        Visit first = visits.create(NewVisit.lasting("patient-1", "tablet-1", ten, HOUR, false));
        for (NewVisit clash : List.of(
                NewVisit.lasting("patient-1", "tablet-1", ten.minus(Duration.ofMinutes(30)), HOUR, false),
                NewVisit.lasting("patient-1", "tablet-1", ten.plus(Duration.ofMinutes(30)), HOUR, false),
                NewVisit.lasting("patient-1", "tablet-1", ten.plus(Duration.ofMinutes(10)), Duration.ofMinutes(5),
                        false),
                NewVisit.lasting("patient-1", "tablet-1", ten.minus(HOUR), HOUR.multipliedBy(3), false))) {
            VisitException e = assertThrows(VisitException.class, () -> visits.create(clash));
            assertEquals(Problem.OVERLAPS_ANOTHER_VISIT, e.problem());
            assertTrue(e.getMessage().contains("already has visit " + first.id()), e.getMessage());
        }
        assertEquals(1, Fixture.count(db, "SELECT count(*) FROM visit WHERE tablet_id = ?", "tablet-1"));
    }

    @Test
    void backToBackSlotsAndOtherTabletsDoNotOverlap() {
        visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR), HOUR, false));
        visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR.multipliedBy(2)), HOUR, false));
        visits.create(NewVisit.lasting("patient-2", "tablet-2", NOW, HOUR.multipliedBy(3), false));
        assertEquals(3, Fixture.count(db, "SELECT count(*) FROM visit WHERE tablet_id = ?", "tablet-1"));
    }

    @Test
    void anEndedVisitFreesItsSlot() {
        Visit first = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        assertTrue(visits.end(first.id(), VisitEndReason.CANCELLED));
        Visit second = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        assertEquals(Optional.of(second), visits.currentOnTablet("tablet-1", NOW));
    }

    @Test
    void createReplacingEndsOnlyTheOverlappingVisits() {
        Visit earlier = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        Visit clashing = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR), HOUR, false));
        Visit later = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR.multipliedBy(3)),
                HOUR, false));
        Visit replacement = visits.createReplacing(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR),
                HOUR.multipliedBy(2), false), VisitEndReason.CANCELLED);
        assertTrue(visits.find(earlier.id()).orElseThrow().endedAt().isEmpty());
        assertTrue(visits.find(later.id()).orElseThrow().endedAt().isEmpty());
        Visit replaced = visits.find(clashing.id()).orElseThrow();
        assertEquals(Optional.of(NOW), replaced.endedAt());
        assertEquals(Optional.of(VisitEndReason.CANCELLED), replaced.endReason());
        assertEquals(Optional.of(replacement), visits.currentOnTablet("tablet-1", NOW.plus(HOUR)));
    }

    @Test
    void createReplacingStillChecksTheTablet() {
        assertProblem(Problem.TABLET_REVOKED, "revoked", () -> visits.createReplacing(
                NewVisit.lasting("patient-1", "tablet-old", NOW, HOUR, false), VisitEndReason.CANCELLED));
    }

    @Test
    void currentVisitOfATabletIsTheOneWhoseSlotContainsTheInstant() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR), HOUR, false));
        assertTrue(visits.currentOnTablet("tablet-1", NOW).isEmpty());
        assertEquals(Optional.of(visit), visits.currentOnTablet("tablet-1", NOW.plus(HOUR)));
        assertEquals(Optional.of(visit), visits.currentOnTablet("tablet-1", NOW.plus(HOUR).plus(Duration.ofMinutes(59))));
        assertTrue(visits.currentOnTablet("tablet-1", NOW.plus(HOUR.multipliedBy(2))).isEmpty());
        assertTrue(visits.currentOnTablet("tablet-2", NOW.plus(HOUR)).isEmpty());
    }

    @Test
    void endedVisitIsNoLongerCurrent() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        clock.advance(Duration.ofMinutes(10));
        assertTrue(visits.end(visit.id(), VisitEndReason.ENDED));
        assertTrue(visits.currentOnTablet("tablet-1", clock.instant()).isEmpty());
        assertEquals(visit.id(), visits.currentOnTablet("tablet-1", NOW.plus(Duration.ofMinutes(5))).orElseThrow().id(),
                "before it was ended, it was the current one");
        Visit ended = visits.find(visit.id()).orElseThrow();
        assertEquals(Visit.Status.OVER, ended.statusAt(clock.instant()));
    }

    @Test
    void endKeepsTheFirstReason() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        assertTrue(visits.end(visit.id(), VisitEndReason.DECLINED));
        clock.advance(Duration.ofMinutes(1));
        assertFalse(visits.end(visit.id(), VisitEndReason.ENDED));
        Visit ended = visits.find(visit.id()).orElseThrow();
        assertEquals(Optional.of(VisitEndReason.DECLINED), ended.endReason());
        assertEquals(Optional.of(NOW), ended.endedAt());
    }

    @Test
    void endOfUnknownVisitIsRefused() {
        assertProblem(Problem.UNKNOWN_VISIT, "no visit with id nope", () -> visits.end("nope", VisitEndReason.ENDED));
    }

    @Test
    void inviteAttachesToOneVisitOnly() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        Visit other = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR), HOUR, false));
        Invite invite = invites.create("contact-1", NOW, NOW.plus(HOUR.multipliedBy(3)));
        visits.attachInvite(visit.id(), invite.id());
        visits.attachInvite(visit.id(), invite.id());
        assertProblem(Problem.INVITE_FOR_ANOTHER_VISIT, "already admits to visit " + visit.id(),
                () -> visits.attachInvite(other.id(), invite.id()));
        assertEquals(1, Fixture.count(db, "SELECT count(*) FROM visit_invite WHERE visit_id = ?", visit.id()));
        assertEquals(0, Fixture.count(db, "SELECT count(*) FROM visit_invite WHERE visit_id = ?", other.id()));
    }

    @Test
    void attachRefusesAnotherPatientsInvite() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        Invite invite = invites.create("contact-2", NOW, NOW.plus(HOUR));
        assertProblem(Problem.INVITE_FOR_ANOTHER_PATIENT, "another patient",
                () -> visits.attachInvite(visit.id(), invite.id()));
    }

    @Test
    void attachRefusesUnknownInviteUnknownVisitAndOverVisit() {
        Visit visit = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        Invite invite = invites.create("contact-1", NOW, NOW.plus(HOUR));
        assertProblem(Problem.UNKNOWN_INVITE, "no such invite",
                () -> visits.attachInvite(visit.id(), org.lucarne.signaling.invite.InviteId.generate()));
        assertProblem(Problem.UNKNOWN_VISIT, "no visit with id nope", () -> visits.attachInvite("nope", invite.id()));
        visits.end(visit.id(), VisitEndReason.ENDED);
        assertProblem(Problem.VISIT_OVER, "is over", () -> visits.attachInvite(visit.id(), invite.id()));
    }

    @Test
    void schemaRefusesAnEmptySlotAndAnInviteInTwoVisits() {
        assertThrows(StorageException.class, () -> db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO visit (id, patient_id, tablet_id, starts_at, ends_at,"
                        + " auto_answer, created_at) VALUES ('v', 'patient-1', 'tablet-1', 5, 5, FALSE, 0)");
            }
        }));
        Visit a = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW, HOUR, false));
        Visit b = visits.create(NewVisit.lasting("patient-1", "tablet-1", NOW.plus(HOUR), HOUR, false));
        Invite invite = invites.create("contact-1", NOW, NOW.plus(HOUR));
        visits.attachInvite(a.id(), invite.id());
        assertThrows(StorageException.class, () -> db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO visit_invite (invite_id_hash, visit_id) VALUES ('"
                        + invite.id().hash() + "', '" + b.id() + "')");
            }
        }));
    }

    @Test
    void concurrentBookingsOfOneTabletNeverOverlap() throws Exception {
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Visit>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Instant start = NOW.plus(Duration.ofMinutes(10L * i));
                Callable<Visit> book = () -> {
                    go.await();
                    return visits.create(NewVisit.lasting("patient-1", "tablet-1", start, HOUR, false));
                };
                results.add(pool.submit(book));
            }
            go.countDown();
            int booked = 0;
            for (Future<Visit> f : results) {
                try {
                    f.get();
                    booked++;
                } catch (ExecutionException e) {
                    VisitException refused = (VisitException) e.getCause();
                    assertEquals(Problem.OVERLAPS_ANOTHER_VISIT, refused.problem());
                }
            }
            assertEquals(1, booked);
            assertEquals(1, Fixture.count(db, "SELECT count(*) FROM visit WHERE tablet_id = ?", "tablet-1"));
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertProblem(Problem problem, String messagePart, Runnable action) {
        VisitException e = assertThrows(VisitException.class, action::run);
        assertEquals(problem, e.problem(), e.getMessage());
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }
}
