package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadableCodesTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void tenRecoveryCodesOfFiftyBitsEachInReadableGroups() {
        List<String> codes = ReadableCodes.recoveryCodes(random);
        assertEquals(10, codes.size());
        assertEquals(10, new HashSet<>(codes).size());
        for (String c : codes) {
            assertTrue(c.matches("[0-9abcdefghjkmnpqrstvwxyz]{5}-[0-9abcdefghjkmnpqrstvwxyz]{5}"), c);
        }
        assertEquals(32, ReadableCodes.ALPHABET.length(), "5 bits a character, 10 characters: 50 bits");
    }

    @Test
    void typingIsForgivingAboutCaseSpacesHyphensAndLookAlikes() {
        assertEquals(Optional.of("k7m2p9xq4w"), ReadableCodes.normalizeRecoveryCode("k7m2p-9xq4w"));
        assertEquals(Optional.of("k7m2p9xq4w"), ReadableCodes.normalizeRecoveryCode(" K7M2P 9XQ4W "));
        assertEquals(Optional.of("1010k7m2p0"), ReadableCodes.normalizeRecoveryCode("lOiO-k7m2p-o"));
        assertEquals(Optional.empty(), ReadableCodes.normalizeRecoveryCode("k7m2p-9xq4"), "too short");
        assertEquals(Optional.empty(), ReadableCodes.normalizeRecoveryCode("k7m2p-9xq4wu"), "u is not in it");
        assertEquals(Optional.empty(), ReadableCodes.normalizeRecoveryCode(null));
    }

    @Test
    void onlyTheSha256OfARecoveryCodeIsKept() {
        String h = ReadableCodes.hashRecoveryCode("k7m2p9xq4w");
        assertTrue(h.matches("[0-9a-f]{64}"), h);
        assertNotEquals(h, ReadableCodes.hashRecoveryCode("k7m2p9xq4x"));
    }

    @Test
    void oneTimePasswordHasAHundredBitsAndPassesThePolicy() {
        String p = ReadableCodes.oneTimePassword(random);
        assertTrue(p.matches("([0-9a-z]{5}-){3}[0-9a-z]{5}"), p);
        assertEquals(Optional.empty(), PasswordPolicy.problem(p, "someone"));
    }
}
