package org.lucarne.signaling.circle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.audit.AuditTrail;
import org.lucarne.signaling.invite.Invite;
import org.lucarne.signaling.invite.Invites;
import org.lucarne.signaling.personal.PersonalData;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.testing.AuditRows;
import org.lucarne.signaling.testing.SealedRows;
import org.lucarne.signaling.testing.TestDevice;
import org.lucarne.signaling.visit.NewVisit;
import org.lucarne.signaling.visit.Visit;
import org.lucarne.signaling.visit.Visits;
import org.lucarne.testing.ManualClock;

/**
 * The device directory and circles, on every dialect: who is a member of a patient's circle, binding a link to the
 * first browser, a second one waiting, admission, refusal, reset, the tablet's identity per patient stay.
 */
abstract class CirclesContract extends StorageContract {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant START = NOW.plus(Duration.ofDays(1));
    static final Instant END = START.plus(Duration.ofHours(1));
    private static final PersonalData KEYS = SealedRows.newKeys();

    private ManualClock clock;
    private Circles circles;
    private DeviceDirectory directory;
    private Invites invites;
    private Invite jean;
    private Invite lea;
    private final TestDevice tablet = TestDevice.create();
    private final TestDevice phone = TestDevice.create();
    private final TestDevice laptop = TestDevice.create();

    @BeforeEach
    void seed() {
        clock = new ManualClock(NOW);
        circles = new Circles(db, clock);
        directory = new DeviceDirectory(db, clock, new AuditTrail(db, clock));
        invites = new Invites(db, clock);
        db.inTransaction(c -> {
            sql(c, "INSERT INTO ward (id, name) VALUES ('ward', 'Ward')");
            sql(c, "INSERT INTO bed (id, ward_id, label) VALUES ('bed-1', 'ward', 'Bed 1')");
            sql(c, "INSERT INTO bed (id, ward_id, label) VALUES ('bed-2', 'ward', 'Bed 2')");
            SealedRows.patient(c, KEYS, "patient-1", "bed-1", "Marie Dupont");
            SealedRows.patient(c, KEYS, "patient-2", "bed-2", "Paul Martin");
            sql(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-1', 'bed-1', 'T1', 0)");
            sql(c, "INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('tablet-2', 'bed-2', 'T2', 0)");
            SealedRows.contact(c, KEYS, "contact-1", "patient-1", "Jean Dupont", 0);
            SealedRows.contact(c, KEYS, "contact-2", "patient-1", "Léa Dupont", 0);
            SealedRows.contact(c, KEYS, "contact-3", "patient-2", "Anne Martin", 0);
            return null;
        });
        Visits visits = new Visits(db, clock);
        Visit visit = visits.create(new NewVisit("patient-1", "tablet-1", START, END, false));
        jean = invites.create("contact-1", NOW, END);
        lea = invites.create("contact-2", NOW, END);
        visits.attachInvite(visit.id(), jean.id());
        visits.attachInvite(visit.id(), lea.id());
    }

    private static void sql(java.sql.Connection c, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(text)) {
            ps.executeUpdate();
        }
    }

    private LinkInvite link(Invite invite) {
        return db.inTransaction(c -> LinkInvite.find(c, invite.id().hash(), clock.millis())).orElseThrow();
    }

    /** One millisecond after the last change: devices come in an order. */
    private DeviceDirectory.Binding bind(Invite invite, TestDevice device) {
        clock.advance(Duration.ofMillis(1));
        return directory.bind(link(invite), IdentityRecord.parse(device.record()).orElseThrow(), "192.0.2.1");
    }

    private DeviceDirectory.Published publish(TestDevice device) {
        clock.advance(Duration.ofMillis(1));
        return directory.publishTablet("tablet-1", "patient-1", IdentityRecord.parse(device.record()).orElseThrow(),
                "192.0.2.9");
    }

    private List<String> memberIds() {
        return circles.members("patient-1").stream().map(CircleDevice::deviceId).toList();
    }

    @Test
    void aCircleIsTheTabletOfThePatientsStayThenTheBoundFamilyDevicesInTheOrderTheyCame() {
        assertEquals(DeviceDirectory.Binding.BOUND, bind(lea, laptop));
        assertEquals(DeviceDirectory.Published.RECORDED, publish(tablet));
        assertEquals(DeviceDirectory.Binding.BOUND, bind(jean, phone));
        assertEquals(List.of(tablet.deviceIdText(), laptop.deviceIdText(), phone.deviceIdText()), memberIds());
        CircleDevice t = circles.member(tablet.deviceIdText()).orElseThrow();
        assertEquals(new CircleDevice(tablet.deviceIdText(), tablet.record(), "patient-1", CircleDevice.Kind.TABLET,
                "tablet-1", null), t);
        CircleDevice p = circles.member(phone.deviceIdText()).orElseThrow();
        assertEquals(CircleDevice.Kind.FAMILY, p.kind());
        assertEquals("contact-1", p.contactId());
        assertTrue(circles.members("patient-2").isEmpty());
    }

    @Test
    void bindingIsAllowedFromTheInvitesIssueBeforeItsSlotWindowOpens() {
        assertTrue(link(jean).live());
        assertEquals(DeviceDirectory.Binding.BOUND, bind(jean, phone));
        assertTrue(circles.member(phone.deviceIdText()).isPresent());
    }

    @Test
    void theSameDeviceBindingAgainIsAlreadyBoundAndAnotherContactsDeviceIsRefused() {
        bind(jean, phone);
        assertEquals(DeviceDirectory.Binding.ALREADY_BOUND, bind(jean, phone));
        assertEquals(DeviceDirectory.Binding.OTHER_CONTACT, bind(lea, phone));
        assertEquals(List.of(phone.deviceIdText()), memberIds());
    }

    @Test
    void aSecondDeviceWithTheLinkWaitsOutsideTheCircleUntilLetIn() {
        AuditRows audit = new AuditRows(db);
        bind(jean, phone);
        assertEquals(DeviceDirectory.Binding.WAITING, bind(jean, laptop));
        assertEquals(DeviceDirectory.Binding.WAITING, bind(jean, laptop), "still waiting, not waiting twice");
        assertFalse(circles.member(laptop.deviceIdText()).isPresent());
        assertEquals(List.of(laptop.deviceIdText()), directory.waiting("patient-1").stream().map(DeviceRow::deviceId).toList());
        DeviceRow row = directory.decide(laptop.deviceIdText(), true, "tablet:tablet-1", "ward", "192.0.2.9").orElseThrow();
        assertEquals(DeviceState.BOUND, row.state());
        assertEquals("tablet:tablet-1", row.decidedBy());
        assertEquals(List.of(phone.deviceIdText(), laptop.deviceIdText()), memberIds());
        assertTrue(directory.decide(laptop.deviceIdText(), false, "staff:u1", "ward", "192.0.2.8").isEmpty(),
                "a device decided already is not decided again");
        assertEquals(List.of("e2ee.device.bound", "e2ee.device.waiting", "e2ee.device.admitted"),
                audit.since().stream().map(AuditRows.Row::action).toList());
        for (AuditRows.Row r : audit.since()) {
            assertFalse(String.valueOf(r.detail()).contains("Jean") || String.valueOf(r.target()).contains("Jean"));
        }
    }

    @Test
    void aRefusedDeviceStaysOutAndIsToldSoWhenItTriesAgain() {
        bind(jean, phone);
        bind(jean, laptop);
        assertEquals(DeviceState.REFUSED, directory.decide(laptop.deviceIdText(), false, "staff:u1", "ward", "192.0.2.8")
                .orElseThrow().state());
        assertEquals(DeviceDirectory.Binding.REFUSED, bind(jean, laptop));
        assertEquals(List.of(phone.deviceIdText()), memberIds());
    }

    @Test
    void aResetTakesEveryDeviceOfTheContactOutAndTheNextOpenerBinds() {
        bind(jean, phone);
        bind(jean, laptop);
        AuditRows audit = new AuditRows(db);
        assertEquals(List.of(phone.deviceIdText(), laptop.deviceIdText()),
                directory.reset("contact-1", "patient-1", "staff:u1", "ward", "192.0.2.8"));
        assertTrue(memberIds().isEmpty());
        assertTrue(directory.waiting("patient-1").isEmpty());
        assertTrue(audit.since("e2ee.binding.reset").get(0).detailHas("devices_removed=2"));
        TestDevice third = TestDevice.create();
        assertEquals(DeviceDirectory.Binding.BOUND, bind(jean, third));
        assertEquals(DeviceDirectory.Binding.WAITING, bind(jean, phone), "the lost phone comes back as a stranger");
        assertEquals(List.of(third.deviceIdText()), memberIds());
    }

    @Test
    void familyDevicesLeaveWhenTheirInviteIsRevokedOrTheirContactRemoved() {
        bind(jean, phone);
        bind(lea, laptop);
        invites.revokeByHash(jean.id().hash());
        assertEquals(List.of(laptop.deviceIdText()), memberIds());
        assertFalse(link(jean).live());
        db.inTransaction(c -> {
            sql(c, "UPDATE family_contact SET removed_at = 1 WHERE id = 'contact-2'");
            return null;
        });
        assertTrue(memberIds().isEmpty());
    }

    @Test
    void familyDevicesLeaveWhenTheContactsLastVisitIsOver() {
        bind(jean, phone);
        clock.set(END.minusMillis(1));
        assertEquals(List.of(phone.deviceIdText()), memberIds());
        clock.set(END);
        assertTrue(memberIds().isEmpty());
        assertFalse(link(jean).live());
    }

    @Test
    void theTabletsDeviceBelongsToThePatientsStayAndAKioskIdentityReplacesTheOlderOne() {
        publish(tablet);
        assertEquals(DeviceDirectory.Published.ALREADY, publish(tablet));
        TestDevice fresh = TestDevice.create();
        assertEquals(DeviceDirectory.Published.RECORDED, publish(fresh));
        assertEquals(List.of(fresh.deviceIdText()), memberIds());
        assertEquals(DeviceState.REMOVED, directory.find(tablet.deviceIdText()).orElseThrow().state());
        assertEquals(DeviceDirectory.Published.OTHER_STAY, publish(tablet), "an identity is one stay's");
        assertEquals(DeviceDirectory.Published.NO_PATIENT, directory.publishTablet("tablet-2", "patient-1",
                IdentityRecord.parse(TestDevice.create().record()).orElseThrow(), "192.0.2.9"), "not that bed's patient");
    }

    @Test
    void aDischargedPatientsCircleEndsAndARevokedTabletLeavesIt() {
        publish(tablet);
        bind(jean, phone);
        db.inTransaction(c -> {
            sql(c, "UPDATE tablet SET revoked_at = 5 WHERE id = 'tablet-1'");
            return null;
        });
        assertEquals(List.of(phone.deviceIdText()), memberIds());
        db.inTransaction(c -> {
            sql(c, "UPDATE patient SET discharged_at = 5 WHERE id = 'patient-1'");
            return null;
        });
        assertTrue(memberIds().isEmpty());
        assertTrue(directory.patientInBed("tablet-1").isEmpty());
        assertEquals(DeviceDirectory.Published.NO_PATIENT, publish(TestDevice.create()));
    }

    @Test
    void twoBrowsersOpeningOneLinkAtOnceBindOneAndTheOtherWaits() throws Exception {
        List<TestDevice> devices = List.of(TestDevice.create(), TestDevice.create(), TestDevice.create());
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        try {
            List<Callable<DeviceDirectory.Binding>> work = new ArrayList<>();
            for (TestDevice d : devices) {
                work.add(() -> bind(jean, d));
            }
            List<DeviceDirectory.Binding> outcomes = new ArrayList<>();
            for (Future<DeviceDirectory.Binding> f : pool.invokeAll(work)) {
                outcomes.add(f.get());
            }
            assertEquals(1, outcomes.stream().filter(o -> o == DeviceDirectory.Binding.BOUND).count(), outcomes.toString());
            assertEquals(2, outcomes.stream().filter(o -> o == DeviceDirectory.Binding.WAITING).count(), outcomes.toString());
            assertEquals(1, memberIds().size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listenersHearTheCirclesThatChanged() {
        List<String> heard = new ArrayList<>();
        circles.addListener(heard::add);
        circles.addListener(id -> {
            throw new IllegalStateException("a failing listener does not stop the others");
        });
        circles.addListener(heard::add);
        circles.changed("patient-1");
        assertEquals(List.of("patient-1", "patient-1"), heard);
    }
}
