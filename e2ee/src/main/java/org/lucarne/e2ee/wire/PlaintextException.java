package org.lucarne.e2ee.wire;

/**
 * A decrypted plaintext refused: bad padding or JSON that is not one of the inner types
 * ({@code plaintext_malformed}), or one too large to send ({@code plaintext_too_large}).
 */
public final class PlaintextException extends Exception {
    public static final String MALFORMED = "plaintext_malformed";
    public static final String TOO_LARGE = "plaintext_too_large";

    private final String code;

    public PlaintextException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
