package org.lucarne.signaling.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Arrays;
import java.util.Base64;
import org.lucarne.e2ee.wire.Bytes;

/**
 * A device's identity made in Java the way the browser makes it (docs/e2ee.md, "Identity"): an Ed25519 and an
 * X25519 key pair, the identity record {@code IK_sig || IK_dh || id_sig}, its device id, and the proofs of
 * "Binding a link to a browser". Written from the spec, not from the server's classes, so that tests check the
 * server against the spec.
 */
public final class TestDevice {
    private final KeyPair sig;
    private final byte[] record;
    private final byte[] deviceId;

    private TestDevice(KeyPair sig, byte[] record, byte[] deviceId) {
        this.sig = sig;
        this.record = record;
        this.deviceId = deviceId;
    }

    /** A fresh device. */
    public static TestDevice create() {
        try {
            KeyPair sig = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            KeyPair dh = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] ikSig = raw(sig.getPublic().getEncoded());
            byte[] ikDh = raw(dh.getPublic().getEncoded());
            byte[] idSig = sign(sig, Bytes.concat(label("Lucarne identity dh key v1"), ikDh));
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(label("Lucarne device id v1"));
            sha.update(ikSig);
            sha.update(ikDh);
            byte[] id = Arrays.copyOf(sha.digest(), 16);
            return new TestDevice(sig, Bytes.concat(ikSig, ikDh, idSig), id);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The identity record, 128 bytes. */
    public byte[] record() {
        return record.clone();
    }

    public String recordText() {
        return b64(record);
    }

    public byte[] deviceId() {
        return deviceId.clone();
    }

    public String deviceIdText() {
        return b64(deviceId);
    }

    /** {@code IK_sig}'s signature of {@code message}. */
    public byte[] sign(byte[] message) {
        return sign(sig, message);
    }

    /** The proof of {@code e2ee_bind}: kind 0x01 over the invite id, as base64url. */
    public String bindProof(String origin, String inviteId, String challengeText) {
        return b64(sign(proof((byte) 1, origin, inviteId.getBytes(StandardCharsets.US_ASCII), challengeText)));
    }

    /** The proof of {@code e2ee_hello}: kind 0x02 over the device id, as base64url. */
    public String helloProof(String origin, String challengeText) {
        return b64(sign(proof((byte) 2, origin, deviceId, challengeText)));
    }

    /** The {@code e2ee_bind} frame for {@code inviteId} over the challenge {@code nonce}. */
    public String bindFrame(String origin, String inviteId, String nonce) {
        return "{\"v\":1,\"type\":\"e2ee_bind\",\"invite\":\"" + inviteId + "\",\"identity\":\"" + recordText()
                + "\",\"proof\":\"" + bindProof(origin, inviteId, nonce) + "\"}";
    }

    /** The {@code e2ee_hello} frame that proves this device over the challenge {@code nonce}. */
    public String helloFrame(String origin, String nonce) {
        return "{\"v\":1,\"type\":\"e2ee_hello\",\"device\":\"" + deviceIdText() + "\",\"proof\":\""
                + helloProof(origin, nonce) + "\"}";
    }

    /** The {@code e2ee_identity} frame of a kiosk publishing this identity. */
    public String identityFrame() {
        return "{\"v\":1,\"type\":\"e2ee_identity\",\"identity\":\"" + recordText() + "\"}";
    }

    /**
     * On a greeted family page: asks for a challenge, binds {@code invite} to this device, and reads the answers
     * ({@code e2ee_bound}, then the circle), failing on anything else. The page may then join.
     */
    public TestDevice bindOn(WsTestClient page, String origin, String invite) {
        page.send("{\"v\":1,\"type\":\"e2ee_hello\"}");
        String nonce = frame(page, "e2ee_challenge").get("nonce").asText();
        page.send(bindFrame(origin, invite, nonce));
        frame(page, "e2ee_bound");
        frame(page, "e2ee_circle");
        return this;
    }

    private static com.fasterxml.jackson.databind.JsonNode frame(WsTestClient page, String type) {
        try {
            var n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(page.next(5));
            if (!type.equals(n.get("type").asText())) {
                throw new AssertionError("expected " + type + ", got " + n);
            }
            return n;
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] proof(byte kind, String origin, byte[] subject, String challengeText) {
        return Bytes.concat(label("Lucarne link binding v1"), new byte[] {kind}, origin.getBytes(StandardCharsets.US_ASCII),
                new byte[] {0}, subject, Base64.getUrlDecoder().decode(challengeText));
    }

    public static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sign(KeyPair pair, byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(pair.getPrivate());
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The last 32 bytes of an X.509 SubjectPublicKeyInfo of Ed25519 or X25519: the raw key (RFC 8410). */
    private static byte[] raw(byte[] spki) {
        return Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    }

    private static byte[] label(String text) {
        byte[] ascii = text.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(ascii, ascii.length + 1);
    }
}
