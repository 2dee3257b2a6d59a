package org.lucarne.bridge.srtp;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.lucarne.bridge.dtls.DtlsConfig;
import org.lucarne.bridge.dtls.DtlsPair;
import org.lucarne.bridge.dtls.DtlsRole;
import org.lucarne.bridge.dtls.InMemoryDatagramTransport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SRTP with keys from a real DTLS handshake between two real stacks, for each profile. */
class SrtpSessionTest {
    private static final int SSRC = 0x1234_5678;
    private static final byte[] PAYLOAD = "an Opus frame, more or less".getBytes(StandardCharsets.US_ASCII);
    private static final Map<SrtpProfile, SrtpKeyingMaterial[]> KEYS = new EnumMap<>(SrtpProfile.class);

    @BeforeAll
    static void handshakeOncePerProfile() throws Exception {
        System.out.println("jitsi-srtp crypto backend: " + SrtpSession.cryptoBackend());
        for (SrtpProfile profile : SrtpProfile.values()) {
            DtlsConfig only = DtlsConfig.defaults().withHandshakeTimeout(Duration.ofSeconds(10))
                    .withSrtpProfiles(List.of(profile));
            DtlsPair.Outcome out = new DtlsPair(only, only).run(DtlsRole.SERVER, InMemoryDatagramTransport.pair());
            assertNull(out.bridgeError());
            assertEquals(profile, out.bridge().profile());
            KEYS.put(profile, new SrtpKeyingMaterial[] {out.bridge().keys(), out.peer().keys()});
        }
    }

    private static SrtpSession bridge(SrtpProfile profile) {
        return SrtpSession.create(KEYS.get(profile)[0]);
    }

    private static SrtpSession peer(SrtpProfile profile) {
        return SrtpSession.create(KEYS.get(profile)[1]);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpRoundTrip(SrtpProfile profile) {
        try (SrtpSession sender = peer(profile); SrtpSession receiver = bridge(profile)) {
            byte[] rtp = RtpPackets.rtp(111, 1000, 48_000, SSRC, PAYLOAD);
            byte[] original = rtp.clone();

            SrtpResult protectedPacket = sender.protectRtp(rtp, 0, rtp.length);
            assertTrue(protectedPacket.isOk(), protectedPacket.reason());
            assertArrayEquals(original, rtp, "input left untouched");
            assertEquals(rtp.length + profile.tagLength(), protectedPacket.packet().length);
            assertArrayEquals(Arrays.copyOf(rtp, 12), Arrays.copyOf(protectedPacket.packet(), 12),
                    "header stays in clear");
            assertFalse(Arrays.equals(PAYLOAD, Arrays.copyOfRange(protectedPacket.packet(), 12, 12 + PAYLOAD.length)),
                    "payload is encrypted");

            SrtpResult clear = receiver.unprotectRtp(protectedPacket.packet(), 0, protectedPacket.packet().length);
            assertTrue(clear.isOk(), clear.reason());
            assertArrayEquals(original, clear.packet());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void rtpFromAnOffsetInALargerBuffer(SrtpProfile profile) {
        try (SrtpSession sender = peer(profile); SrtpSession receiver = bridge(profile)) {
            byte[] rtp = RtpPackets.rtp(96, 7, 90_000, SSRC, PAYLOAD);
            byte[] framed = new byte[rtp.length + 20];
            System.arraycopy(rtp, 0, framed, 10, rtp.length);

            SrtpResult p = sender.protectRtp(framed, 10, rtp.length);
            byte[] wire = new byte[p.packet().length + 5];
            System.arraycopy(p.packet(), 0, wire, 5, p.packet().length);
            SrtpResult clear = receiver.unprotectRtp(wire, 5, p.packet().length);

            assertTrue(clear.isOk(), clear.reason());
            assertArrayEquals(rtp, clear.packet());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void tamperedRtpFailsAuthentication(SrtpProfile profile) {
        try (SrtpSession sender = peer(profile); SrtpSession receiver = bridge(profile)) {
            byte[] wire = sender.protectRtp(RtpPackets.rtp(111, 5, 960, SSRC, PAYLOAD), 0, 12 + PAYLOAD.length)
                    .packet();
            wire[14] ^= 0x01;

            SrtpResult r = receiver.unprotectRtp(wire, 0, wire.length);

            assertEquals(SrtpStatus.AUTH_FAILED, r.status());
            assertNull(r.packet());
            assertTrue(r.reason().contains("authentication"), r.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void replayedRtpIsRejected(SrtpProfile profile) {
        try (SrtpSession sender = peer(profile); SrtpSession receiver = bridge(profile)) {
            byte[] wire = sender.protectRtp(RtpPackets.rtp(111, 42, 960, SSRC, PAYLOAD), 0, 12 + PAYLOAD.length)
                    .packet();

            assertTrue(receiver.unprotectRtp(wire, 0, wire.length).isOk());
            SrtpResult again = receiver.unprotectRtp(wire, 0, wire.length);

            assertEquals(SrtpStatus.REPLAYED, again.status());
            assertTrue(again.reason().contains("replay"), again.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void packetWithTheOtherDirectionsKeysFails(SrtpProfile profile) {
        try (SrtpSession bridge = bridge(profile); SrtpSession alsoBridge = bridge(profile)) {
            // A packet the bridge protected, reflected back at the bridge: wrong direction's keys.
            byte[] wire = bridge.protectRtp(RtpPackets.rtp(111, 9, 960, SSRC, PAYLOAD), 0, 12 + PAYLOAD.length)
                    .packet();

            assertEquals(SrtpStatus.AUTH_FAILED, alsoBridge.unprotectRtp(wire, 0, wire.length).status());
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void srtcpRoundTripTamperAndReplay(SrtpProfile profile) {
        try (SrtpSession sender = bridge(profile); SrtpSession receiver = peer(profile)) {
            byte[] sr = RtpPackets.senderReport(SSRC, 0x0102_0304_0506_0708L, 48_000, 10, 1000);

            SrtpResult p = sender.protectRtcp(sr, 0, sr.length);
            assertTrue(p.isOk(), p.reason());
            assertEquals(sr.length + 4 + profile.tagLength(), p.packet().length, "E flag + index, then tag");
            SrtpResult clear = receiver.unprotectRtcp(p.packet(), 0, p.packet().length);
            assertTrue(clear.isOk(), clear.reason());
            assertArrayEquals(sr, clear.packet());

            assertEquals(SrtpStatus.REPLAYED, receiver.unprotectRtcp(p.packet(), 0, p.packet().length).status());

            byte[] rr = RtpPackets.receiverReport(SSRC);
            byte[] tampered = sender.protectRtcp(rr, 0, rr.length).packet();
            tampered[4] ^= 0x40;
            assertEquals(SrtpStatus.AUTH_FAILED, receiver.unprotectRtcp(tampered, 0, tampered.length).status());
        }
    }

    @Test
    void garbageIsAnInvalidPacketNotAnException() {
        try (SrtpSession receiver = bridge(SrtpProfile.AES128_CM_HMAC_SHA1_80)) {
            assertEquals(SrtpStatus.INVALID_PACKET, receiver.unprotectRtp(new byte[5], 0, 5).status());
            assertEquals(SrtpStatus.INVALID_PACKET, receiver.unprotectRtp(new byte[40], 0, 40).status(),
                    "version 0");
            assertEquals(SrtpStatus.INVALID_PACKET, receiver.unprotectRtp(new byte[40], 30, 20).status(),
                    "out of bounds");
            assertEquals(SrtpStatus.INVALID_PACKET, receiver.unprotectRtcp(new byte[] {(byte) 0x80, 1, 2}, 0, 3)
                    .status());
            byte[] bogus = new byte[60];
            bogus[0] = (byte) 0x90; // claims a header extension that is not there
            SrtpResult r = receiver.unprotectRtp(bogus, 0, bogus.length);
            assertFalse(r.isOk());
        }
    }

    @Test
    void ssrcFloodIsCapped() {
        SrtpKeyingMaterial[] keys = KEYS.get(SrtpProfile.AES128_CM_HMAC_SHA1_80);
        try (SrtpSession sender = SrtpSession.create(keys[1]); SrtpSession receiver = SrtpSession.create(keys[0], 2)) {
            for (int ssrc = 1; ssrc <= 3; ssrc++) {
                byte[] wire = sender.protectRtp(RtpPackets.rtp(111, 1, 0, ssrc, PAYLOAD), 0, 12 + PAYLOAD.length)
                        .packet();
                SrtpResult r = receiver.unprotectRtp(wire, 0, wire.length);
                assertEquals(ssrc <= 2 ? SrtpStatus.OK : SrtpStatus.TOO_MANY_SSRCS, r.status(), r.reason());
            }
        }
    }

    @Test
    void keyingMaterialNeverPrintsKeys() {
        SrtpKeyingMaterial keys = KEYS.get(SrtpProfile.AEAD_AES_128_GCM)[0];
        assertEquals("SrtpKeyingMaterial[SRTP_AEAD_AES_128_GCM, keys redacted]", keys.toString());
    }
}
