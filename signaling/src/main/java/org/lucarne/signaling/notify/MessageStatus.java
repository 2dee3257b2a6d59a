package org.lucarne.signaling.notify;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a message stands; stored in {@code notify_message.status} as {@link #stored()}.
 * <pre>
 *   pending ──claim──▶ sending ──▶ sent ──(gateway report)──▶ delivered | failed
 *      ▲                  │ passing failure, tries left
 *      └──────────────────┘            (permanent failure, or no try left) ──▶ failed
 *   pending ──(visit over, cancelled, invite revoked, replaced)──▶ cancelled
 * </pre>
 */
public enum MessageStatus {
    /** Waiting for its due time or its next try. */
    PENDING,
    /** Claimed by a node that is sending it now (until its claim runs out). */
    SENDING,
    /** Handed to the gateway or mail server, or written to the outbox. */
    SENT,
    /** The SMS gateway reported it delivered to the phone. */
    DELIVERED,
    /** Not sent, for the reason stored with it; or the gateway reported it undelivered. */
    FAILED,
    /** Not to be sent any more: the visit is over or was cancelled, the invite revoked, the message replaced. */
    CANCELLED;

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageStatus> fromStored(String s) {
        for (MessageStatus k : values()) {
            if (k.stored().equals(s)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
