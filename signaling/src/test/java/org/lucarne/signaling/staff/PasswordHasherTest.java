package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(PasswordHasher.FLOOR, new SecureRandom(), 2);

    @Test
    void hashIsAPhcStringNamingArgon2idAndItsParameters() {
        String h = hasher.hash("correct horse battery staple");
        assertTrue(h.matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"), h);
        assertNotEquals(h, hasher.hash("correct horse battery staple"), "a new salt each time");
    }

    @Test
    void rightPasswordMatchesAndAWrongOneDoesNot() {
        String h = hasher.hash("correct horse battery staple");
        assertEquals(new PasswordHasher.Verification(true, false), hasher.verify(h, "correct horse battery staple"));
        assertEquals(new PasswordHasher.Verification(false, false), hasher.verify(h, "correct horse battery stapler"));
    }

    @Test
    void theSamePasswordTypedInAnotherUnicodeFormMatches() {
        String h = hasher.hash("caf\u00e9 au lait chaud");
        assertTrue(hasher.verify(h, "cafe\u0301 au lait chaud").matches(), "NFKC makes é and e + ́ one");
    }

    @Test
    void aHashWithParametersBelowTheCurrentOnesAsksForARehash() {
        String old = hasher.hash("correct horse battery staple");
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Parameters(19_456, 3, 1), new SecureRandom(), 1);
        assertEquals(new PasswordHasher.Verification(true, true), stronger.verify(old, "correct horse battery staple"));
        assertEquals(new PasswordHasher.Verification(false, false), stronger.verify(old, "wrong horse battery staple"));
    }

    @Test
    void somethingThatIsNotAnArgon2idHashNeverMatchesButCostsTheSame() {
        long before = hasher.computations();
        for (String stored : new String[] {null, "", "plaintext password", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$BBBB",
                "$argon2id$v=19$m=8,t=1,p=1$" + "A".repeat(22) + "$" + "B".repeat(43)}) {
            assertFalse(hasher.verify(stored, "plaintext password").matches(), String.valueOf(stored));
        }
        assertEquals(before + 5, hasher.computations(), "each refusal ran Argon2 once, a weak stored one included");
    }

    @Test
    void theDummyCheckDoesTheWorkOfARealOne() {
        long before = hasher.computations();
        hasher.verifyDummy("anything at all");
        assertEquals(before + 1, hasher.computations());
    }
}
