package org.lucarne.certs.cli;

/** The command line is wrong: unknown command or option, missing or malformed value. Exit code 2. */
final class UsageException extends Exception {

    UsageException(String message) {
        super(message);
    }
}
