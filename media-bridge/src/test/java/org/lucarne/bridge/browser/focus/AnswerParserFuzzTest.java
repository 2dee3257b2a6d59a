package org.lucarne.bridge.browser.focus;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A page's answer reaches the focus over the network: whatever text arrives, the parser gives a
 * {@link PageAnswer} or an {@link InvalidAnswerException}, never another exception.
 * {@code @FuzzTest} replays its seeds every build and fuzzes with {@code JAZZER_FUZZ=1}; the
 * mutation test runs 1,000 mutants of Chromium's answer every build.
 */
class AnswerParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyAnswerTextParsesOrIsRefusedCleanly(FuzzedDataProvider data) {
        check(data.consumeRemainingAsString());
    }

    @Test
    void mutantsOfChromiumsAnswerParseOrAreRefusedCleanly() {
        Random random = new Random(20260612);
        String seed = AnswerParserTest.chromiumAnswer();
        String alphabet = "=: \r\n0123456789abcdefABCDEF-/.+amvsctoi\u00e9\u0000";
        for (int i = 0; i < 1_000; i++) {
            StringBuilder s = new StringBuilder(seed);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length() + 1);
                switch (random.nextInt(5)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (at < s.length()) s.deleteCharAt(at); }
                    case 2 -> { if (at < s.length()) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                    case 3 -> { int end = Math.min(s.length(), at + random.nextInt(80)); s.delete(at, end); }
                    default -> s.setLength(at);
                }
            }
            check(s.toString());
        }
    }

    private static void check(String text) {
        try {
            AnswerParser.parse(text);
        } catch (InvalidAnswerException refused) {
            // the one allowed failure
        }
    }
}
