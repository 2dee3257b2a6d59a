package org.lucarne.bridge.colibri;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A bridge takes Colibri2 from the network: whatever text it gets, the codec either decodes a
 * request that survives a round trip, or refuses it with a {@link Colibri2Exception}; never any
 * other exception. {@code @FuzzTest} replays its seeds (the fixtures) in every build and fuzzes
 * with {@code JAZZER_FUZZ=1}; the mutation test runs 5,000 mutants of the fixtures every build.
 */
class Colibri2CodecFuzzTest {
    private static final Colibri2Codec CODEC = new Colibri2Codec();

    @FuzzTest(maxDuration = "60s")
    void anyRequestTextDecodesOrIsRefusedCleanly(FuzzedDataProvider data) {
        check(data.consumeRemainingAsString());
    }

    @Test
    void mutantsOfTheFixturesDecodeOrAreRefusedCleanly() {
        Random random = new Random(20260611);
        List<String> seeds = new ArrayList<>();
        Colibri2Fixtures.requests().forEach(f -> seeds.add(f.text()));
        String alphabet = "{}[]\":,0123456789-+.eE \\u\ttruefalsenull\u00e9\ud83d\ude00";
        for (int i = 0; i < 5_000; i++) {
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
            check(s.toString());
        }
    }

    private static void check(String text) {
        ConferenceModify decoded;
        try {
            decoded = CODEC.decodeRequest(text);
        } catch (Colibri2Exception refused) {
            return;
        }
        String encoded = CODEC.encodeRequest(decoded);
        try {
            assertEquals(decoded, CODEC.decodeRequest(encoded), "round trip of " + text);
        } catch (Colibri2Exception e) {
            throw new AssertionError("re-encoded " + decoded + " is refused: " + e.getMessage(), e);
        }
    }
}
