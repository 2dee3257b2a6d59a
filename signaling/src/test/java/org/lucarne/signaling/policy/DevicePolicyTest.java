package org.lucarne.signaling.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a device (a family browser, a bedside tablet's kiosk) may do, written out by hand. */
class DevicePolicyTest {
    private final AccessPolicy policy = new AccessPolicy();
    private final DeviceActor.Family live = new DeviceActor.Family("c1", "p1", false, true, false);
    private final DeviceActor.Family liveMember = new DeviceActor.Family("c1", "p1", false, true, true);
    private final DeviceActor.Kiosk kiosk = new DeviceActor.Kiosk("t1", "p1");

    @Test
    void aFamilyBrowserBindsWhileItsInviteIsLiveAndItsContactIsNotRemoved() {
        assertEquals(Decision.ALLOWED, policy.decide(live, Action.E2EE_BIND, "p1"));
        assertEquals(Decision.FORBIDDEN, policy.decide(new DeviceActor.Family("c1", "p1", false, false, false),
                Action.E2EE_BIND, "p1"), "invite revoked or its visit over");
        assertEquals(Decision.FORBIDDEN, policy.decide(new DeviceActor.Family("c1", "p1", true, true, false),
                Action.E2EE_BIND, "p1"), "contact removed");
        assertEquals(Decision.FORBIDDEN, policy.decide(live, Action.E2EE_BIND, "p2"), "another patient's circle");
    }

    @Test
    void aFamilyDeviceWritesOnlyAsAMemberOfItsPatientsCircle() {
        assertEquals(Decision.ALLOWED, policy.decide(liveMember, Action.MESSAGE_SEND, "p1"));
        assertEquals(Decision.FORBIDDEN, policy.decide(live, Action.MESSAGE_SEND, "p1"), "waiting, not bound");
        assertEquals(Decision.FORBIDDEN, policy.decide(new DeviceActor.Family("c1", "p1", false, false, true),
                Action.MESSAGE_SEND, "p1"), "no live invite any more");
        assertEquals(Decision.FORBIDDEN, policy.decide(liveMember, Action.MESSAGE_SEND, "p2"));
    }

    @Test
    void onlyTheKioskOfThePatientsBedAdmitsADeviceAndWritesAsTheTablet() {
        assertEquals(Decision.ALLOWED, policy.decide(kiosk, Action.DEVICE_ADMIT, "p1"));
        assertEquals(Decision.ALLOWED, policy.decide(kiosk, Action.MESSAGE_SEND, "p1"));
        assertEquals(Decision.FORBIDDEN, policy.decide(kiosk, Action.DEVICE_ADMIT, "p2"), "another bed's patient");
        assertEquals(Decision.FORBIDDEN, policy.decide(new DeviceActor.Kiosk("t1", null), Action.DEVICE_ADMIT, "p1"),
                "an empty bed");
        assertEquals(Decision.FORBIDDEN, policy.decide(liveMember, Action.DEVICE_ADMIT, "p1"), "a family device");
    }

    @Test
    void noDeviceDoesAStaffAction() {
        for (Action a : Action.values()) {
            if (a != Action.E2EE_BIND && a != Action.MESSAGE_SEND && a != Action.DEVICE_ADMIT) {
                assertEquals(Decision.FORBIDDEN, policy.decide(liveMember, a, "p1"), a.stored());
                assertEquals(Decision.FORBIDDEN, policy.decide(kiosk, a, "p1"), a.stored());
            }
        }
        assertEquals(Decision.FORBIDDEN, policy.decide(kiosk, Action.E2EE_BIND, "p1"));
    }
}
