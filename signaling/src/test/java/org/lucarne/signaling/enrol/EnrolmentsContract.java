package org.lucarne.signaling.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.RevokedEntry;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.signaling.storage.StorageException;

/** What {@link Enrolments} and {@link TabletCertificates} promise on every dialect. */
abstract class EnrolmentsContract extends StorageContract {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final String FINGERPRINT = String.join(":", java.util.Collections.nCopies(32, "AB"));

    @BeforeEach
    void aWardWithTwoTablets() {
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
                st.executeUpdate("INSERT INTO bed (id, ward_id, label) VALUES ('b1', 'w1', 'Bed 1')");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('lost', 'b1', 'L', 0)");
                st.executeUpdate("INSERT INTO tablet (id, bed_id, label, enrolled_at) VALUES ('kept', 'b1', 'K', 0)");
            }
            return null;
        });
    }

    private static Enrolments.NewRequest request(String id, String code, Instant at, Optional<String> device) {
        return new Enrolments.NewRequest(id, EnrolmentCodes.hash(code), EnrolmentCodes.hash("poll" + id), "CSR " + id,
                device, "192.0.2.7", FINGERPRINT, at);
    }

    private void insert(Enrolments.NewRequest r) {
        db.inTransaction(c -> {
            Enrolments.insert(c, r);
            return null;
        });
    }

    @Test
    void aPendingRequestIsFoundByItsCodeUntilItExpires() {
        insert(request("r1", "12345678", T0, Optional.of("Tablette <b>chambre</b> 12")));
        Enrolments.Request r = db.inTransaction(c -> Enrolments.byCode(c, EnrolmentCodes.hash("12345678"))).orElseThrow();
        assertEquals("r1", r.id());
        assertEquals(Optional.of("Tablette <b>chambre</b> 12"), r.device(), "kept as text, as sent");
        assertEquals(T0.plus(Enrolments.PENDING_FOR), r.expiresAt());
        assertEquals(1, (int) db.inTransaction(Enrolments::pendingCount));

        db.inTransaction(c -> {
            Enrolments.expire(c, db.dialect(), T0.plus(Enrolments.PENDING_FOR));
            return null;
        });
        assertEquals(Optional.empty(), db.inTransaction(c -> Enrolments.byCode(c, EnrolmentCodes.hash("12345678"))));
        assertEquals(Enrolments.State.EXPIRED, db.inTransaction(c -> Enrolments.find(c, "r1")).orElseThrow().state());
        assertEquals(0, (int) db.inTransaction(Enrolments::pendingCount));
    }

    @Test
    void aCodeNamesOnePendingRequestAtMostButMayBeUsedAgainOnceDecided() {
        insert(request("r1", "11112222", T0, Optional.empty()));
        assertThrows(StorageException.class, () -> insert(request("r2", "11112222", T0, Optional.empty())));
        assertTrue((boolean) db.inTransaction(c -> Enrolments.codeTaken(c, EnrolmentCodes.hash("11112222"))));
        assertTrue((boolean) db.inTransaction(c -> Enrolments.refuse(c, "r1", "staff:u1", T0)));
        assertFalse((boolean) db.inTransaction(c -> Enrolments.refuse(c, "r1", "staff:u1", T0)), "refused once");
        insert(request("r2", "11112222", T0, Optional.empty()));
        assertEquals("r2", db.inTransaction(c -> Enrolments.byCode(c, EnrolmentCodes.hash("11112222"))).orElseThrow().id());
    }

    @Test
    void anApprovedRequestHoldsItsTabletAndCertificate() {
        insert(request("r1", "12345678", T0, Optional.empty()));
        assertTrue((boolean) db.inTransaction(c -> Enrolments.approve(c, "r1", "staff:u1", T0, "kept", "PEM")));
        Enrolments.Request r = db.inTransaction(c -> Enrolments.find(c, "r1")).orElseThrow();
        assertEquals(Enrolments.State.APPROVED, r.state());
        assertEquals(Optional.of("kept"), r.tabletId());
        assertEquals(Optional.of("PEM"), r.certificate());
        assertEquals(List.of(), db.inTransaction(Enrolments::pending));
    }

    @Test
    void aDeviceNameOver64CharactersIsRefusedByTheSchemaToo() {
        assertThrows(StorageException.class, () -> insert(request("r1", "12345678", T0, Optional.of("x".repeat(65)))));
    }

    @Test
    void requestsArePurgedADayAfterTheyExpire() {
        insert(request("old", "11111111", T0, Optional.empty()));
        insert(request("new", "22222222", T0.plus(Duration.ofHours(2)), Optional.empty()));
        Instant justBefore = T0.plus(Enrolments.PENDING_FOR).plus(Enrolments.KEPT_FOR).minusMillis(1);
        assertEquals(0, (int) db.inTransaction(c -> Enrolments.purge(c, justBefore, 100)));
        assertEquals(1, (int) db.inTransaction(c -> Enrolments.purge(c, justBefore.plusMillis(1), 100)));
        assertEquals(Optional.empty(), db.inTransaction(c -> Enrolments.find(c, "old")));
        assertTrue((boolean) db.inTransaction(c -> Enrolments.find(c, "new")).isPresent());
    }

    @Test
    void theCrlListsTheUnexpiredCertificatesOfRevokedTabletsOnly() {
        CertificateAuthority ca = CertificateAuthority.create("Test", Duration.ofDays(365), Clock.fixed(T0, ZoneOffset.UTC));
        X509Certificate lost1 = ca.issueTablet("lost", Duration.ofDays(90)).certificate();
        X509Certificate lost2 = ca.issueTablet("lost", Duration.ofDays(10)).certificate();
        X509Certificate kept = ca.issueTablet("kept", Duration.ofDays(90)).certificate();
        Instant revokedAt = T0.plus(Duration.ofDays(1));
        String before = db.inTransaction(TabletCertificates::revocationState);
        db.inTransaction(c -> {
            TabletCertificates.record(c, "lost", lost1, TabletCertificates.How.ENROLMENT);
            TabletCertificates.record(c, "lost", lost1, TabletCertificates.How.ENROLMENT);
            TabletCertificates.record(c, "lost", lost2, TabletCertificates.How.RENEWAL);
            TabletCertificates.record(c, "kept", kept, TabletCertificates.How.MDM);
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE tablet SET revoked_at = " + revokedAt.toEpochMilli() + " WHERE id = 'lost'");
            }
            return null;
        });
        assertFalse(before.equals(db.inTransaction(TabletCertificates::revocationState)), "a revocation changes it");

        List<RevokedEntry> now = db.inTransaction(c -> TabletCertificates.revoked(c, T0.plus(Duration.ofDays(2))));
        assertEquals(List.of(lost1.getSerialNumber(), lost2.getSerialNumber()).stream().sorted(
                (a, b) -> TabletCertificates.serial(a).compareTo(TabletCertificates.serial(b))).toList(),
                now.stream().map(RevokedEntry::serial).toList());
        assertTrue(now.stream().allMatch(e -> e.revokedAt().equals(revokedAt)));
        List<BigInteger> later = db.inTransaction(c -> TabletCertificates.revoked(c, T0.plus(Duration.ofDays(20))))
                .stream().map(RevokedEntry::serial).toList();
        assertEquals(List.of(lost1.getSerialNumber()), later, "an expired certificate leaves the CRL");
    }
}
