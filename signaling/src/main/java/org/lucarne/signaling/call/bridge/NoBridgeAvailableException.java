package org.lucarne.signaling.call.bridge;

/** No bridge of the pool is healthy; the message says why each one is not. */
public final class NoBridgeAvailableException extends Exception {
    NoBridgeAvailableException(String message) {
        super(message);
    }
}
