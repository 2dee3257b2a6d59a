package org.lucarne.signaling.ward;

import java.util.List;
import java.util.Locale;
import org.lucarne.signaling.call.LiveParticipant;

/**
 * What a ward's day shows of the visits live now: who is in each one's call or lobby, and each
 * bedside tablet's state. Read from the call focus and the kiosk sockets, never from the database.
 */
public interface LiveVisits {
    /** Who is in the visit's call and lobby now, in the order they came; empty when no call is live. */
    List<LiveParticipant> participants(String visitId);

    /** The tablet's state now. */
    TabletState tablet(String tabletId);

    /** A bedside tablet as the console shows it. */
    enum TabletState {
        /** The kiosk app is connected. */
        ONLINE,
        /** No connection from the tablet (switched off, out of Wi-Fi, its app closed). */
        OFFLINE,
        /** The patient is in a call on it. */
        IN_CALL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
