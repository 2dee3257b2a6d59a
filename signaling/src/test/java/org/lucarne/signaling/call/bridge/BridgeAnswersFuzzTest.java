package org.lucarne.signaling.call.bridge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Error pages and stats come from the network: whatever a bridge (or something posing as one)
 * answers, reading it gives a short clean message, or stats, or {@link BridgeAnswers.InvalidAnswer};
 * never any other exception. {@code @FuzzTest} fuzzes with {@code JAZZER_FUZZ=1}; the seeded mutation
 * test runs 20,000 mutants of the documents in {@code jvb/} every build.
 */
class BridgeAnswersFuzzTest {
    private static final String[] SEEDS = {
        "errors/bad-request.json", "errors/internal-error.json", "errors/not-found.txt",
        "errors/service-unavailable.html", "responses/stats.json", "responses/empty.json",
    };
    private static final String[] TYPES = {null, "application/json", "text/plain", "text/html;charset=utf-8", "x"};

    @FuzzTest(maxDuration = "60s")
    void anyAnswerIsReadOrRefusedCleanly(FuzzedDataProvider data) {
        String type = data.consumeBoolean() ? data.consumeString(40) : null;
        check(type, data.consumeRemainingAsString());
    }

    @Test
    void mutantsOfJvbsAnswersAreReadOrRefusedCleanly() {
        Random random = new Random(20261122);
        List<String> seeds = new ArrayList<>();
        for (String s : SEEDS) {
            seeds.add(JvbDocuments.text(s));
        }
        String alphabet = "{}[]<>/\":,0123456789-.eE \n\r\t\u0000\u202e&;#\\uMESSAGE: h2titleconferences\u00e9\ud83d\ude00";
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
            check(TYPES[random.nextInt(TYPES.length)], s.toString());
        }
    }

    private static void check(String contentType, String body) {
        String message = BridgeAnswers.errorMessage(contentType, body);
        if (message != null) {
            assertTrue(!message.isEmpty() && message.length() <= BridgeAnswers.MAX_MESSAGE + 1, message);
            assertTrue(message.chars().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT),
                    "control character in " + message);
        }
        try {
            BridgeStats stats = BridgeAnswers.stats(body);
            assertTrue(stats.conferences() >= 0);
        } catch (BridgeAnswers.InvalidAnswer refused) {
            assertTrue(refused.getMessage() != null && !refused.getMessage().isEmpty());
        }
    }
}
