package org.lucarne.signaling.circle;

import java.util.Locale;

/**
 * A device's binding in the directory: {@code bound} (a member while its contact is not removed and has a live
 * invite; a device let in is bound too), {@code waiting} for the patient or staff, {@code refused}, or
 * {@code removed} (its contact's binding was reset, or the tablet published a later identity).
 */
public enum DeviceState {
    BOUND, WAITING, REFUSED, REMOVED;

    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeviceState fromStored(String s) {
        return valueOf(s.toUpperCase(Locale.ROOT));
    }
}
