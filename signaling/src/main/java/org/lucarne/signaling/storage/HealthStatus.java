package org.lucarne.signaling.storage;

/**
 * The answer of {@link Database#health()}.
 *
 * @param up      true when a {@code SELECT 1} answered in time
 * @param dialect which database was asked
 * @param detail  "ok", or what went wrong in plain words
 */
public record HealthStatus(boolean up, Dialect dialect, String detail) {
}
