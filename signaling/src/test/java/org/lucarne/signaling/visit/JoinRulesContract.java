package org.lucarne.signaling.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.InviteId;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.ws.protocol.ErrorCode;
import org.lucarne.testing.ManualClock;

/** Who may join which visit, on every dialect. */
abstract class JoinRulesContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration HOUR = Duration.ofHours(1);
    static final Instant START = NOW.plus(HOUR);
    static final Instant END = START.plus(HOUR);

    private ManualClock clock;
    private Visits visits;
    private Invites invites;
    private JoinRules rules;
    private Visit visit;
    private Invite invite;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(NOW);
        visits = new Visits(db, clock);
        invites = new Invites(db, clock);
        rules = new JoinRules(db, clock);
        Fixture.seed(db, NOW);
        visit = visits.create(new NewVisit("patient-1", "tablet-1", START, END, true));
        invite = invites.create("contact-1", NOW, END);
        visits.attachInvite(visit.id(), invite.id());
    }

    @Test
    void familyJoinAdmittedToTheInvitesVisitDuringTheSlot() {
        clock.set(START);
        JoinDecision.Admitted in = assertInstanceOf(JoinDecision.Admitted.class, rules.family(invite.id().value()));
        assertEquals(visit, in.visit());
        assertEquals(Optional.of("contact-1"), in.contactId());
        assertEquals(Optional.of(invite.id().hash()), in.inviteIdHash());
        clock.set(END.minusMillis(1));
        assertTrue(rules.family(invite.id().value()).admitted());
    }

    @Test
    void joinRefusedWhenInviteIsGarbageUnknownOrExpiredAlike() {
        clock.set(START);
        List<String> texts = new ArrayList<>(List.of("", "x", "not an invite", invite.id().value() + "A",
                invite.id().value().substring(1), InviteId.generate().value(), "../../etc/passwd",
                invite.id().hash()));
        texts.add(null);
        List<JoinDecision> decisions = new ArrayList<>();
        for (String text : texts) {
            decisions.add(rules.family(text));
        }
        clock.set(END);
        decisions.add(rules.family(invite.id().value()));
        JoinDecision first = decisions.get(0);
        assertEquals(ErrorCode.INVITE_INVALID, assertInstanceOf(JoinDecision.Refused.class, first).code());
        for (JoinDecision d : decisions) {
            assertEquals(first, d, "every invalid invite gets the same answer");
        }
    }

    @Test
    void expiredInviteIsInvalidEvenWhenAlsoRevoked() {
        invites.revoke(invite.id());
        clock.set(END);
        assertRefused(ErrorCode.INVITE_INVALID, rules.family(invite.id().value()));
    }

    @Test
    void inviteOfNoVisitIsInvalid() {
        Invite loose = invites.create("contact-1", NOW, END);
        clock.set(START);
        assertRefused(ErrorCode.INVITE_INVALID, rules.family(loose.id().value()));
    }

    @Test
    void joinRefusedWhenInviteRevoked() {
        clock.set(START);
        assertTrue(invites.revoke(invite.id()));
        assertRefused(ErrorCode.INVITE_REVOKED, rules.family(invite.id().value()));
    }

    @Test
    void joinRefusedBeforeTheSlotOpens() {
        assertRefused(ErrorCode.VISIT_NOT_STARTED, rules.family(invite.id().value()));
        clock.set(START.minusMillis(1));
        assertRefused(ErrorCode.VISIT_NOT_STARTED, rules.family(invite.id().value()));
    }

    @Test
    void joinRefusedBeforeTheInvitesWindowOpens() {
        Invite late = invites.create("contact-1", START.plus(Duration.ofMinutes(30)), END);
        visits.attachInvite(visit.id(), late.id());
        clock.set(START);
        assertRefused(ErrorCode.VISIT_NOT_STARTED, rules.family(late.id().value()));
        clock.set(START.plus(Duration.ofMinutes(30)));
        assertTrue(rules.family(late.id().value()).admitted());
    }

    @Test
    void joinRefusedAfterTheSlotWhileTheInviteIsStillValid() {
        Invite longer = invites.create("contact-1", NOW, END.plus(HOUR));
        visits.attachInvite(visit.id(), longer.id());
        clock.set(END);
        assertRefused(ErrorCode.VISIT_ENDED, rules.family(longer.id().value()));
    }

    @Test
    void joinRefusedOnceTheVisitWasEnded() {
        clock.set(START.plus(Duration.ofMinutes(5)));
        visits.end(visit.id(), VisitEndReason.ENDED);
        assertRefused(ErrorCode.VISIT_ENDED, rules.family(invite.id().value()));
        assertRefused(ErrorCode.VISIT_ENDED, rules.staff(visit.id()));
        assertRefused(ErrorCode.VISIT_ENDED, rules.kiosk("tablet-1", visit.id()));
    }

    @Test
    void familyMessageNamingAnotherVisitIsWrongVisit() {
        Visit other = visits.create(NewVisit.lasting("patient-2", "tablet-2", NOW, HOUR.multipliedBy(3), false));
        clock.set(START);
        assertRefused(ErrorCode.WRONG_VISIT, rules.family(invite.id().value(), other.id()));
        assertRefused(ErrorCode.WRONG_VISIT, rules.family(invite.id().value(), "made-up"));
        assertTrue(rules.family(invite.id().value(), visit.id()).admitted());
    }

    @Test
    void familyMessageWithARevokedInviteIsRefusedWhateverVisitItNames() {
        clock.set(START);
        invites.revoke(invite.id());
        assertRefused(ErrorCode.INVITE_REVOKED, rules.family(invite.id().value(), "made-up"));
        assertRefused(ErrorCode.INVITE_REVOKED, rules.family(invite.id().value(), visit.id()));
    }

    @Test
    void staffJoinByVisitIdWhileTheVisitIsOpen() {
        assertRefused(ErrorCode.VISIT_NOT_STARTED, rules.staff(visit.id()));
        clock.set(START);
        JoinDecision.Admitted in = assertInstanceOf(JoinDecision.Admitted.class, rules.staff(visit.id()));
        assertEquals(visit, in.visit());
        assertTrue(in.contactId().isEmpty());
        assertTrue(in.inviteIdHash().isEmpty());
        clock.set(END);
        assertRefused(ErrorCode.VISIT_ENDED, rules.staff(visit.id()));
    }

    @Test
    void staffJoinOfAnUnknownOrMalformedVisitIsWrongVisit() {
        clock.set(START);
        for (String id : new String[] {"unknown", "", "has space", "x".repeat(65), "é", null}) {
            assertRefused(ErrorCode.WRONG_VISIT, rules.staff(id));
        }
    }

    @Test
    void kioskJoinsOnlyItsOwnTabletsVisit() {
        clock.set(START);
        assertTrue(rules.kiosk("tablet-1", visit.id()).admitted());
        assertRefused(ErrorCode.WRONG_VISIT, rules.kiosk("tablet-2", visit.id()));
        assertRefused(ErrorCode.WRONG_VISIT, rules.kiosk("tablet-1", "unknown"));
        assertEquals(rules.kiosk("tablet-2", visit.id()), rules.kiosk("tablet-1", "unknown"),
                "another tablet's visit looks unknown");
    }

    @Test
    void refusalMessagesAreForPeopleAndNameNoInternals() {
        clock.set(START);
        invites.revoke(invite.id());
        for (JoinDecision d : List.of(rules.family("x"), rules.family(invite.id().value()),
                rules.staff("unknown"))) {
            JoinDecision.Refused r = assertInstanceOf(JoinDecision.Refused.class, d);
            assertFalse(r.message().isBlank());
            assertFalse(r.message().contains("Exception"), r.message());
            assertFalse(r.message().contains(invite.id().hash()), r.message());
        }
    }

    private static void assertRefused(ErrorCode code, JoinDecision decision) {
        JoinDecision.Refused refused = assertInstanceOf(JoinDecision.Refused.class, decision);
        assertEquals(code, refused.code(), refused.message());
    }
}
