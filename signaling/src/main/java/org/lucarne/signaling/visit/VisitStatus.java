package org.lucarne.signaling.visit;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a visit stands for the people who book and run them (docs/staff-api.md, "Visit statuses"):
 * one function, {@link #of}, computes it for every place a visit is shown.
 */
public enum VisitStatus {
    /** Booked; its slot has not opened yet. */
    SCHEDULED,
    /** Its slot is open and nobody is in the call yet (or any more). */
    READY,
    /** The call focus has at least two people in the visit's call now. */
    IN_CALL,
    /** Over, and someone came to it (a family member or staff member joined, in the lobby or the call). */
    COMPLETED,
    /** Withdrawn by staff before or during its slot (or replaced by a new demo visit). */
    CANCELLED,
    /** Over, and nobody came. */
    NO_SHOW;

    /** The name on the wire: {@code in_call}, {@code no_show}… */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status at {@code now}.
     *
     * @param endedAt       when the visit was ended before its slot's end (cancelled, replaced), if it was
     * @param firstJoinedAt when a visitor first came to it (lobby or call), if anyone did
     * @param inCallNow     whether the call focus has at least two people in its call now
     */
    public static VisitStatus of(Instant startsAt, Instant endsAt, Optional<Instant> endedAt,
                                 Optional<VisitEndReason> endReason, Optional<Instant> firstJoinedAt, boolean inCallNow,
                                 Instant now) {
        Objects.requireNonNull(now, "now");
        boolean ended = endedAt.filter(t -> !now.isBefore(t)).isPresent();
        if (ended && endReason.orElse(null) == VisitEndReason.CANCELLED) {
            return CANCELLED;
        }
        if (ended || !now.isBefore(endsAt)) {
            return firstJoinedAt.filter(t -> !now.isBefore(t)).isPresent() ? COMPLETED : NO_SHOW;
        }
        if (now.isBefore(startsAt)) {
            return SCHEDULED;
        }
        return inCallNow ? IN_CALL : READY;
    }
}
