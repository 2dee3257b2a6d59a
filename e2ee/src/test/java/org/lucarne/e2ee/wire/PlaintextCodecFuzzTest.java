package org.lucarne.e2ee.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A decrypted plaintext comes from a peer: whatever its bytes, {@link PlaintextCodec#decode} gives a message that
 * survives a round trip, or refuses with {@code plaintext_malformed}; never another exception. {@code @FuzzTest}
 * fuzzes with {@code JAZZER_FUZZ=1}; the seeded mutation test runs 20,000 mutants of valid messages every build.
 */
class PlaintextCodecFuzzTest {
    private static final String ID = PlaintextCodecTest.ID;
    private static final String[] SEEDS = {
        "{\"type\":\"text\",\"id\":\"" + ID + "\",\"sentAt\":1796083200000,\"body\":\"Bonjour 💐\"}",
        "{\"type\":\"photo\",\"id\":\"" + ID + "\",\"sentAt\":1,\"blob\":\"" + ID + "\",\"key\":\"" + PlaintextCodecTest.KEY
            + "\",\"chunks\":1,\"bytes\":100,\"sha256\":\"" + PlaintextCodecTest.KEY + "\",\"width\":10,\"height\":10,\"caption\":\"é\"}",
        "{\"type\":\"read\",\"ids\":[\"" + ID + "\"]}",
        "{\"type\":\"roster\",\"devices\":[]}",
    };

    @FuzzTest(maxDuration = "60s")
    void anyBytesDecodeOrAreRefusedCleanly(FuzzedDataProvider data) {
        check(data.consumeRemainingAsBytes());
    }

    @Test
    void mutantsOfValidMessagesDecodeOrAreRefusedCleanly() {
        Random random = new Random(20261205);
        String alphabet = "{}[]\":,0123456789-+.eE \\u\ttruefalsenulltypeidsentAtbodyAAEC_-=é💐";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
            for (int e = 1 + random.nextInt(3); e > 0; e--) {
                int at = s.length() == 0 ? 0 : random.nextInt(s.length());
                switch (random.nextInt(3)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (s.length() > 0) s.deleteCharAt(at); }
                    default -> { if (s.length() > 0) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                }
            }
            byte[] bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            if (random.nextInt(10) == 0 && bytes.length > 0) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            check(bytes);
        }
    }

    private static void check(byte[] bytes) {
        InnerMessage m;
        try {
            m = PlaintextCodec.decode(bytes);
        } catch (PlaintextException refused) {
            assertEquals(PlaintextException.MALFORMED, refused.code(), Arrays.toString(bytes));
            return;
        }
        try {
            assertEquals(m, PlaintextCodec.decode(PlaintextCodec.encode(m)));
        } catch (PlaintextException e) {
            throw new AssertionError("re-encoded " + m + " is refused: " + e.getMessage(), e);
        }
    }
}
