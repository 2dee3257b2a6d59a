package org.lucarne.e2ee.vectors;

import static org.lucarne.e2ee.primitives.Hex.bytes;
import static org.lucarne.e2ee.vectors.VectorFile.b64;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.lucarne.e2ee.primitives.AesGcm;
import org.lucarne.e2ee.primitives.Ed25519;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.KnownAnswers;
import org.lucarne.e2ee.primitives.X25519;

/** primitives.json: the published answers (RFC 7748, 8032, 5869, 4231, the GCM specification) as computed here. */
class PrimitivesVectorsTest {

    @Test
    void primitivesFileHoldsThePublishedAnswers() throws Exception {
        ObjectNode root = VectorFile.root("Known answers of the primitives of suite 1, as both platforms must compute them. "
                + "PrimitivesTest checks each against its publication.");
        root.put("inputs", "the publications' own inputs");
        ObjectNode x = root.putObject("x25519");
        x.put("source", "RFC 7748 §6.1");
        byte[] a = bytes(KnownAnswers.X25519_ALICE_PRIVATE);
        byte[] b = bytes(KnownAnswers.X25519_BOB_PRIVATE);
        x.put("alicePrivate", b64(a)).put("alicePkcs8", b64(X25519.pkcs8(a))).put("alicePublic", b64(X25519.publicKey(a)));
        x.put("bobPrivate", b64(b)).put("bobPkcs8", b64(X25519.pkcs8(b))).put("bobPublic", b64(X25519.publicKey(b)));
        x.put("shared", b64(X25519.dh(a, X25519.publicKey(b))));
        byte[] topBit = X25519.publicKey(b);
        topBit[31] |= (byte) 0x80;
        root.putObject("x25519TopBitIgnored").put("description", "the public key's most significant bit is masked (RFC 7748 §5): "
                + "Bob's public key with it set gives the same secret").put("private", b64(a)).put("public", b64(topBit))
                .put("shared", b64(X25519.dh(a, topBit)));
        ObjectNode zero = root.putObject("x25519AllZeroRefused");
        zero.put("description", "a public key of small order (here u = 0) gives an all-zero secret: refused (RFC 7748 §6.1)");
        zero.put("private", b64(a)).put("public", b64(new byte[32])).put("code", "dh_zero");

        ArrayNode ed = root.putArray("ed25519");
        int test = 1;
        for (String[] t : KnownAnswers.ED25519) {
            byte[] seed = bytes(t[0]);
            ed.addObject().put("source", "RFC 8032 §7.1 test " + test++).put("seed", b64(seed))
                    .put("pkcs8", b64(Ed25519.pkcs8(seed))).put("public", b64(Ed25519.publicKey(seed)))
                    .put("message", b64(bytes(t[2]))).put("signature", b64(Ed25519.sign(seed, bytes(t[2]))));
        }
        root.putObject("hkdfSha256").put("source", "RFC 5869 A.1").put("ikm", b64(bytes(KnownAnswers.HKDF_IKM)))
                .put("salt", b64(bytes(KnownAnswers.HKDF_SALT))).put("info", b64(bytes(KnownAnswers.HKDF_INFO)))
                .put("length", KnownAnswers.HKDF_LENGTH)
                .put("okm", b64(Hashes.hkdf(bytes(KnownAnswers.HKDF_IKM), bytes(KnownAnswers.HKDF_SALT),
                        bytes(KnownAnswers.HKDF_INFO), KnownAnswers.HKDF_LENGTH)));
        root.putObject("hmacSha256").put("source", "RFC 4231 §4.3 (test case 2)").put("key", b64(bytes(KnownAnswers.HMAC_KEY)))
                .put("data", b64(bytes(KnownAnswers.HMAC_DATA)))
                .put("mac", b64(Hashes.hmac(bytes(KnownAnswers.HMAC_KEY), bytes(KnownAnswers.HMAC_DATA))));
        ArrayNode gcm = root.putArray("aes256Gcm");
        String[] sources = {"The GCM specification (McGrew, Viega), test case 14", "The GCM specification, test case 16"};
        for (int i = 0; i < KnownAnswers.AES_GCM.length; i++) {
            String[] t = KnownAnswers.AES_GCM[i];
            gcm.addObject().put("source", sources[i]).put("key", b64(bytes(t[0]))).put("nonce", b64(bytes(t[1])))
                    .put("plaintext", b64(bytes(t[2]))).put("ad", b64(bytes(t[3])))
                    .put("ciphertextAndTag", b64(AesGcm.encrypt(bytes(t[0]), bytes(t[1]), bytes(t[2]), bytes(t[3]))));
        }
        VectorFile.check("primitives.json", root);
    }
}
