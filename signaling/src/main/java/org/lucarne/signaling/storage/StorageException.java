package org.lucarne.signaling.storage;

/**
 * A storage failure an operator or caller can act on: the message says what was wrong and,
 * where there is something to do, what to do. The JDBC cause, if any, is kept for logs.
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
