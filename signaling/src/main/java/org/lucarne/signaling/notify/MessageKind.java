package org.lucarne.signaling.notify;

import java.util.Locale;
import java.util.Optional;

/** What a message to a family contact says; stored in {@code notify_message.kind} as {@link #stored()}. */
public enum MessageKind {
    /** The invite: the visit's day and time, and the link. Also what a resend sends. */
    INVITE,
    /** Before the visit, at the ward's reminder times: the day and time again, and the link. */
    REMINDER,
    /** The visit moved: its new day and time, and the link (the same one). */
    RESCHEDULED,
    /** The visit was cancelled: no link. */
    CANCELLED;

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the message carries the invite's link. */
    public boolean carriesLink() {
        return this != CANCELLED;
    }

    public static Optional<MessageKind> fromStored(String s) {
        for (MessageKind k : values()) {
            if (k.stored().equals(s)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
