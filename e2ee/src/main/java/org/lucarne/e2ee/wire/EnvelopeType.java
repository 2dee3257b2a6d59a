package org.lucarne.e2ee.wire;

/** The envelope's type byte (docs/e2ee.md "Envelope"). */
public enum EnvelopeType {
    /** Starts a session: carries the sender's identity and its X3DH part. */
    PREKEY(0x01),
    /** A message in an established session. */
    NORMAL(0x02);

    private final int code;

    EnvelopeType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type of a wire byte, or null when it is none. */
    static EnvelopeType of(int code) {
        for (EnvelopeType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
