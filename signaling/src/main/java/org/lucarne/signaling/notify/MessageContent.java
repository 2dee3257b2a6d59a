package org.lucarne.signaling.notify;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a message says, gathered at the moment it is sent (so a reminder after a move shows the new
 * time), before it is put in words.
 *
 * @param patientName the patient's display name as the ward wrote it (the message uses its first name)
 * @param contactName the family contact's display name (the e-mail's greeting)
 * @param link        the invite's link; empty only for {@link MessageKind#CANCELLED}
 */
record MessageContent(MessageKind kind, String language, String patientName, String contactName, Instant start,
                      Instant end, ZoneId zone, Optional<String> link, Optional<String> helpPhone, Instant now) {
    MessageContent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(patientName, "patientName");
        Objects.requireNonNull(contactName, "contactName");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(helpPhone, "helpPhone");
        Objects.requireNonNull(now, "now");
        if (kind.carriesLink() && link.isEmpty()) {
            throw new IllegalArgumentException("a " + kind.stored() + " message carries the invite's link");
        }
    }
}
