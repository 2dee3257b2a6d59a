package org.lucarne.signaling.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Prekey records come from devices: whatever bytes arrive, decoding and checking them either succeeds or refuses with
 * a {@link RelayRefusal}, never another exception; a record that decodes encodes back to the same bytes.
 * {@code @FuzzTest} replays its corpus in every build and fuzzes with {@code JAZZER_FUZZ=1}.
 */
class PrekeyRecordFuzzTest {
    private static final Instant NOW = Instant.parse("2026-12-05T02:00:00Z");
    private static final RelayKeys OWNER = RelayKeys.create();

    @FuzzTest(maxDuration = "60s")
    void anyBytesDecodeAndVerifyOrAreRefusedCleanly(FuzzedDataProvider data) {
        byte[] identity = data.consumeBoolean() ? OWNER.identity() : data.consumeBytes(128);
        check(data.consumeRemainingAsBytes(), identity);
    }

    @Test
    void mutantsOfAGoodRecordAreRefusedCleanly() {
        Random random = new Random(20261205);
        byte[] good = OWNER.signedPrekey(3, NOW).encode();
        for (int i = 0; i < 5_000; i++) {
            byte[] b = java.util.Arrays.copyOf(good, random.nextInt(10) == 0 ? random.nextInt(120) : good.length);
            for (int e = random.nextInt(3); e >= 0; e--) {
                if (b.length > 0) {
                    b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            check(b, OWNER.identity());
            check(b.length >= OneTimePrekey.LENGTH ? java.util.Arrays.copyOf(b, OneTimePrekey.LENGTH) : b, OWNER.identity());
        }
    }

    private static void check(byte[] bytes, byte[] identity) {
        try {
            SignedPrekey p = SignedPrekey.decode(bytes);
            assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(p.encode()));
            if (identity.length == 128) {
                p.verify(identity, OWNER.deviceId(), NOW);
            }
        } catch (RelayRefusal refused) {
            // a clear refusal is the other good outcome
        }
        try {
            OneTimePrekey k = OneTimePrekey.decode(bytes);
            assertEquals(java.util.Arrays.toString(bytes), java.util.Arrays.toString(k.encode()));
        } catch (RelayRefusal refused) {
            // likewise
        }
    }
}
