package org.lucarne.e2ee.wire;

import java.util.List;

/**
 * The plaintext inside an envelope (docs/e2ee.md "Plaintext", and {@code roster} as settled for family-to-family
 * trust): UTF-8 JSON read and written by {@link PlaintextCodec}. Byte fields are base64url in JSON.
 */
public sealed interface InnerMessage {

    /** A text: {@code id} (16 random bytes, the same in every copy), {@code sentAt} (ms), {@code body} (1–4,000 UTF-16 units). */
    record Text(String id, long sentAt, String body) implements InnerMessage {
    }

    /**
     * A photo whose chunks are stored on the server: {@code blob} (16), {@code key} (32), {@code chunks} (1–64),
     * {@code bytes} of the JPEG, its {@code sha256} (32), {@code width} and {@code height} (1–1600), an optional
     * {@code caption} (1–500 UTF-16 units, null for none).
     */
    record Photo(String id, long sentAt, String blob, String key, int chunks, int bytes, String sha256, int width,
                 int height, String caption) implements InnerMessage {
    }

    /** Message ids the person has seen: 1–100. */
    record Read(List<String> ids) implements InnerMessage {
        public Read {
            ids = List.copyOf(ids);
        }
    }

    /** The tablet's list of the family devices of its circle (device ids, 0–20), sent by the tablet after every change. */
    record Roster(List<String> devices) implements InnerMessage {
        public Roster {
            devices = List.copyOf(devices);
        }
    }
}
