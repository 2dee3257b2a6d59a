package org.lucarne.signaling.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.lucarne.signaling.visit.VisitEndReason;
import org.lucarne.signaling.visit.VisitStatus;

/**
 * What a report reads of one visit: its ward, its slot, how it ended, when a visitor first came and when its
 * call first had two people. No one's id, let alone a name.
 */
record ReportVisit(String wardId, Instant startsAt, Instant endsAt, Optional<Instant> endedAt,
                   Optional<VisitEndReason> endReason, Optional<Instant> firstJoinedAt,
                   Optional<Instant> callStartedAt) {

    ReportVisit {
        Objects.requireNonNull(wardId, "wardId");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(endReason, "endReason");
        Objects.requireNonNull(firstJoinedAt, "firstJoinedAt");
        Objects.requireNonNull(callStartedAt, "callStartedAt");
    }

    /**
     * Its status at {@code now}, by the one function every view uses; a report does not ask the call focus,
     * so a visit under way counts as {@code ready} whether or not its call is live.
     */
    VisitStatus status(Instant now) {
        return VisitStatus.of(startsAt, endsAt, endedAt, endReason, firstJoinedAt, false, now);
    }

    /**
     * The length of its call (docs/staff-api.md, "Reports"): from the moment the call first had two people to
     * the visit's end, that is the end of its slot, or the moment it was ended if that came first. Empty when
     * the call never had two people. Lucarne keeps no end of each call on the visit (a call may end and start
     * again within the slot), so this is how long the visit's call was open, not how long people talked.
     */
    Optional<Duration> callLength() {
        if (callStartedAt.isEmpty()) {
            return Optional.empty();
        }
        Instant end = endedAt.filter(e -> e.isBefore(endsAt)).orElse(endsAt);
        Duration length = Duration.between(callStartedAt.get(), end);
        return Optional.of(length.isNegative() ? Duration.ZERO : length);
    }
}
