package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class StunMessageTest {
    private static final byte[] TX = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    /** RFC 5769 §2.1: the sample request, its password and its exact bytes. */
    private static final String RFC5769_REQUEST = "000100582112a442b7e7a701bc34d686fa87dfae"
            + "80220010" + "5354554e207465737420636c69656e74" + "00240004" + "6e0001ff"
            + "80290008" + "932ff9b151263b36" + "000600096576746a3a68367659202020"
            + "00080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004" + "e57a3bcf";

    @Test
    void rfc5769SampleRequestVerifiesWithItsPassword() {
        byte[] sample = HexFormat.of().parseHex(RFC5769_REQUEST);
        StunMessage m = StunMessage.parse(sample, sample.length);

        assertEquals(StunMessage.BINDING_REQUEST, m.type);
        assertArrayEquals(TX, m.transactionId);
        assertEquals("evtj:h6vY", m.username());
        assertTrue(m.verifies("VOkJxbRl1RmTxUk/WvJxBt"));
        assertFalse(m.verifies("wrong password"));
    }

    @Test
    void writtenRequestCarriesUsernameNominationAndVerifiesOnlyWithTheRemotePassword() {
        byte[] request = StunMessage.bindingRequest(TX, "remote:local", "the-remote-password-22c", 1234, true, 42, true);
        StunMessage m = StunMessage.parse(request, request.length);

        assertEquals("remote:local", m.username());
        assertTrue(m.useCandidate());
        assertTrue(m.verifies("the-remote-password-22c"));
        assertFalse(m.verifies("the-local-password-22ch"));
    }

    @Test
    void writtenSuccessResponseVerifiesWithTheLocalPassword() {
        byte[] response = StunMessage.bindingSuccess(TX, new InetSocketAddress("127.0.0.1", 5000), "local-password-22chars");
        StunMessage m = StunMessage.parse(response, response.length);

        assertEquals(StunMessage.BINDING_SUCCESS, m.type);
        assertArrayEquals(TX, m.transactionId);
        assertTrue(m.verifies("local-password-22chars"));
    }

    @Test
    void flippedByteFailsTheFingerprintOrIntegrity() {
        byte[] request = StunMessage.bindingRequest(TX, "remote:local", "the-remote-password-22c", 1, false, 7, false);
        request[30] ^= 1;
        assertFalse(StunMessage.parse(request, request.length).verifies("the-remote-password-22c"));
    }

    @Test
    void lengthThatDisagreesWithTheDatagramIsRefusedByName() {
        byte[] request = StunMessage.bindingRequest(TX, "remote:local", "the-remote-password-22c", 1, false, 7, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StunMessage.parse(request, request.length - 4));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void attributeRunningPastTheEndIsRefusedByName() {
        byte[] request = StunMessage.bindingRequest(TX, "remote:local", "the-remote-password-22c", 1, false, 7, false);
        byte[] cut = Arrays.copyOf(request, 28);
        cut[3] = 8; // header says 8 bytes of attributes: USERNAME's header says 12
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StunMessage.parse(cut, cut.length));
        assertTrue(e.getMessage().contains("runs past the message"), e.getMessage());
    }

    @Test
    void shortDatagramIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StunMessage.parse(new byte[10], 10));
        assertTrue(e.getMessage().contains("20-byte header"), e.getMessage());
    }
}
