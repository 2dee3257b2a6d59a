package org.lucarne.bridge.dtls;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lucarne.bridge.dtls.DtlsHandshakeException.Reason;
import org.lucarne.bridge.srtp.SrtpKeyingMaterial;
import org.lucarne.bridge.srtp.SrtpProfile;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DtlsEndpointTest {

    @ParameterizedTest
    @EnumSource(DtlsRole.class)
    void bothSidesAgreeOnProfileAndKeys(DtlsRole bridgeRole) throws Exception {
        DtlsPair pair = new DtlsPair();

        DtlsPair.Outcome out = pair.run(bridgeRole, InMemoryDatagramTransport.pair());

        assertNull(out.bridgeError());
        assertNull(out.peerError());
        assertEquals(bridgeRole, out.bridge().role());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, out.bridge().profile(), "GCM is preferred by default");
        assertEquals(out.bridge().profile(), out.peer().profile());
        SrtpKeyingMaterial b = out.bridge().keys();
        SrtpKeyingMaterial p = out.peer().keys();
        assertArrayEquals(b.localKey(), p.remoteKey());
        assertArrayEquals(b.localSalt(), p.remoteSalt());
        assertArrayEquals(b.remoteKey(), p.localKey());
        assertArrayEquals(b.remoteSalt(), p.localSalt());
        assertFalse(java.util.Arrays.equals(b.localKey(), b.remoteKey()), "each direction has its own key");
        assertEquals(b, p.reversed());
    }

    @Test
    void serverPicksItsOwnPreferenceAmongTheClientsOffer() throws Exception {
        // The peer (client) prefers GCM; the bridge (server) prefers CM_80 and decides.
        DtlsConfig bridgeConfig = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(10))
                .withSrtpProfiles(List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM));
        DtlsPair pair = new DtlsPair(bridgeConfig, DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(10)));

        DtlsPair.Outcome out = pair.run(DtlsRole.SERVER, InMemoryDatagramTransport.pair());

        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, out.bridge().profile());
        assertEquals(SrtpProfile.AES128_CM_HMAC_SHA1_80, out.peer().profile());
        assertEquals(14, out.bridge().keys().localSalt().length);
    }

    @Test
    void handshakeFailsWithoutCommonSrtpProfile() throws Exception {
        DtlsConfig gcmOnly = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(5))
                .withSrtpProfiles(List.of(SrtpProfile.AEAD_AES_128_GCM));
        DtlsConfig cmOnly = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(5))
                .withSrtpProfiles(List.of(SrtpProfile.AES128_CM_HMAC_SHA1_80));
        DtlsPair pair = new DtlsPair(gcmOnly, cmOnly);

        DtlsPair.Outcome out = pair.run(DtlsRole.SERVER, InMemoryDatagramTransport.pair());

        assertNotNull(out.bridgeError());
        assertEquals(Reason.NO_COMMON_SRTP_PROFILE, out.bridgeError().reason());
        assertTrue(out.bridgeError().getMessage().contains("SRTP_AES128_CM_HMAC_SHA1_80"),
                out.bridgeError().getMessage());
        assertNotNull(out.peerError());
    }

    @ParameterizedTest
    @EnumSource(DtlsRole.class)
    void fingerprintMismatchFailsTheHandshake(DtlsRole bridgeRole) throws Exception {
        DtlsPair pair = new DtlsPair();
        BridgeCertificate stranger = BridgeCertificate.generate(java.time.Clock.systemUTC(), DtlsPair.RANDOM);

        // The bridge was told (by a tampered or stale SDP) to expect another certificate.
        DtlsPair.Outcome out = pair.run(bridgeRole, stranger.fingerprint(), pair.bridgeCert.fingerprint(),
                InMemoryDatagramTransport.pair());

        assertNull(out.bridge());
        DtlsHandshakeException e = out.bridgeError();
        assertEquals(Reason.FINGERPRINT_MISMATCH, e.reason());
        assertTrue(e.getMessage().contains("does not match the a=fingerprint"), e.getMessage());
        assertTrue(e.getMessage().contains(pair.peerCert.fingerprint().hex()), "names the certificate seen");
        assertTrue(e.getMessage().contains(stranger.fingerprint().hex()), "names the fingerprint expected");
        assertNull(out.peer(), "no keys on the other side either");
    }

    @Test
    void fingerprintWithAnotherHashFunctionStillVerifies() throws Exception {
        DtlsPair pair = new DtlsPair();
        CertificateFingerprint sha512 = CertificateFingerprint.of("sha-512", pair.peerCert.encoded());

        DtlsPair.Outcome out = pair.run(DtlsRole.SERVER, sha512, pair.bridgeCert.fingerprint(),
                InMemoryDatagramTransport.pair());

        assertNull(out.bridgeError());
        assertNotNull(out.bridge().keys());
    }

    @Test
    void unknownHashFunctionInRemoteSdpIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CertificateFingerprint.parse("md5 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89"));
        assertTrue(e.getMessage().contains("unsupported fingerprint hash function 'md5'"), e.getMessage());
        assertTrue(e.getMessage().contains("sha-256"), e.getMessage());
    }

    @Test
    void handshakeCompletesDespiteTenPercentLossAndSomeReordering() throws Exception {
        DtlsPair pair = new DtlsPair(DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(45)),
                DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(45)));
        // Fixed seed: the run is repeatable, and this seed does drop handshake flights.
        InMemoryDatagramTransport[] link = InMemoryDatagramTransport.pair(0.10, 0.05, new Random(7));

        DtlsPair.Outcome out = pair.run(DtlsRole.SERVER, link);

        assertNull(out.bridgeError());
        assertNull(out.peerError());
        assertArrayEquals(out.bridge().keys().localKey(), out.peer().keys().remoteKey());
        assertTrue(link[0].dropped() + link[1].dropped() > 0, "the link did lose datagrams");
    }

    @Test
    void garbageBeforeTheClientHelloIsIgnored() throws Exception {
        DtlsPair pair = new DtlsPair();
        InMemoryDatagramTransport[] link = InMemoryDatagramTransport.pair();
        byte[] random = new byte[300];
        new SecureRandom().nextBytes(random);
        link[0].inject(new byte[0]);
        link[0].inject(random);
        link[0].inject(new byte[] {22, (byte) 0xFE, (byte) 0xFD}); // truncated record header
        // A handshake record header claiming 1000 bytes of content but carrying 5.
        link[0].inject(new byte[] {22, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, (byte) 0xE8,
                1, 2, 3, 4, 5});
        // An application-data record before any handshake, and a record with an unknown version.
        link[0].inject(new byte[] {23, (byte) 0xFE, (byte) 0xFD, 0, 0, 0, 0, 0, 0, 0, 1, 0, 2, 9, 9});
        link[0].inject(new byte[] {22, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0});

        DtlsPair.Outcome out = pair.run(DtlsRole.SERVER, link);

        assertNull(out.bridgeError());
        assertNull(out.peerError());
        assertNotNull(out.bridge().keys());
    }

    @Test
    void serverWithNoClientTimesOutWithAClearMessage() {
        DtlsEndpoint bridge = new DtlsEndpoint(BridgeCertificate.generate(java.time.Clock.systemUTC(), DtlsPair.RANDOM),
                DtlsConfig.defaults().withHandshakeTimeout(Duration.ofMillis(700)), DtlsPair.RANDOM);
        CertificateFingerprint anyone = BridgeCertificate.generate(java.time.Clock.systemUTC(), DtlsPair.RANDOM)
                .fingerprint();

        long start = System.nanoTime();
        DtlsHandshakeException e = assertThrows(DtlsHandshakeException.class,
                () -> bridge.handshake(DtlsRole.CLIENT, anyone, InMemoryDatagramTransport.pair()[0]));

        assertEquals(Reason.TIMEOUT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("700 ms"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    }
}
