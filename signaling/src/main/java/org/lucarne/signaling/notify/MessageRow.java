package org.lucarne.signaling.notify;

import java.time.Instant;
import java.util.Optional;

/** One row of {@code notify_message}, as stored (no body: that is sealed, and read only for the outbox). */
record MessageRow(String id, String visitId, String contactId, Optional<String> inviteIdHash, MessageKind kind,
                  Channel channel, MessageStatus status, Instant dueAt, Instant nextAttemptAt, int attempts,
                  Optional<String> errorCode, Optional<String> error, Optional<String> gatewayId, Instant createdAt,
                  String createdBy, Optional<Instant> sentAt, Optional<Instant> deliveredAt, Instant updatedAt) {
}
