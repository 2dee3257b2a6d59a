package org.lucarne.signaling.audit;

/** The audit head file cannot be read or written; the message names the file and what to do. */
public final class AuditHeadException extends RuntimeException {
    public AuditHeadException(String message) {
        super(message);
    }

    public AuditHeadException(String message, Throwable cause) {
        super(message, cause);
    }
}
