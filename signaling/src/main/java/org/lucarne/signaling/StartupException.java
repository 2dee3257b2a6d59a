package org.lucarne.signaling;

/**
 * The server cannot start because of something an operator can fix; the message says what and
 * how. {@code main} prints it without a stack trace and exits with status 1.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
