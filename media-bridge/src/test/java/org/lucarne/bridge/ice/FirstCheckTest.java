package org.lucarne.bridge.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FirstCheckTest {
    /** A Binding request with PRIORITY, then USERNAME, as a browser's check carries them (RFC 8445 §7.1.2). */
    private static byte[] bindingRequest(int type, int cookie, String username) {
        byte[] user = username.getBytes(StandardCharsets.US_ASCII);
        int userPadded = (user.length + 3) & ~3;
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 4 + userPadded);
        b.putShort((short) type).putShort((short) (8 + 4 + userPadded)).putInt(cookie).put(new byte[12]);
        b.putShort((short) 0x0024).putShort((short) 4).putInt(1_845_501_695); // PRIORITY
        b.putShort((short) 0x0006).putShort((short) user.length).put(user);
        return b.array();
    }

    private static Optional<String> ufrag(byte[] message) {
        return FirstCheck.localUfrag(message, message.length);
    }

    @Test
    void theUsernameOfABindingRequestNamesOurUfrag() {
        assertEquals(Optional.of("7mq2c0fhb3k9sd"), ufrag(bindingRequest(0x0001, 0x2112A442, "7mq2c0fhb3k9sd:Ab+/")));
    }

    @Test
    void anythingElseIsRefused() {
        assertEquals(Optional.empty(), ufrag(bindingRequest(0x0101, 0x2112A442, "7mq2c0fhb3k9sd:Ab+/")), "a response");
        assertEquals(Optional.empty(), ufrag(bindingRequest(0x0001, 0x12345678, "7mq2c0fhb3k9sd:Ab+/")), "no magic cookie");
        assertEquals(Optional.empty(), ufrag(bindingRequest(0x0001, 0x2112A442, "no-colon-here")), "no colon");
        assertEquals(Optional.empty(), ufrag(bindingRequest(0x0001, 0x2112A442, "abc:defg")), "ufrag of 3");
        assertEquals(Optional.empty(), ufrag(bindingRequest(0x0001, 0x2112A442, "7mq2 c0fh:Ab+/")), "not ice-chars");
        assertEquals(Optional.empty(), ufrag("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        byte[] good = bindingRequest(0x0001, 0x2112A442, "7mq2c0fhb3k9sd:Ab+/");
        assertEquals(Optional.empty(), FirstCheck.localUfrag(good, good.length - 4), "cut short");
        byte[] lying = Arrays.copyOf(good, good.length);
        lying[31] = (byte) 0xff; // PRIORITY's length says 255: past the end
        assertEquals(Optional.empty(), ufrag(lying), "an attribute longer than the message");
        assertEquals(Optional.empty(), ufrag(new byte[0]));
    }
}
