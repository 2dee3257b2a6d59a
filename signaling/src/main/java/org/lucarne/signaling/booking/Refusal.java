package org.lucarne.signaling.booking;

import java.util.Objects;

/** Which rule a booking breaks, and an English message saying what to do, for logs and developers. */
public record Refusal(BookingRule rule, String message) {
    public Refusal {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
