package org.lucarne.signaling.staff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TotpTest {
    /** RFC 6238 Appendix B: the SHA-1 seed, "12345678901234567890" in ASCII. */
    private static final byte[] SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest(name = "T = {0} s")
    @CsvSource({
            "59, 94287082",
            "1111111109, 07081804",
            "1111111111, 14050471",
            "1234567890, 89005924",
            "2000000000, 69279037",
            "20000000000, 65353130"})
    void codesAreThoseOfRfc6238AppendixB(long unixSeconds, String eightDigits) {
        long step = Totp.step(Instant.ofEpochSecond(unixSeconds));
        assertEquals(eightDigits, Totp.otp(SEED, step, 8));
        assertEquals(eightDigits.substring(2), Totp.code(SEED, step), "the 6 low digits");
    }

    @Test
    void codeOfTheStepBeforeOrAfterIsAcceptedAndNamesItsStep() {
        Instant now = Instant.ofEpochSecond(1111111111);
        long s = Totp.step(now);
        assertEquals(OptionalLong.of(s), Totp.match(SEED, Totp.code(SEED, s), now));
        assertEquals(OptionalLong.of(s - 1), Totp.match(SEED, Totp.code(SEED, s - 1), now));
        assertEquals(OptionalLong.of(s + 1), Totp.match(SEED, Totp.code(SEED, s + 1), now));
        assertEquals(OptionalLong.empty(), Totp.match(SEED, Totp.code(SEED, s - 2), now));
        assertEquals(OptionalLong.empty(), Totp.match(SEED, Totp.code(SEED, s + 2), now));
    }

    @Test
    void spacesAreIgnoredAndAnythingButSixDigitsIsNoMatch() {
        Instant now = Instant.ofEpochSecond(59);
        assertEquals(OptionalLong.of(1), Totp.match(SEED, "287 082", now));
        for (String bad : new String[] {"", "28708", "2870822", "28708a", "２８７０８２", null}) {
            assertTrue(Totp.match(SEED, bad, now).isEmpty(), String.valueOf(bad));
        }
    }

    @Test
    void newSecretIsTwentyRandomBytesInBase32() {
        String s = Totp.newSecret(new SecureRandom());
        assertEquals(32, s.length());
        assertEquals(20, Base32.decode(s).length);
        assertTrue(s.matches("[A-Z2-7]{32}"), s);
    }

    @Test
    void otpauthUriNamesLucarneTheUserAndTheParameters() {
        assertEquals("otpauth://totp/Lucarne:marie.dupont%40chu?secret=JBSWY3DPEHPK3PXP&issuer=Lucarne"
                + "&algorithm=SHA1&digits=6&period=30", Totp.uri("marie.dupont@chu", "JBSWY3DPEHPK3PXP"));
        assertTrue(Totp.uri("zoé martin", "AA").startsWith("otpauth://totp/Lucarne:zo%C3%A9%20martin?"));
    }

    // --- base32, RFC 4648 §10

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(value = {"'',''", "f,MY======", "fo,MZXQ====", "foo,MZXW6===", "foob,MZXW6YQ=", "fooba,MZXW6YTB",
            "foobar,MZXW6YTBOI======"})
    void base32IsThatOfRfc4648(String plain, String encoded) {
        byte[] bytes = plain.getBytes(StandardCharsets.US_ASCII);
        assertEquals(encoded, Base32.encode(bytes, true));
        assertEquals(encoded.replace("=", ""), Base32.encode(bytes));
        assertArrayEquals(bytes, Base32.decode(encoded));
        assertArrayEquals(bytes, Base32.decode(encoded.toLowerCase().replace("=", "")));
    }

    @Test
    void base32RefusesWhatIsNotBase32() {
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZ1W"));
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("MZXR"), "leftover bits not zero");
        assertThrows(IllegalArgumentException.class, () -> Base32.decode("M"), "not a whole byte");
    }
}
