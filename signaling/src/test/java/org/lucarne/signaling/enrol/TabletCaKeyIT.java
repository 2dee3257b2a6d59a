package org.lucarne.signaling.enrol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lucarne.certs.CertificateAuthority;
import org.lucarne.certs.Pem;
import org.lucarne.certs.Pkcs12;
import org.lucarne.certs.TabletKeystore;
import org.lucarne.signaling.StartupException;
import org.lucarne.signaling.device.DemoTabletCertificate;
import org.lucarne.signaling.policy.Role;
import org.lucarne.signaling.testing.StaffClient;
import org.lucarne.signaling.testing.StaffFixture;
import org.lucarne.signaling.testing.TestServer;

/**
 * Where the tablet CA's key comes from (docs/operations.md, "Enrolling tablets"): without it every enrolment route
 * says {@code enrolment_off} and names {@code kiosk.ca.keystore}; with {@code kiosk.ca.keystore} the server issues
 * from that CA; a keystore that is not the {@code kiosk.ca.certificate} CA, or its wrong password, stops the start.
 * The demo tablet's certificate is recorded too, so the CRL lists it once the demo tablet is revoked.
 */
class TabletCaKeyIT {
    @TempDir
    Path dir;

    /** A hospital's tablet CA, as {@code ./lucarne certs ca create} leaves it: its PKCS#12 and its PEM certificate. */
    private record HospitalCa(CertificateAuthority ca, Path keystore, Path certificate) {
    }

    private HospitalCa hospitalCa(String name) {
        CertificateAuthority ca = CertificateAuthority.create(name, Duration.ofDays(365), Clock.systemUTC());
        Path keystore = dir.resolve(name + ".p12");
        Path certificate = dir.resolve(name + ".crt");
        Pkcs12.writeCa(keystore, ca, "secret".toCharArray());
        Pem.write(certificate, ca.certificate());
        return new HospitalCa(ca, keystore, certificate);
    }

    @Test
    void withoutTheTabletCasKeyEveryEnrolmentRouteSaysEnrolmentOff() {
        HospitalCa other = hospitalCa("Tablets");
        try (TestServer server = TestServer.start(Map.of("LUCARNE_KIOSK_CA_CERTIFICATE", other.certificate().toString()))) {
            EnrollingTablet tablet = new EnrollingTablet(server);
            EnrollingTablet.Answer asked = tablet.ask("t");
            assertEquals(503, asked.status());
            assertEquals("enrolment_off", asked.error());
            assertTrue(asked.json().get("message").asText().contains("kiosk.ca.keystore"), asked.toString());
            assertEquals(503, tablet.poll("A".repeat(22), "B".repeat(43)).status());
            assertEquals(503, EnrollingTablet.send(HttpRequest.newBuilder(URI.create(server.url("/crl/tablets.crl"))),
                    server.httpClient()).status());

            new StaffFixture(server).ward("w-off", "Jean Roux");
            StaffFixture.Member m = new StaffFixture(server).member("off-manager", Role.WARD_MANAGER, "w-off");
            StaffClient manager = new StaffClient(server);
            manager.signIn(m.username(), StaffFixture.PASSWORD, m.secret(), Clock.systemUTC());
            StaffClient.Answer list = manager.get("/api/enrolments");
            assertEquals(503, list.status());
            assertEquals("enrolment_off", list.error());
            assertEquals(503, manager.post("/api/tablets/mdm", "{\"bed\": \"w-off-bed\", \"label\": \"x\"}").status());
        }
    }

    @Test
    void withKioskCaKeystoreTheServerIssuesFromThatCa() throws Exception {
        HospitalCa tablets = hospitalCa("Tablets");
        try (TestServer server = TestServer.start(Map.of("LUCARNE_KIOSK_CA_CERTIFICATE", tablets.certificate().toString(),
                "LUCARNE_KIOSK_CA_KEYSTORE", tablets.keystore().toString(),
                "LUCARNE_KIOSK_CA_KEYSTORE_PASSWORD", "secret"))) {
            assertEquals(201, new EnrollingTablet(server).ask("t").status());
            EnrolmentIT.crlOf(server).verify(tablets.ca().certificate().getPublicKey());
        }
    }

    @Test
    void theDemoTabletsCertificateIsInTheCrlOnceRevoked() throws Exception {
        try (TestServer server = TestServer.start()) {
            new StaffFixture(server).ward("w-demo", "Demo Patient");
            var s = server.server();
            TabletKeystore demo = DemoTabletCertificate.ensure(s.config(), s.tls(), "w-demo-tablet", s.database(),
                    s.clock()).orElseThrow();
            assertFalse(EnrolmentIT.crlOf(server).isRevoked(demo.certificate()));
            s.database().inTransaction(c -> {
                try (var st = c.createStatement()) {
                    return st.executeUpdate("UPDATE tablet SET revoked_at = " + s.clock().millis()
                            + " WHERE id = 'w-demo-tablet'");
                }
            });
            assertTrue(EnrolmentIT.crlOf(server).isRevoked(demo.certificate()));
        }
    }

    @Test
    void aKeystoreOfAnotherCaOrItsWrongPasswordStopsTheStartNamingTheKey() {
        HospitalCa tablets = hospitalCa("Tablets");
        HospitalCa other = hospitalCa("Other");
        StartupException wrongCa = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                "LUCARNE_KIOSK_CA_CERTIFICATE", tablets.certificate().toString(),
                "LUCARNE_KIOSK_CA_KEYSTORE", other.keystore().toString(),
                "LUCARNE_KIOSK_CA_KEYSTORE_PASSWORD", "secret")));
        assertTrue(wrongCa.getMessage().startsWith("kiosk.ca.keystore:"), wrongCa.getMessage());
        assertTrue(wrongCa.getMessage().contains("CN=Other"), wrongCa.getMessage());

        StartupException wrongPassword = assertThrows(StartupException.class, () -> TestServer.start(Map.of(
                "LUCARNE_KIOSK_CA_CERTIFICATE", tablets.certificate().toString(),
                "LUCARNE_KIOSK_CA_KEYSTORE", tablets.keystore().toString(),
                "LUCARNE_KIOSK_CA_KEYSTORE_PASSWORD", "not it")));
        assertTrue(wrongPassword.getMessage().startsWith("kiosk.ca.keystore:"), wrongPassword.getMessage());
    }
}
