package org.lucarne.certs;

/**
 * A certificate signing request that cannot be used: not PEM, not PKCS#10, a key of a kind or size we do
 * not issue for, or a signature that does not verify with the request's own key. The message says which,
 * in words fit to show the party that sent it (it holds no secret).
 */
public final class InvalidCsrException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidCsrException(String message) {
        super(message);
    }
}
