package org.lucarne.e2ee.wire;

/**
 * An envelope refused by its clear part, with a stable {@link #code()} sent back to the client
 * (docs/e2ee.md "Envelope") and a message for developers that says what was wrong.
 */
public final class EnvelopeException extends Exception {
    /** Shorter than the clear part and tag of its type (or than version, suite and type). */
    public static final String TRUNCATED = "envelope_truncated";
    /** An unknown version, suite or type. */
    public static final String UNSUPPORTED = "envelope_unsupported";
    /** Well framed but wrong: the ciphertext, less its tag, is not a padding bucket's size. */
    public static final String MALFORMED = "envelope_malformed";

    private final String code;

    public EnvelopeException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** One of {@link #TRUNCATED}, {@link #UNSUPPORTED}, {@link #MALFORMED}. */
    public String code() {
        return code;
    }
}
