package org.lucarne.bridge.sdp;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A browser's answer reaches the focus over the network: whatever text arrives, the parser gives
 * an {@link EndpointAnswer} or an {@link InvalidAnswerException} with one short line saying what is
 * wrong, never another exception.
 * {@code @FuzzTest} replays its seeds (Chromium's answer, with and without simulcast layers) every build and fuzzes with
 * {@code JAZZER_FUZZ=1}; the mutation test runs 2,000 mutants of Chromium's answer every build.
 */
class AnswerParserFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyAnswerTextParsesOrIsRefusedCleanly(FuzzedDataProvider data) {
        check(data.consumeRemainingAsString());
    }

    @Test
    void mutantsOfChromiumsAnswerParseOrAreRefusedCleanly() {
        Random random = new Random(20260612);
        String[] seeds = {SdpFixtures.chromiumAnswer(), SdpFixtures.simulcastAnswer()};
        String alphabet = "=: \r\n0123456789abcdefABCDEF-/.+amvsctoi\u00e9\u0000";
        String[] words = {"a=ssrc:", "a=ssrc-group:FID ", "a=ssrc-group:SIM ", " 1111", " 2222 3333", "a=extmap:", "a=mid:", "m=video 9 UDP/TLS/RTP/SAVPF 100\r\n",
            "a=candidate:", " typ ", "a=fingerprint:sha-256 ", "a=sendrecv", "a=inactive", "4294967296", "a=group:BUNDLE "};
        for (int i = 0; i < 2_000; i++) {
            StringBuilder s = new StringBuilder(seeds[i % seeds.length]);
            int edits = 1 + random.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = random.nextInt(s.length() + 1);
                switch (random.nextInt(6)) {
                    case 0 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 1 -> { if (at < s.length()) s.deleteCharAt(at); }
                    case 2 -> { if (at < s.length()) s.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length()))); }
                    case 3 -> { int end = Math.min(s.length(), at + random.nextInt(80)); s.delete(at, end); }
                    case 4 -> s.insert(at, words[random.nextInt(words.length)]);
                    default -> s.setLength(at);
                }
            }
            check(s.toString());
        }
    }

    @Test
    void theSimulcastSeedIsChromiumsAnswerWithLayers() throws java.io.IOException {
        try (java.io.InputStream in = AnswerParserFuzzTest.class.getResourceAsStream(
                "AnswerParserFuzzTestInputs/anyAnswerTextParsesOrIsRefusedCleanly/simulcast_answer")) {
            org.junit.jupiter.api.Assertions.assertEquals(SdpFixtures.simulcastAnswer(),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSeedIsChromiumsAnswer() throws java.io.IOException {
        try (java.io.InputStream in = AnswerParserFuzzTest.class.getResourceAsStream(
                "AnswerParserFuzzTestInputs/anyAnswerTextParsesOrIsRefusedCleanly/chromium_answer")) {
            org.junit.jupiter.api.Assertions.assertEquals(SdpFixtures.chromiumAnswer(),
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private static void check(String text) {
        try {
            AnswerParser.parse(text, SdpFixtures.CHROMIUM_OFFER);
        } catch (InvalidAnswerException refused) {
            String message = refused.getMessage();
            if (message == null || message.isEmpty() || message.length() > 300 || message.chars().anyMatch(Character::isISOControl)) {
                throw new AssertionError("a refusal must say in one short line what is wrong, not: " + message);
            }
        }
    }
}
