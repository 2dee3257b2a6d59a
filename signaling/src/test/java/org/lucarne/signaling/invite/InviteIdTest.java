package org.lucarne.signaling.invite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InviteIdTest {

    @Test
    void generatedIdIs43Base64UrlCharactersOf32RandomBytes() {
        InviteId id = InviteId.generate();
        assertTrue(id.value().matches("[A-Za-z0-9_-]{43}"), id.value());
        assertEquals(32, Base64.getUrlDecoder().decode(id.value()).length);
    }

    @Test
    void generatedIdsDiffer() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(InviteId.generate().value()));
        }
    }

    @Test
    void parseAcceptsWhatGenerateWrites() {
        InviteId id = InviteId.generate();
        assertEquals(id, InviteId.parse(id.value()).orElseThrow());
    }

    @Test
    void parseRejectsGarbage() {
        String good = InviteId.generate().value();
        String[] bad = {
            null, "", "abc", good.substring(1), good + "A", good + "=", " " + good.substring(1), good.substring(1) + "\n",
            good.substring(0, 42) + "+", good.substring(0, 42) + "/", good.substring(0, 42) + "é",
            "../../../../etc/passwd/AAAAAAAAAAAAAAAAAAAAAAAA", good.substring(0, 41) + "==",
            // 'B' sets one of the two unused trailing bits: decodes, but is not canonical
            "A".repeat(42) + "B",
        };
        for (String text : bad) {
            assertFalse(InviteId.parse(text).isPresent(), "accepted: " + text);
        }
        assertTrue(InviteId.parse("A".repeat(42) + "E").isPresent());
    }

    @Test
    void parseRejectsRandomStringsOfTheRightLength() {
        Random random = new Random(7);
        int accepted = 0;
        for (int i = 0; i < 10_000; i++) {
            char[] chars = new char[43];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = (char) (32 + random.nextInt(95));
            }
            String text = new String(chars);
            if (InviteId.parse(text).isPresent()) {
                accepted++;
                assertTrue(text.matches("[A-Za-z0-9_-]{42}[AEIMQUYcgkosw048]"), text);
            }
        }
        assertTrue(accepted < 10, "printable noise should almost never look like an id: " + accepted);
    }

    @Test
    void hashIsSha256HexOfTheId() throws Exception {
        InviteId id = InviteId.generate();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(id.value().getBytes(StandardCharsets.US_ASCII));
        assertEquals(64, id.hash().length());
        assertArrayEquals(expected, HexFormat.of().parseHex(id.hash()));
        assertNotEquals(id.hash(), InviteId.generate().hash());
    }

    @Test
    void toStringDoesNotRevealTheId() {
        InviteId id = InviteId.generate();
        assertFalse(id.toString().contains(id.value()));
        assertTrue(id.toString().contains(id.hash().substring(0, 12)));
    }
}
