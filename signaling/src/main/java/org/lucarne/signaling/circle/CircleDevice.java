package org.lucarne.signaling.circle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A member device of a patient's circle (docs/e2ee.md, "Who and what"): its id (16 bytes, as 22 base64url
 * characters), its identity record (128 bytes), the circle (the patient's id: the patient's stay), and whose it is:
 * the tablet in the patient's bed ({@code tabletId}) or a family contact's browser ({@code contactId}).
 */
public record CircleDevice(String deviceId, byte[] identity, String circleId, Kind kind, String tabletId,
                           String contactId) {

    /** The tablet of the patient's bed, or a family member's browser. */
    public enum Kind {
        TABLET, FAMILY;

        String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Kind fromStored(String s) {
            return "tablet".equals(s) ? TABLET : FAMILY;
        }
    }

    public CircleDevice {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(circleId, "circleId");
        Objects.requireNonNull(kind, "kind");
        identity = identity.clone();
        if ((kind == Kind.TABLET) != (tabletId != null) || (kind == Kind.FAMILY) != (contactId != null)) {
            throw new IllegalArgumentException("a tablet's device has a tablet id, a family device a contact id");
        }
    }

    @Override
    public byte[] identity() {
        return identity.clone();
    }

    /** The identity record as the protocol writes it: 171 base64url characters. */
    public String identityText() {
        return IdentityRecord.Base64Url.encode(identity);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CircleDevice d && deviceId.equals(d.deviceId) && Arrays.equals(identity, d.identity)
                && circleId.equals(d.circleId) && kind == d.kind && Objects.equals(tabletId, d.tabletId)
                && Objects.equals(contactId, d.contactId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, Arrays.hashCode(identity), circleId, kind, tabletId, contactId);
    }

    @Override
    public String toString() {
        return "CircleDevice[" + deviceId + " " + kind + " circle=" + circleId + "]";
    }
}
