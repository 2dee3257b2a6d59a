package org.lucarne.signaling.booking;

import java.util.List;
import java.util.Objects;

/**
 * A booking, move or cancellation refused by a rule; nothing was stored. For a rule about time,
 * {@link #suggestions()} holds the next free slots (at most three) of the same patient and tablet.
 */
public final class BookingRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Refusal refusal;
    private final transient List<Slot> suggestions;

    public BookingRefused(Refusal refusal, List<Slot> suggestions) {
        super(Objects.requireNonNull(refusal, "refusal").message(), null, false, false);
        this.refusal = refusal;
        this.suggestions = List.copyOf(suggestions);
    }

    public BookingRule rule() {
        return refusal.rule();
    }

    public List<Slot> suggestions() {
        return suggestions;
    }
}
