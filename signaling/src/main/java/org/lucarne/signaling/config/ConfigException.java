package org.lucarne.signaling.config;

/** A configuration value is wrong; the message names the key, where it came from and the expected form. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
