package org.lucarne.e2ee.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Envelopes come from any device through the relay: whatever the bytes, {@link EnvelopeHeader#parse} gives a
 * header whose clear part is the envelope's first bytes, or refuses with an {@link EnvelopeException} and one of
 * its three codes; never another exception. {@code @FuzzTest} replays its corpus in every build and fuzzes
 * with {@code JAZZER_FUZZ=1}; the seeded mutation test runs 20,000 mutants of valid envelopes every build.
 */
class EnvelopeHeaderFuzzTest {
    private static final List<String> CODES =
            List.of(EnvelopeException.TRUNCATED, EnvelopeException.UNSUPPORTED, EnvelopeException.MALFORMED);

    @FuzzTest(maxDuration = "60s")
    void anyBytesAreReadOrRefusedCleanly(FuzzedDataProvider data) {
        check(data.consumeRemainingAsBytes());
    }

    @Test
    void mutantsOfValidEnvelopesAreReadOrRefusedCleanly() {
        byte[][] seeds = {
            EnvelopeHeaderTest.normal(3, 9, 256),
            EnvelopeHeaderTest.normal(0, 0, 1024),
            EnvelopeHeaderTest.prekey(1, 0, new byte[16], 256),
            EnvelopeHeaderTest.prekey(7, 8, EnvelopeHeaderTest.filled(16, 1), 512),
        };
        Random random = new Random(20261205);
        for (int i = 0; i < 20_000; i++) {
            byte[] e = seeds[random.nextInt(seeds.length)].clone();
            int edits = 1 + random.nextInt(3);
            for (int k = 0; k < edits; k++) {
                switch (random.nextInt(4)) {
                    case 0 -> e[random.nextInt(e.length)] = (byte) random.nextInt(256);
                    case 1 -> e[random.nextInt(Math.min(e.length, 3))] = (byte) random.nextInt(4);
                    case 2 -> e = Arrays.copyOf(e, random.nextInt(e.length + 1));
                    default -> e = Arrays.copyOf(e, e.length + random.nextInt(64));
                }
                if (e.length == 0) {
                    break;
                }
            }
            check(e);
        }
    }

    private static void check(byte[] envelope) {
        EnvelopeHeader h;
        try {
            h = EnvelopeHeader.parse(envelope);
        } catch (EnvelopeException refused) {
            if (!CODES.contains(refused.code())) {
                throw new AssertionError("unknown code " + refused.code());
            }
            return;
        }
        assertArrayEquals(Arrays.copyOf(envelope, h.clearPartBytes()), h.encode());
        assertEquals(envelope.length, h.clearPartBytes() + h.ciphertextLength());
    }
}
