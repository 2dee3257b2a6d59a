package org.lucarne.bridge;

/** A bridge setting is wrong or missing; the message names the key and the expected form. */
public final class BridgeConfigException extends RuntimeException {
    public BridgeConfigException(String message) {
        super(message);
    }
}
