package org.lucarne.signaling.testing;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tests' authenticator app against the RFCs' own test vectors. */
class AuthenticatorAppTest {
    private static final byte[] RFC_KEY = "12345678901234567890".getBytes(US_ASCII);

    /** RFC 6238 Appendix B, SHA-1 column (8 digits). */
    @ParameterizedTest
    @CsvSource({"59, 94287082", "1111111109, 07081804", "1111111111, 14050471", "1234567890, 89005924",
            "2000000000, 69279037", "20000000000, 65353130"})
    void totpMatchesRfc6238AppendixB(long unixSeconds, String expected) {
        assertEquals(expected, AuthenticatorApp.totp(RFC_KEY, unixSeconds, 8));
    }

    /** RFC 4226 Appendix D: HOTP values for counters 0 to 9. */
    @Test
    void hotpMatchesRfc4226AppendixD() {
        String[] expected = {"755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583",
            "399871", "520489"};
        for (int counter = 0; counter < expected.length; counter++) {
            assertEquals(expected[counter], AuthenticatorApp.hotp(RFC_KEY, counter, 6), "counter " + counter);
        }
    }

    /** RFC 4648 §10, as an app reads a key typed in groups. */
    @Test
    void base32DecodesRfc4648VectorsAndTypedKeys() {
        assertArrayEquals("foobar".getBytes(US_ASCII), AuthenticatorApp.base32Decode("MZXW6YTBOI======"));
        assertArrayEquals("fooba".getBytes(US_ASCII), AuthenticatorApp.base32Decode("mzxw 6ytb"));
        assertArrayEquals(RFC_KEY, AuthenticatorApp.base32Decode("GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ"));
        assertThrows(IllegalArgumentException.class, () -> AuthenticatorApp.base32Decode("ABC1"));
    }

    @Test
    void codeOfAShownKeyIsTheSixDigitTotp() {
        assertEquals("287082", AuthenticatorApp.code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Instant.ofEpochSecond(59)));
    }
}
