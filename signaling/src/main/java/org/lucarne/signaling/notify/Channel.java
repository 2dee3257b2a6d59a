package org.lucarne.signaling.notify;

import java.util.Locale;
import java.util.Optional;

/** How a message reaches a family contact; stored in {@code notify_message.channel} as {@link #stored()}. */
public enum Channel {
    /** A text message through the SMS gateway ({@code notify.sms.*}). */
    SMS,
    /** An e-mail through the mail server ({@code notify.smtp.*}). */
    EMAIL,
    /** Written to {@code <data.dir>/outbox} and listed in the console, for staff to pass on. */
    OUTBOX;

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Channel> fromStored(String s) {
        for (Channel k : values()) {
            if (k.stored().equals(s)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
