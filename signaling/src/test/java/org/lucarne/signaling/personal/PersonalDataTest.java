package org.lucarne.signaling.personal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PersonalDataTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final SealedColumn NAME = new SealedColumn("patient", "display_name", "id");
    private static final SealedColumn OTHER_COLUMN = new SealedColumn("patient", "ins", "id");
    private static final SealedColumn OTHER_TABLE = new SealedColumn("family_contact", "display_name", "id");

    private final PersonalData data = new PersonalData(DataKeyRing.generate(RANDOM), RANDOM);

    @Test
    void sealedTextOpensToTheSameText() {
        for (String text : new String[] {"Marie Dupont", "", "Zoë Lefèvre-Ångström", "Łukasz Żółć", "李小龍",
                "محمد", "👵🏽 Mamie", "a\u0000b", "x".repeat(5000)}) {
            String sealed = data.seal(NAME, "p1", text);
            assertEquals(text, data.open(NAME, "p1", sealed), text);
            assertFalse(sealed.contains(text) && !text.isEmpty(), sealed);
        }
    }

    @Test
    void sealingTwiceGivesTwoDifferentValues() {
        assertNotEquals(data.seal(NAME, "p1", "Marie Dupont"), data.seal(NAME, "p1", "Marie Dupont"));
    }

    @Test
    void sealedValueNamesItsKeyAndHidesTheLength() {
        String sealed = data.seal(NAME, "p1", "Marie Dupont");
        assertTrue(sealed.startsWith("v1.k1."), sealed);
        assertTrue(PersonalData.isSealed(sealed));
        int length = data.seal(NAME, "p1", "").length();
        for (String name : new String[] {"Li", "Marie Dupont", "Élodie Ngọc Trâm", "x".repeat(31)}) {
            assertEquals(length, data.seal(NAME, "p1", name).length(), name);
        }
        assertTrue(data.seal(NAME, "p1", "x".repeat(32)).length() > length, "32 bytes take the next block");
    }

    @Test
    void paddingIsRemovedExactlyAndCheckedWhenOpened() {
        for (int n = 0; n <= 70; n++) {
            byte[] text = new byte[n];
            java.util.Arrays.fill(text, (byte) 0);
            byte[] padded = PersonalData.pad(text);
            assertEquals(0, padded.length % 32);
            assertEquals(n, PersonalData.unpaddedLength(padded), "trailing zero bytes of the text stay");
        }
        assertEquals(-1, PersonalData.unpaddedLength(new byte[32]));
        assertEquals(-1, PersonalData.unpaddedLength(new byte[] {1, (byte) 0x80}));
        assertEquals("a\u0000", data.open(NAME, "p1", data.seal(NAME, "p1", "a\u0000")));
    }

    @Test
    void valueMovedToAnotherRowDoesNotOpen() {
        String sealed = data.seal(NAME, "p1", "Marie Dupont");
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> data.open(NAME, "p2", sealed));
        assertEquals("patient.display_name of row p2 does not open: it was altered, or sealed for another row",
                e.getMessage());
        assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1 ", sealed));
        assertThrows(PersonalDataException.class, () -> data.open(NAME, "", sealed));
    }

    @Test
    void valueMovedToAnotherColumnOrTableDoesNotOpen() {
        String sealed = data.seal(NAME, "p1", "Marie Dupont");
        assertThrows(PersonalDataException.class, () -> data.open(OTHER_COLUMN, "p1", sealed));
        assertThrows(PersonalDataException.class, () -> data.open(OTHER_TABLE, "p1", sealed));
    }

    @Test
    void associatedDataCannotBeShiftedBetweenTableColumnAndRow() {
        // "a_b"/"c" and "a"/"b_c" must not give the same associated data; neither may row ids with slashes.
        SealedColumn ab = new SealedColumn("t", "a", "id");
        String sealed = data.seal(ab, "x/y", "Marie Dupont");
        assertThrows(PersonalDataException.class, () -> data.open(new SealedColumn("t", "a", "id"), "x", sealed));
        SealedColumn left = new SealedColumn("t_a", "b", "id");
        SealedColumn right = new SealedColumn("t", "a_b", "id");
        String l = data.seal(left, "1", "Marie Dupont");
        assertThrows(PersonalDataException.class, () -> data.open(right, "1", l));
    }

    @Test
    void everyTamperedCharacterIsRefused() {
        String sealed = data.seal(NAME, "p1", "Marie Dupont");
        for (int i = 0; i < sealed.length(); i++) {
            char c = sealed.charAt(i);
            for (char replacement : new char[] {c == 'A' ? 'B' : 'A', c == '1' ? '2' : '1', c == '-' ? '_' : '-'}) {
                String tampered = sealed.substring(0, i) + replacement + sealed.substring(i + 1);
                int at = i;
                assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", tampered),
                        () -> "a change at " + at + " opened: " + tampered);
            }
        }
    }

    @Test
    void everyTamperedByteIsRefused() {
        String sealed = data.seal(NAME, "p1", "Marie Dupont");
        String prefix = sealed.substring(0, sealed.lastIndexOf('.') + 1);
        byte[] raw = Base64.getUrlDecoder().decode(sealed.substring(prefix.length()));
        for (int i = 0; i < raw.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] t = raw.clone();
                t[i] ^= (byte) (1 << bit);
                String tampered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(t);
                assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", tampered));
            }
        }
    }

    @Test
    void truncatedOrExtendedValueIsRefused() {
        String sealed = data.seal(NAME, "p1", "Marie Dupont");
        for (int cut = 1; cut < sealed.length(); cut++) {
            String shorter = sealed.substring(0, sealed.length() - cut);
            assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", shorter), shorter);
        }
        assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", sealed + "A"));
        assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", sealed + "="));
        assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", sealed + ".x"));
    }

    @Test
    void plaintextIsNotOpenedAsIfSealed() {
        PersonalDataException e = assertThrows(PersonalDataException.class,
                () -> data.open(NAME, "p1", "Marie Dupont"));
        assertEquals("patient.display_name of row p1 does not hold a sealed value", e.getMessage());
    }

    @Test
    void valueUnderAKeyTheRingDoesNotHoldIsRefusedWithTheWayOut() {
        PersonalData other = new PersonalData(DataKeyRing.generate(RANDOM).withNewPending(RANDOM).promotePending(),
                RANDOM);
        String sealed = other.seal(NAME, "p1", "Marie Dupont");
        assertTrue(sealed.startsWith("v1.k2."), sealed);
        PersonalDataException e = assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", sealed));
        assertEquals("patient.display_name of row p1 is sealed under data key k2, which the key file does not hold:"
                + " restore the key file that goes with this database (docs/operations.md, \"Keys\")", e.getMessage());
    }

    @Test
    void valueUnderAnotherKeyWithTheSameIdDoesNotOpen() {
        PersonalData other = new PersonalData(DataKeyRing.generate(RANDOM), RANDOM);
        String sealed = other.seal(NAME, "p1", "Marie Dupont");
        assertThrows(PersonalDataException.class, () -> data.open(NAME, "p1", sealed));
    }

    @Test
    void everyKeyOfTheRingOpensWhatWasSealedUnderIt() {
        DataKeyRing ring = data.ring().withNewPending(RANDOM);
        PersonalData both = new PersonalData(ring, RANDOM);
        String underOld = data.seal(NAME, "p1", "Marie Dupont");
        String underNew = both.seal(ring.pendingKey().orElseThrow(), NAME, "p1", "Jean Dupont");
        assertTrue(underNew.startsWith("v1.k2."), underNew);
        assertEquals("Marie Dupont", both.open(NAME, "p1", underOld));
        assertEquals("Jean Dupont", both.open(NAME, "p1", underNew));
        assertTrue(both.seal(NAME, "p1", "x").startsWith("v1.k1."), "the current key seals until the rotation ends");
    }

    @Test
    void nullableVariantsPassNullThrough() {
        assertNull(data.sealNullable(NAME, "p1", null));
        assertNull(data.openNullable(NAME, "p1", null));
        assertEquals("x", data.openNullable(NAME, "p1", data.sealNullable(NAME, "p1", "x")));
    }

    @Test
    void isSealedTellsSealedValuesFromPlaintext() {
        assertTrue(PersonalData.isSealed(data.seal(NAME, "p1", "")));
        assertTrue(PersonalData.isSealed(data.seal(NAME, "p1", "Marie Dupont")));
        assertFalse(PersonalData.isSealed(null));
        assertFalse(PersonalData.isSealed(""));
        assertFalse(PersonalData.isSealed("Marie Dupont"));
        assertFalse(PersonalData.isSealed("v1.kate"), "a name may start like a sealed value");
        assertFalse(PersonalData.isSealed("v1.k1.Marie"));
        assertFalse(PersonalData.isSealed("v1.k1." + "A".repeat(10)));
    }

    @Test
    void blindIndexIsEqualForEqualValues() {
        assertEquals(data.index("email", "marie@example.org"), data.index("email", "marie@example.org"));
        assertNotEquals(data.index("email", "marie@example.org"), data.index("email", "marie@example.com"));
        assertNotEquals(data.index("email", "marie@example.org"), data.index("email", "Marie@example.org"));
    }

    @Test
    void blindIndexDiffersPerPurpose() {
        assertNotEquals(data.index("email", "marie"), data.index("username", "marie"));
        // The purpose and the value are separated: ("ab", "c") and ("a", "bc") differ.
        assertNotEquals(data.index("ab", "c"), data.index("a", "bc"));
    }

    @Test
    void blindIndexDiffersPerKey() {
        PersonalData other = new PersonalData(DataKeyRing.generate(RANDOM), RANDOM);
        assertNotEquals(data.index("email", "marie@example.org"), other.index("email", "marie@example.org"));
        DataKeyRing ring = data.ring().withNewPending(RANDOM);
        PersonalData both = new PersonalData(ring, RANDOM);
        assertEquals(data.index("email", "m"), both.index(ring.currentKey(), "email", "m"));
        assertNotEquals(both.index(ring.currentKey(), "email", "m"), both.index(ring.pendingKey().orElseThrow(),
                "email", "m"));
    }

    @Test
    void blindIndexIsNotTheValueNorItsPlainHash() throws Exception {
        String index = data.index("email", "marie@example.org");
        assertFalse(index.contains("marie"));
        byte[] plain = java.security.MessageDigest.getInstance("SHA-256")
                .digest("marie@example.org".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(plain), index);
        assertEquals(43, index.length(), "256 bits in base64url");
    }

    @Test
    void sealedValuesOfOneTextAreAllDistinct() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(data.seal(NAME, "p1", "Marie Dupont")));
        }
    }
}
