package org.lucarne.signaling.visit;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a visit ended before or at its slot's end; stored in {@code visit.end_reason} as
 * {@link #stored()}. The first four are the visit-wide reasons of the {@code ended} message
 * (docs/protocol.md, "Calls"); {@link #CANCELLED} is a visit withdrawn before or during its
 * slot by staff or by a new demo run.
 */
public enum VisitEndReason {
    /** The kiosk or staff sent {@code end}. */
    ENDED,
    /** The patient declined the ring. */
    DECLINED,
    /** Nobody answered the ring in time. */
    NO_ANSWER,
    /** The slot is over. */
    TIME_UP,
    /** Withdrawn: staff cancelled it, or it was replaced by another visit. */
    CANCELLED;

    /** The lower-case name kept in the database, and the wire name of the first four. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VisitEndReason> fromStored(String s) {
        for (VisitEndReason r : values()) {
            if (r.stored().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
