package org.lucarne.e2ee.identity;

import java.nio.charset.StandardCharsets;
import org.lucarne.e2ee.primitives.Ed25519;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.wire.Bytes;

/**
 * The proofs a family device gives the server (docs/e2ee.md "Binding a link to a browser"): when binding,
 * {@code Ed25519(IK_sig, label || 0x00 || 0x01 || origin || 0x00 || invite id (43 ASCII) || challenge)}; later,
 * in {@code e2ee_hello}, the same with {@code 0x02} and the 16-byte device id instead of the invite id.
 */
public final class BindingProof {
    public static final int BIND = 0x01;
    public static final int HELLO = 0x02;
    public static final int CHALLENGE_BYTES = 32;

    private BindingProof() {
    }

    /** The bytes a binding proof signs. */
    public static byte[] bindMessage(String origin, String inviteId, byte[] challenge) {
        if (inviteId.length() != 43 || !inviteId.matches("[A-Za-z0-9_-]{43}")) {
            throw new IllegalArgumentException("an invite id is 43 base64url characters");
        }
        return message(BIND, origin, inviteId.getBytes(StandardCharsets.US_ASCII), challenge);
    }

    /** The bytes a device proof ({@code e2ee_hello}) signs. */
    public static byte[] helloMessage(String origin, byte[] deviceId, byte[] challenge) {
        return message(HELLO, origin, Bytes.exact(deviceId, 16, "device id"), challenge);
    }

    private static byte[] message(int kind, String origin, byte[] subject, byte[] challenge) {
        if (!origin.matches("https?://[\\x21-\\x7e]+")) {
            throw new IllegalArgumentException("an origin is ASCII, e.g. https://visits.chu.example");
        }
        return Bytes.concat(Labels.prefix(Labels.LINK_BINDING), new byte[] {(byte) kind},
                origin.getBytes(StandardCharsets.US_ASCII), new byte[] {0}, subject,
                Bytes.exact(challenge, CHALLENGE_BYTES, "challenge"));
    }

    public static byte[] bind(IdentityKeys keys, String origin, String inviteId, byte[] challenge) {
        return keys.sign(bindMessage(origin, inviteId, challenge));
    }

    public static byte[] hello(IdentityKeys keys, String origin, byte[] challenge) {
        return keys.sign(helloMessage(origin, keys.deviceId(), challenge));
    }

    public static boolean verifyBind(PublicIdentity id, String origin, String inviteId, byte[] challenge, byte[] proof) {
        return Ed25519.verify(id.sigKey(), bindMessage(origin, inviteId, challenge), proof);
    }

    public static boolean verifyHello(PublicIdentity id, String origin, byte[] challenge, byte[] proof) {
        return Ed25519.verify(id.sigKey(), helloMessage(origin, id.deviceId(), challenge), proof);
    }
}
