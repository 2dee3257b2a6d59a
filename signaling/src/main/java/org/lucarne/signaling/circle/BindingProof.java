package org.lucarne.signaling.circle;

import java.nio.charset.StandardCharsets;

/**
 * What a device signs to prove itself to the server (docs/e2ee.md, "Binding a link to a browser"):
 * {@code "Lucarne link binding v1" || 0x00 || kind || origin (ASCII) || 0x00 || subject || challenge}, where kind
 * {@code 0x01} binds a link (subject: the invite id, 43 ASCII characters) and {@code 0x02} proves a bound device
 * (subject: its device id, 16 bytes). The origin is the page's, as its socket's {@code Origin} header said.
 */
public final class BindingProof {
    static final byte KIND_INVITE = 0x01;
    static final byte KIND_DEVICE = 0x02;
    private static final byte[] LABEL = "Lucarne link binding v1\0".getBytes(StandardCharsets.US_ASCII);

    private BindingProof() {
    }

    /** The bytes signed to bind the link of {@code inviteId}, opened at {@code origin}. */
    public static byte[] forInvite(String origin, String inviteId, byte[] challenge) {
        return signed(KIND_INVITE, origin, inviteId.getBytes(StandardCharsets.US_ASCII), challenge);
    }

    /** The bytes signed by the bound device {@code deviceId} on a later socket from {@code origin}. */
    public static byte[] forDevice(String origin, byte[] deviceId, byte[] challenge) {
        return signed(KIND_DEVICE, origin, deviceId, challenge);
    }

    private static byte[] signed(byte kind, String origin, byte[] subject, byte[] challenge) {
        byte[] o = origin.getBytes(StandardCharsets.US_ASCII);
        return IdentityRecord.concat(LABEL, new byte[] {kind}, o, new byte[] {0}, subject, challenge);
    }
}
