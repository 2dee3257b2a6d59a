package org.lucarne.signaling.ws.protocol;

/**
 * The bedside tablet's own messages (docs/protocol.md, "Tablet"): its health, sent by the kiosk after
 * {@code welcome} and then now and again, and its "do not disturb". Only a kiosk on the tablets' listener
 * may send the client ones; the server answers anyone else {@code not_allowed}. Record component names
 * are the wire field names, in the order of the spec.
 */
public sealed interface TabletMessage extends Message
        permits TabletMessage.TabletStatus, TabletMessage.DoNotDisturb, TabletMessage.DoNotDisturbState {

    /** The highest battery level: a percentage. */
    int MAX_BATTERY = 100;

    /**
     * Kiosk → server: how the tablet is. {@code battery} is the charge in percent (0 to 100) and
     * {@code charging} whether it is plugged in; either is null where the browser does not tell.
     */
    record TabletStatus(String appVersion, Integer battery, Boolean charging) implements TabletMessage {
        @Override public Type type() { return Type.TABLET_STATUS; }
    }

    /**
     * Kiosk → server: the patient turns "do not disturb" on (until the tablet's next visit, see
     * docs/protocol.md) or off.
     */
    record DoNotDisturb(boolean on) implements TabletMessage {
        @Override public Type type() { return Type.DO_NOT_DISTURB; }
    }

    /**
     * Server → kiosk: "do not disturb" is on until {@code until} (milliseconds since the epoch, UTC), or
     * off when it is null. Sent after {@code welcome} and whenever it changes.
     */
    record DoNotDisturbState(Long until) implements TabletMessage {
        public static DoNotDisturbState off() {
            return new DoNotDisturbState(null);
        }

        @Override public Type type() { return Type.DO_NOT_DISTURB_STATE; }
    }
}
