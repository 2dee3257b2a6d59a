package org.lucarne.signaling.ws.protocol;

import java.util.List;
import java.util.Objects;

/**
 * The device directory's messages (docs/protocol.md, "End-to-end encryption: devices and circles"; docs/e2ee.md,
 * "Binding a link to a browser"): a device proves its identity key, a family browser binds its link, the kiosk
 * publishes the tablet's identity and admits a second device, and the server tells each member its circle. Byte
 * fields are base64url without padding, kept as that text (checked by {@link BindingCodec}); record component
 * names are the wire field names, in the order of the spec.
 */
public sealed interface BindingMessage extends Message
        permits BindingMessage.E2eeHello, BindingMessage.E2eeChallenge, BindingMessage.E2eeBind,
        BindingMessage.E2eeBound, BindingMessage.E2eeRefused, BindingMessage.E2eeIdentity, BindingMessage.E2eeCircle,
        BindingMessage.E2eeWaitingDevice, BindingMessage.E2eeAdmitDevice, BindingMessage.E2eeDeviceDecided {

    /** A device id: 16 bytes. */
    int DEVICE_ID_BYTES = 16;
    /** An identity record: {@code IK_sig || IK_dh || id_sig}, 128 bytes. */
    int IDENTITY_BYTES = 128;
    /** An Ed25519 signature. */
    int PROOF_BYTES = 64;
    /** A challenge's nonce. */
    int NONCE_BYTES = 32;
    /** The most devices of one circle: a tablet and a few devices for each of a patient's contacts. */
    int MAX_CIRCLE_DEVICES = 64;

    /**
     * Client → server: without fields, "give me a challenge"; with {@code device} and {@code proof}, a bound
     * device proves itself (kind 0x02 over its device id and the challenge).
     */
    record E2eeHello(String device, String proof) implements BindingMessage {
        public E2eeHello {
            if ((device == null) != (proof == null)) {
                throw new IllegalArgumentException("device and proof go together");
            }
        }

        public static E2eeHello challengeMe() {
            return new E2eeHello(null, null);
        }

        @Override public Type type() { return Type.E2EE_HELLO; }
    }

    /** Server → client: 32 random bytes to sign, valid 60 s, good once, for this socket only. */
    record E2eeChallenge(String nonce) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_CHALLENGE; }
    }

    /** Family → server: bind this browser's identity to its link (kind 0x01 over the invite id and the challenge). */
    record E2eeBind(String invite, String identity, String proof) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_BIND; }
    }

    /** Server → family: this device is bound to its link's contact (first, or let in); its circle follows. */
    record E2eeBound(String device) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_BOUND; }
    }

    /** Server → family: the patient or staff refused this device; it stays out. */
    record E2eeRefused(String device) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_REFUSED; }
    }

    /** Kiosk → server, on its mutual-TLS socket only: the tablet's identity for the patient now in its bed. */
    record E2eeIdentity(String identity) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_IDENTITY; }
    }

    /**
     * Server → a circle's devices, after proof or identity and at every change: the circle's id (the patient's stay;
     * null to a kiosk whose bed has no patient) and its member devices, the tablet first.
     */
    record E2eeCircle(String circle, List<CircleDevice> devices) implements BindingMessage {
        public E2eeCircle {
            devices = List.copyOf(devices);
            if (circle == null && !devices.isEmpty()) {
                throw new IllegalArgumentException("a circle with devices has an id");
            }
        }

        @Override public Type type() { return Type.E2EE_CIRCLE; }
    }

    /** One member of {@link E2eeCircle}: its id, identity record, role and display name (1 to 64 characters). */
    record CircleDevice(String device, String identity, Role role, String name) {
        public CircleDevice {
            Objects.requireNonNull(device, "device");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(name, "name");
        }
    }

    /** Whose device it is: the patient's tablet, or a family member's browser. */
    enum Role {
        PATIENT, FAMILY;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Server → kiosk: someone else opened {@code name}'s link on another device, and waits to be let in. */
    record E2eeWaitingDevice(String device, String name) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_WAITING_DEVICE; }
    }

    /** Kiosk → server: the patient lets the waiting device in ({@code admit} true) or refuses it. */
    record E2eeAdmitDevice(String device, boolean admit) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_ADMIT_DEVICE; }
    }

    /** Server → kiosk: the waiting device was let in or refused (on this tablet, another, or by staff). */
    record E2eeDeviceDecided(String device, boolean admitted) implements BindingMessage {
        @Override public Type type() { return Type.E2EE_DEVICE_DECIDED; }
    }
}
