package org.lucarne.signaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole matrix, roles × own ward / another ward × every action, written out here by hand: a
 * change of the policy must change this table too (and docs/security.md, see {@link PolicyDocumentTest}).
 * A allowed, F forbidden (403), H hidden (404, or wrong_visit on the socket).
 */
class AccessPolicyTest {
    private final AccessPolicy policy = new AccessPolicy();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # action             | nurse own | nurse other | manager own | manager other | admin own | admin other
            ward.view            | A | F | A | F | A | F
            patient.view         | A | H | A | H | A | H
            patient.change       | A | H | A | H | A | H
            contact.view         | A | H | A | H | A | H
            contact.change       | A | H | A | H | A | H
            visit.view           | A | H | A | H | A | H
            visit.change         | A | H | A | H | A | H
            call.join            | A | H | A | H | A | H
            tablet.view          | A | F | A | F | A | F
            tablet.change        | A | F | A | F | A | F
            tablet.do_not_disturb | A | F | A | F | A | F
            tablet.enrol         | F | F | A | F | A | F
            ward_settings.view   | A | F | A | F | A | F
            ward_settings.change | F | F | A | F | A | F
            report.view          | F | F | A | F | A | A
            audit.view           | F | F | A | F | A | A
            e2ee.bind            | F | F | F | F | F | F
            message.send         | F | F | F | F | F | F
            e2ee.device.admit    | A | H | A | H | A | H
            e2ee.binding.reset   | A | H | A | H | A | H
            """)
    void wardActions(String action, String nurseOwn, String nurseOther, String managerOwn, String managerOther,
                     String adminOwn, String adminOther) {
        Action a = Action.fromStored(action).orElseThrow();
        assertTrue(a.wardScoped());
        Map<Role, String[]> expected = Map.of(Role.NURSE, new String[] {nurseOwn, nurseOther},
                Role.WARD_MANAGER, new String[] {managerOwn, managerOther}, Role.ADMIN, new String[] {adminOwn, adminOther});
        for (Role r : Role.values()) {
            StaffActor who = new StaffActor("u", r, Set.of("own-ward"));
            assertEquals(letter(expected.get(r)[0]), policy.decide(who, a, "own-ward"), r + " on their ward");
            assertEquals(letter(expected.get(r)[1]), policy.decide(who, a, "other-ward"), r + " on another ward");
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # action     | nurse | manager | admin
            staff.view   | F | F | A
            staff.manage | F | F | A
            """)
    void actionsOfNoWard(String action, String nurse, String manager, String admin) {
        Action a = Action.fromStored(action).orElseThrow();
        assertFalse(a.wardScoped());
        assertEquals(letter(nurse), policy.decide(new StaffActor("u", Role.NURSE, Set.of("w")), a, null));
        assertEquals(letter(manager), policy.decide(new StaffActor("u", Role.WARD_MANAGER, Set.of("w")), a, null));
        assertEquals(letter(admin), policy.decide(new StaffActor("u", Role.ADMIN, Set.of()), a, null));
    }

    @Test
    void everyActionIsInTheMatrixAbove() {
        Set<String> tested = Set.of("ward.view", "patient.view", "patient.change", "contact.view", "contact.change",
                "visit.view", "visit.change", "call.join", "tablet.view", "tablet.change", "tablet.do_not_disturb", "tablet.enrol",
                "ward_settings.view", "ward_settings.change", "report.view", "audit.view", "staff.view", "staff.manage",
                "e2ee.bind", "message.send", "e2ee.device.admit", "e2ee.binding.reset");
        assertEquals(tested, Arrays.stream(Action.values()).map(Action::stored).collect(Collectors.toSet()));
    }

    @Test
    void someoneOnNoWardSeesNoWardsData() {
        StaffActor nobody = new StaffActor("u", Role.WARD_MANAGER, Set.of());
        for (Action a : Action.values()) {
            if (a.wardScoped()) {
                assertFalse(policy.decide(nobody, a, "w").allowed(), a.stored());
            }
        }
    }

    @Test
    void theWholeAuditTrailIsForAdminsAndAManagerSeesTheirWardsOnly() {
        StaffActor admin = new StaffActor("a", Role.ADMIN, Set.of());
        StaffActor manager = new StaffActor("m", Role.WARD_MANAGER, Set.of("w1", "w2"));
        StaffActor nurse = new StaffActor("n", Role.NURSE, Set.of("w1"));
        assertEquals(Decision.ALLOWED, policy.decide(admin, Action.AUDIT_VIEW, null));
        assertEquals(Decision.FORBIDDEN, policy.decide(manager, Action.AUDIT_VIEW, null));
        assertEquals(WardScope.EVERY_WARD, policy.scope(admin, Action.AUDIT_VIEW));
        assertEquals(Optional.of(Set.of("w1", "w2")), policy.scope(manager, Action.AUDIT_VIEW).filter());
        assertTrue(policy.scope(nurse, Action.AUDIT_VIEW).none());
        assertTrue(policy.scope(nurse, Action.PATIENT_VIEW).includes("w1"));
        assertFalse(policy.scope(admin, Action.PATIENT_VIEW).includes("w1"), "admins see patients of their wards only");
    }

    private static Decision letter(String s) {
        return switch (s) {
            case "A" -> Decision.ALLOWED;
            case "F" -> Decision.FORBIDDEN;
            case "H" -> Decision.HIDDEN;
            default -> throw new IllegalArgumentException(s);
        };
    }
}
