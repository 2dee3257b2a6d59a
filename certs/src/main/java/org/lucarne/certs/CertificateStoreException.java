package org.lucarne.certs;

/**
 * A certificate, key or password file is missing, unreadable, corrupt, unsuitable or cannot be written.
 * The message names the file, says what is wrong and, where the caller knows it, what to do.
 */
public class CertificateStoreException extends RuntimeException {

    public CertificateStoreException(String message) {
        super(message);
    }

    public CertificateStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The same failure with a sentence appended that tells the reader what to do about it. */
    public CertificateStoreException withAdvice(String advice) {
        return new CertificateStoreException(getMessage() + " " + advice, getCause() != null ? getCause() : this);
    }
}
