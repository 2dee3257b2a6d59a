package org.lucarne.bridge.ice;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The first message on an ICE-TCP connection: a STUN Binding request (RFC 8489 §5) whose USERNAME
 * (RFC 8445 §7.2.2: {@code <our ufrag>:<peer's ufrag>}) names the session the connection is for.
 * Anything else is refused before the connection reaches ice4j.
 */
final class FirstCheck {
    static final int HEADER = 20;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int USERNAME = 0x0006;
    /** RFC 8489 §14.3: a USERNAME is less than 513 bytes. */
    private static final int MAX_USERNAME = 512;

    private FirstCheck() {
    }

    /** Our ufrag from a Binding request's USERNAME, or empty when the message is not one. */
    static Optional<String> localUfrag(byte[] message, int length) {
        if (length < HEADER || length > message.length || u16(message, 0) != BINDING_REQUEST
                || u16(message, 2) != length - HEADER || (u16(message, 2) & 3) != 0
                || (u16(message, 4) << 16 | u16(message, 6)) != MAGIC_COOKIE) {
            return Optional.empty();
        }
        int at = HEADER;
        while (at + 4 <= length) {
            int type = u16(message, at);
            int size = u16(message, at + 2);
            if (at + 4 + size > length) {
                return Optional.empty();
            }
            if (type == USERNAME) {
                return size > MAX_USERNAME ? Optional.empty() : ufrag(new String(message, at + 4, size, StandardCharsets.UTF_8));
            }
            at += 4 + ((size + 3) & ~3);
        }
        return Optional.empty();
    }

    private static Optional<String> ufrag(String username) {
        int colon = username.indexOf(':');
        String ufrag = colon < 0 ? "" : username.substring(0, colon);
        // RFC 8839 §5.4: ice-chars, 4 to 256 of them
        return ufrag.length() >= 4 && ufrag.length() <= 256 && ufrag.matches("[A-Za-z0-9+/]+")
                ? Optional.of(ufrag) : Optional.empty();
    }

    private static int u16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }
}
