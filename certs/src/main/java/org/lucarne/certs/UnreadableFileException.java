package org.lucarne.certs;

/** A file exists but this process may not read it: a permissions problem, not a damaged file. */
final class UnreadableFileException extends CertificateStoreException {

    UnreadableFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
