package org.lucarne.e2ee.primitives;

/**
 * A refusal of the protocol (a signature that fails, a key that gives an all-zero secret, a message that does
 * not decrypt...), with a stable {@link #code()} such as {@code decrypt_failed} and a message for developers.
 */
public final class E2eeException extends Exception {
    private final String code;

    public E2eeException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
