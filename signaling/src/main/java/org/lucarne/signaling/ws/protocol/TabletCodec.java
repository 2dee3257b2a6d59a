package org.lucarne.signaling.ws.protocol;

import static org.lucarne.signaling.ws.protocol.JsonText.bool;
import static org.lucarne.signaling.ws.protocol.JsonText.optionalBool;
import static org.lucarne.signaling.ws.protocol.JsonText.optionalNumber;
import static org.lucarne.signaling.ws.protocol.JsonText.string;
import static org.lucarne.signaling.ws.protocol.ProtocolCodec.MAX_SAFE_INTEGER;

/**
 * The tablet's messages of docs/protocol.md ("Tablet"): decoding in the order of the spec's fields,
 * encoding in the same order. {@link ProtocolCodec} checks the envelope and calls this.
 */
final class TabletCodec {
    /** An app version, as in {@code hello}. */
    static final int MAX_APP_VERSION_LENGTH = 32;

    private TabletCodec() {
    }

    /** A client's tablet message, or null when {@code type} is not one. */
    static TabletMessage decodeFromClient(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "tablet_status" -> f.finish(new TabletMessage.TabletStatus(
                    f.string("appVersion", 1, MAX_APP_VERSION_LENGTH),
                    f.has("battery") ? f.intBetween("battery", 0, TabletMessage.MAX_BATTERY) : null,
                    f.has("charging") ? f.bool("charging") : null));
            case "do_not_disturb" -> f.finish(new TabletMessage.DoNotDisturb(f.bool("on")));
            default -> null;
        };
    }

    /** A server's tablet message, or null when {@code type} is not one. */
    static TabletMessage decodeFromServer(FieldReader f) throws ProtocolException {
        if (!f.type().equals("do_not_disturb_state")) {
            return null;
        }
        return f.finish(new TabletMessage.DoNotDisturbState(f.has("until") ? f.uint("until", MAX_SAFE_INTEGER) : null));
    }

    static void encode(StringBuilder b, TabletMessage message) {
        switch (message.type()) {
            case TABLET_STATUS -> {
                var m = (TabletMessage.TabletStatus) message;
                string(b, "appVersion", m.appVersion());
                optionalNumber(b, "battery", m.battery() == null ? null : m.battery().longValue());
                optionalBool(b, "charging", m.charging());
            }
            case DO_NOT_DISTURB -> bool(b, "on", ((TabletMessage.DoNotDisturb) message).on());
            case DO_NOT_DISTURB_STATE -> optionalNumber(b, "until", ((TabletMessage.DoNotDisturbState) message).until());
            default -> throw new IllegalArgumentException("not a tablet message: " + message.type());
        }
    }
}
