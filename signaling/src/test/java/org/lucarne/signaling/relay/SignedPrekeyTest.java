package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.ws.protocol.ErrorCode;

class SignedPrekeyTest {
    private static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    private final RelayKeys tablet = RelayKeys.create();
    private final RelayKeys jean = RelayKeys.create();

    private static void refused(Runnable r, String words) {
        RelayRefusal e = assertThrows(RelayRefusal.class, r::run);
        assertEquals(ErrorCode.E2EE_PREKEY_INVALID, e.code());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void aRecordIsSpkIdThenCreatedThenTheKeyThenTheSignature() {
        SignedPrekey p = tablet.signedPrekey(0x01020304L, NOW);
        byte[] record = p.encode();
        assertEquals(SignedPrekey.LENGTH, record.length);
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Arrays.copyOf(record, 4));
        assertEquals(NOW.toEpochMilli(), java.nio.ByteBuffer.wrap(record, 4, 8).getLong());
        assertArrayEquals(p.publicKey(), Arrays.copyOfRange(record, 12, 44));
        assertArrayEquals(p.signature(), Arrays.copyOfRange(record, 44, 108));
        assertEquals(p, SignedPrekey.decode(record));
    }

    @Test
    void anSpkIdAboveTwoToTheThirtyOneReadsBackUnsigned() {
        SignedPrekey p = tablet.signedPrekey(0xFFFF_FFFEL, NOW);
        assertEquals(0xFFFF_FFFEL, SignedPrekey.decode(p.encode()).spkId());
    }

    @Test
    void aPrekeySignedByTheDevicesIdentityKeyIsAccepted() {
        SignedPrekey p = SignedPrekey.decode(tablet.signedPrekey(7, NOW).encode());
        assertDoesNotThrow(() -> p.verify(tablet.identity(), tablet.deviceId(), NOW));
    }

    @Test
    void aPrekeySignedByAnotherIdentityIsRefused() {
        SignedPrekey p = jean.signedPrekey(7, NOW);
        refused(() -> p.verify(tablet.identity(), tablet.deviceId(), NOW), "signature");
    }

    @Test
    void aPrekeySignedForAnotherDeviceIdIsRefused() {
        SignedPrekey p = tablet.signedPrekey(7, NOW);
        refused(() -> p.verify(tablet.identity(), jean.deviceId(), NOW), "signature");
    }

    @Test
    void anyChangedByteOfTheRecordBreaksTheSignature() {
        byte[] record = tablet.signedPrekey(7, NOW).encode();
        for (int i = 0; i < SignedPrekey.LENGTH; i++) {
            byte[] changed = record.clone();
            changed[i] ^= 0x01;
            SignedPrekey p = SignedPrekey.decode(changed);
            refused(() -> p.verify(tablet.identity(), tablet.deviceId(), NOW.plus(Duration.ofDays(2))), "");
        }
    }

    @Test
    void aPrekeyMadeMoreThanADayAheadIsRefusedAndADayAheadIsAccepted() {
        SignedPrekey dayAhead = tablet.signedPrekey(1, NOW.plus(SignedPrekey.MAX_AHEAD));
        assertDoesNotThrow(() -> dayAhead.verify(tablet.identity(), tablet.deviceId(), NOW));
        SignedPrekey beyond = tablet.signedPrekey(1, NOW.plus(SignedPrekey.MAX_AHEAD).plusMillis(1));
        refused(() -> beyond.verify(tablet.identity(), tablet.deviceId(), NOW), "more than a day");
    }

    @Test
    void anOldPrekeyIsTheSendersToRefuseNotTheServers() {
        // docs/e2ee.md: a sender refuses one older than 35 days; the server keeps serving what the owner uploaded.
        SignedPrekey old = tablet.signedPrekey(1, NOW.minus(Duration.ofDays(60)));
        assertDoesNotThrow(() -> old.verify(tablet.identity(), tablet.deviceId(), NOW));
    }

    @Test
    void aRecordOfAnotherLengthIsRefused() {
        refused(() -> SignedPrekey.decode(new byte[107]), "108 bytes");
        refused(() -> SignedPrekey.decode(new byte[109]), "108 bytes");
    }

    @Test
    void anIdentityKeyThatIsNotACurvePointIsARefusalNotAFailure() {
        byte[] identity = tablet.identity();
        Arrays.fill(identity, 0, 32, (byte) 0xFF);
        SignedPrekey p = tablet.signedPrekey(1, NOW);
        refused(() -> p.verify(identity, tablet.deviceId(), NOW), "signature");
    }

    @Test
    void aOneTimePrekeyIsItsIdThenItsKeyAndIdZeroMeansNone() {
        OneTimePrekey k = new OneTimePrekey(0x8000_0001L, RelayKeys.bytes(32, 3));
        assertEquals(k, OneTimePrekey.decode(k.encode()));
        byte[] zero = k.encode();
        Arrays.fill(zero, 0, 4, (byte) 0);
        assertEquals(ErrorCode.E2EE_PREKEY_INVALID, assertThrows(RelayRefusal.class, () -> OneTimePrekey.decode(zero)).code());
        assertEquals(ErrorCode.E2EE_PREKEY_INVALID,
                assertThrows(RelayRefusal.class, () -> OneTimePrekey.decode(new byte[35])).code());
    }
}
