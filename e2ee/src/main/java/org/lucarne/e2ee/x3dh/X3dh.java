package org.lucarne.e2ee.x3dh;

import java.util.Arrays;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Labels;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.wire.EnvelopeHeader;

/** X3DH (X3DH §3.3, §3.4) with the two-key identity and the link secret's PSK (docs/e2ee.md "Session start"). */
public final class X3dh {
    private static final byte[] F = filled(32, 0xFF);

    private X3dh() {
    }

    /**
     * The initiator's side: checks the bundle (its identity's {@code id_sig}, that its device id is its keys', the
     * signed prekey's signature and age), then computes SK and AD with the ephemeral key {@code ekPrivate}.
     *
     * @param psk the link secret's value ({@link Psk#fromLinkSecret}), or null for none
     */
    public static X3dhResult initiate(IdentityKeys a, Bundle b, byte[] ekPrivate, byte[] psk, long nowMillis)
            throws E2eeException {
        PublicIdentity bId = PublicIdentity.parse(b.identity().record());
        if (!Arrays.equals(bId.deviceId(), b.deviceId())) {
            throw new E2eeException("bundle_wrong_device", "the bundle's device id is not its keys' device id");
        }
        b.signedPrekey().check(bId, nowMillis);
        byte[] spk = b.signedPrekey().publicKey();
        byte[] dh1 = X25519.dh(a.dhPrivate(), spk);
        byte[] dh2 = X25519.dh(ekPrivate, bId.dhKey());
        byte[] dh3 = X25519.dh(ekPrivate, spk);
        byte[] dh4 = b.oneTimePrekey() == null ? null : X25519.dh(ekPrivate, b.oneTimePrekey().publicKey());
        return derive(dh1, dh2, dh3, dh4, psk, a.identity(), bId);
    }

    /**
     * The responder's side (X3DH §3.4): from its identity, the private keys of the signed and one-time prekeys the
     * message names (null: none), the initiator's identity and ephemeral key, and the PSK its psk id named.
     */
    public static X3dhResult respond(IdentityKeys b, byte[] spkPrivate, byte[] opkPrivate, PublicIdentity a,
                                     byte[] ekPublic, byte[] psk) throws E2eeException {
        byte[] dh1 = X25519.dh(spkPrivate, a.dhKey());
        byte[] dh2 = X25519.dh(b.dhPrivate(), ekPublic);
        byte[] dh3 = X25519.dh(spkPrivate, ekPublic);
        byte[] dh4 = opkPrivate == null ? null : X25519.dh(opkPrivate, ekPublic);
        return derive(dh1, dh2, dh3, dh4, psk, a, b.identity());
    }

    private static X3dhResult derive(byte[] dh1, byte[] dh2, byte[] dh3, byte[] dh4, byte[] psk,
                                     PublicIdentity initiator, PublicIdentity responder) {
        if (psk != null) {
            Bytes.exact(psk, Psk.BYTES, "PSK");
        }
        int flags = (dh4 != null ? X3dhResult.FLAG_DH4 : 0) | (psk != null ? X3dhResult.FLAG_PSK : 0);
        byte[] ikm = Bytes.concat(F, dh1, dh2, dh3, dh4 == null ? new byte[0] : dh4, psk == null ? new byte[0] : psk);
        byte[] info = Bytes.concat(Labels.prefix(Labels.X3DH),
                new byte[] {(byte) EnvelopeHeader.SUITE_X25519_ED25519_SHA256_AESGCM, (byte) flags});
        byte[] sk = Hashes.hkdf(ikm, new byte[32], info, 32);
        Arrays.fill(ikm, (byte) 0);
        byte[] ad = Bytes.concat(initiator.sigKey(), initiator.dhKey(), responder.sigKey(), responder.dhKey());
        return new X3dhResult(dh1, dh2, dh3, dh4, psk, Psk.id(psk), flags, info, sk, ad);
    }

    private static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }
}
