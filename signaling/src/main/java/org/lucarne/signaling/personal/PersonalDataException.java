package org.lucarne.signaling.personal;

/**
 * Personal data cannot be sealed or opened: the key file is missing, damaged or not the one this
 * database was sealed with, or a stored value is not what was sealed there. The message says
 * which, and what to do.
 */
public final class PersonalDataException extends RuntimeException {
    public PersonalDataException(String message) {
        super(message);
    }

    public PersonalDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
