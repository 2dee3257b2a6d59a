package org.lucarne.signaling.ws.protocol;

import static org.lucarne.signaling.ws.protocol.BindingMessage.DEVICE_ID_BYTES;
import static org.lucarne.signaling.ws.protocol.BindingMessage.IDENTITY_BYTES;
import static org.lucarne.signaling.ws.protocol.BindingMessage.MAX_CIRCLE_DEVICES;
import static org.lucarne.signaling.ws.protocol.BindingMessage.NONCE_BYTES;
import static org.lucarne.signaling.ws.protocol.BindingMessage.PROOF_BYTES;
import static org.lucarne.signaling.ws.protocol.JsonText.bool;
import static org.lucarne.signaling.ws.protocol.JsonText.optionalString;
import static org.lucarne.signaling.ws.protocol.JsonText.string;

import java.util.ArrayList;
import java.util.List;

/**
 * The device directory's messages of docs/protocol.md ("End-to-end encryption: devices and circles"): decoding in
 * the order of the spec's fields, encoding in the same order. {@link ProtocolCodec} checks the envelope and calls
 * this.
 */
final class BindingCodec {
    private static final int MAX_NAME_LENGTH = ProtocolCodec.MAX_NAME_LENGTH;

    private BindingCodec() {
    }

    /** A client's binding message, or null when {@code type} is not one. */
    static BindingMessage decodeFromClient(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "e2ee_hello" -> f.finish(hello(f));
            case "e2ee_bind" -> f.finish(new BindingMessage.E2eeBind(f.string("invite", 1, CallCodec.MAX_INVITE_LENGTH),
                    f.bytes("identity", IDENTITY_BYTES), f.bytes("proof", PROOF_BYTES)));
            case "e2ee_identity" -> f.finish(new BindingMessage.E2eeIdentity(f.bytes("identity", IDENTITY_BYTES)));
            case "e2ee_admit_device" -> f.finish(new BindingMessage.E2eeAdmitDevice(
                    f.bytes("device", DEVICE_ID_BYTES), f.bool("admit")));
            default -> null;
        };
    }

    /** A server's binding message, or null when {@code type} is not one. */
    static BindingMessage decodeFromServer(FieldReader f) throws ProtocolException {
        return switch (f.type()) {
            case "e2ee_challenge" -> f.finish(new BindingMessage.E2eeChallenge(f.bytes("nonce", NONCE_BYTES)));
            case "e2ee_bound" -> f.finish(new BindingMessage.E2eeBound(f.bytes("device", DEVICE_ID_BYTES)));
            case "e2ee_refused" -> f.finish(new BindingMessage.E2eeRefused(f.bytes("device", DEVICE_ID_BYTES)));
            case "e2ee_circle" -> f.finish(circle(f));
            case "e2ee_waiting_device" -> f.finish(new BindingMessage.E2eeWaitingDevice(
                    f.bytes("device", DEVICE_ID_BYTES), f.string("name", 1, MAX_NAME_LENGTH)));
            case "e2ee_device_decided" -> f.finish(new BindingMessage.E2eeDeviceDecided(
                    f.bytes("device", DEVICE_ID_BYTES), f.bool("admitted")));
            default -> null;
        };
    }

    /** {@code device} and {@code proof}: both, or neither. */
    private static BindingMessage.E2eeHello hello(FieldReader f) throws ProtocolException {
        if (f.has("device") != f.has("proof")) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'e2ee_hello' needs both 'device' and 'proof',"
                    + " or neither (to ask for a challenge)");
        }
        if (!f.has("device")) {
            return BindingMessage.E2eeHello.challengeMe();
        }
        return new BindingMessage.E2eeHello(f.bytes("device", DEVICE_ID_BYTES), f.bytes("proof", PROOF_BYTES));
    }

    /** {@code circle} is absent only with no device: a kiosk whose bed has no patient. */
    private static BindingMessage.E2eeCircle circle(FieldReader f) throws ProtocolException {
        String circle = f.has("circle") ? f.id("circle") : null;
        List<BindingMessage.CircleDevice> devices = new ArrayList<>();
        for (FieldReader d : f.objects("devices", MAX_CIRCLE_DEVICES)) {
            devices.add(d.finishItem(new BindingMessage.CircleDevice(d.bytes("device", DEVICE_ID_BYTES),
                    d.bytes("identity", IDENTITY_BYTES), d.enumValue("role", BindingMessage.Role.class),
                    d.string("name", 1, MAX_NAME_LENGTH))));
        }
        if (circle == null && !devices.isEmpty()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "'e2ee_circle' with devices needs 'circle'");
        }
        return new BindingMessage.E2eeCircle(circle, devices);
    }

    static void encode(StringBuilder b, BindingMessage message) {
        switch (message.type()) {
            case E2EE_HELLO -> {
                var m = (BindingMessage.E2eeHello) message;
                optionalString(b, "device", m.device());
                optionalString(b, "proof", m.proof());
            }
            case E2EE_CHALLENGE -> string(b, "nonce", ((BindingMessage.E2eeChallenge) message).nonce());
            case E2EE_BIND -> {
                var m = (BindingMessage.E2eeBind) message;
                string(b, "invite", m.invite());
                string(b, "identity", m.identity());
                string(b, "proof", m.proof());
            }
            case E2EE_BOUND -> string(b, "device", ((BindingMessage.E2eeBound) message).device());
            case E2EE_REFUSED -> string(b, "device", ((BindingMessage.E2eeRefused) message).device());
            case E2EE_IDENTITY -> string(b, "identity", ((BindingMessage.E2eeIdentity) message).identity());
            case E2EE_CIRCLE -> {
                var m = (BindingMessage.E2eeCircle) message;
                optionalString(b, "circle", m.circle());
                b.append(",\"devices\":[");
                for (int i = 0; i < m.devices().size(); i++) {
                    var d = m.devices().get(i);
                    b.append(i == 0 ? "{" : ",{");
                    int start = b.length();
                    string(b, "device", d.device());
                    b.deleteCharAt(start); // the object's first member has no comma before it
                    string(b, "identity", d.identity());
                    string(b, "role", d.role().wireName());
                    string(b, "name", d.name());
                    b.append('}');
                }
                b.append(']');
            }
            case E2EE_WAITING_DEVICE -> {
                var m = (BindingMessage.E2eeWaitingDevice) message;
                string(b, "device", m.device());
                string(b, "name", m.name());
            }
            case E2EE_ADMIT_DEVICE -> {
                var m = (BindingMessage.E2eeAdmitDevice) message;
                string(b, "device", m.device());
                bool(b, "admit", m.admit());
            }
            case E2EE_DEVICE_DECIDED -> {
                var m = (BindingMessage.E2eeDeviceDecided) message;
                string(b, "device", m.device());
                bool(b, "admitted", m.admitted());
            }
            default -> throw new IllegalArgumentException("not a binding message: " + message.type());
        }
    }
}
