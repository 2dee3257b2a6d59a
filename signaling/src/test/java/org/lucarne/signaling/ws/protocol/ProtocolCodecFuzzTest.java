package org.lucarne.signaling.ws.protocol;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The codec takes text from anyone on the network: whatever it gets, it either decodes a
 * message that survives a round trip, or refuses with a {@link ProtocolException}; never any
 * other exception. {@code @FuzzTest} replays its corpus in every build and fuzzes with
 * {@code JAZZER_FUZZ=1}; the seeded mutation test runs 20,000 mutants of the fixtures every build.
 */
class ProtocolCodecFuzzTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @FuzzTest(maxDuration = "60s")
    void anyTextDecodesOrIsRefusedCleanly(FuzzedDataProvider data) {
        boolean fromClient = data.consumeBoolean();
        check(data.consumeRemainingAsString(),
                fromClient ? ProtocolCodec.Direction.CLIENT : ProtocolCodec.Direction.SERVER);
    }

    @Test
    void mutantsOfTheFixturesDecodeOrAreRefusedCleanly() {
        Random random = new Random(20261122);
        var seeds = new java.util.ArrayList<String>();
        ProtocolFixtures.valid().forEach(f -> seeds.add(f.text()));
        ProtocolFixtures.invalid().forEach(f -> seeds.add(f.text()));
        String alphabet = "{}[]\":,0123456789-+.eE \\u\ttruefalsenullvtypeseqhelloping\u00e9\ud83d\ude00"
                + "_visitinviterevisionsdp\r\n";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = s.length() == 0 ? 0 : random.nextInt(s.length());
                switch (random.nextInt(4)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (s.length() > 0) s.deleteCharAt(at); }
                    case 2 -> { if (s.length() > 0) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                    default -> s.setLength(at);
                }
            }
            check(s.toString(), random.nextBoolean() ? ProtocolCodec.Direction.CLIENT : ProtocolCodec.Direction.SERVER);
        }
    }

    static void check(String text, ProtocolCodec.Direction direction) {
        Message m;
        try {
            m = CODEC.decode(text, direction);
        } catch (ProtocolException refused) {
            return;
        }
        try {
            assertEquals(m, CODEC.decode(CODEC.encode(m), direction), "round trip of " + text);
        } catch (ProtocolException e) {
            throw new AssertionError("re-encoded " + m + " is refused: " + e.getMessage(), e);
        }
    }
}
