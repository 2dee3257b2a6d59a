package org.lucarne.e2ee.ratchet;

import java.util.Arrays;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.e2ee.wire.PrekeyPart;
import org.lucarne.e2ee.x3dh.Bundle;
import org.lucarne.e2ee.x3dh.X3dh;
import org.lucarne.e2ee.x3dh.X3dhResult;

/** Starting a session (docs/e2ee.md "Session start"): X3DH, then the ratchet initialised as DR §3.3 says. */
public final class SessionStart {

    /** The initiator's new session, with the X3DH values and its ephemeral key (for the vectors). */
    public record Started(SessionState state, X3dhResult x3dh, byte[] ephemeralKey) {
    }

    /** The responder's new session after the first message decrypted, and which one-time prekey to delete (0: none). */
    public record Accepted(SessionState state, byte[] plaintext, X3dhResult x3dh, PublicIdentity peer,
                           long oneTimePrekeyId) {
    }

    private SessionStart() {
    }

    /**
     * Starts a session with the owner of {@code bundle}. Draws from {@code random}: the ephemeral key {@code EK_A},
     * then the first ratchet key pair, 32 bytes each.
     *
     * @param psk the link secret's value for a family device's first session with its tablet, else null
     */
    public static Started start(IdentityKeys a, Bundle bundle, byte[] psk, long nowMillis, Randomness random)
            throws E2eeException {
        byte[] ekPrivate = random.bytes(32);
        X3dhResult x = X3dh.initiate(a, bundle, ekPrivate, psk, nowMillis);
        byte[] ekPublic = X25519.publicKey(ekPrivate);
        Arrays.fill(ekPrivate, (byte) 0);
        long opkId = bundle.oneTimePrekey() == null ? 0 : bundle.oneTimePrekey().id();
        PrekeyPart prekey = new PrekeyPart(a.identity().record(), ekPublic, bundle.signedPrekey().id(), opkId, x.pskId());
        SessionState s = Session.initiator(x.sk(), x.ad(), a.deviceId(), bundle.deviceId(),
                bundle.signedPrekey().publicKey(), random.bytes(32), prekey);
        return new Started(s, x, ekPublic);
    }

    /**
     * Accepts a prekey message (X3DH §3.4): finds the prekeys and the PSK it names, computes SK and decrypts it;
     * the session exists only if it decrypts. Codes: {@code envelope_not_prekey}, {@code envelope_wrong_device},
     * {@code prekey_unknown}, {@code psk_unknown}, those of the identity and of {@link Session#decrypt}.
     * Draws the responder's next ratchet key pair from {@code random}.
     */
    public static Accepted accept(IdentityKeys b, PrekeySecrets secrets, byte[] envelope, Randomness random)
            throws E2eeException {
        EnvelopeHeader h = Session.parse(envelope);
        if (h.type() != EnvelopeType.PREKEY) {
            throw new E2eeException("envelope_not_prekey", "a session starts with a prekey message");
        }
        PrekeyPart p = h.prekey();
        PublicIdentity a = PublicIdentity.parse(p.identityRecord());
        if (!Arrays.equals(a.deviceId(), h.senderDeviceId()) || !Arrays.equals(b.deviceId(), h.recipientDeviceId())) {
            throw new E2eeException("envelope_wrong_device", "the sender's device id is not its identity's, or the recipient is not this device");
        }
        byte[] spk = secrets.signedPrekey(p.signedPrekeyId());
        byte[] opk = p.oneTimePrekeyId() == 0 ? null : secrets.oneTimePrekey(p.oneTimePrekeyId());
        if (spk == null || (p.oneTimePrekeyId() != 0 && opk == null)) {
            throw new E2eeException("prekey_unknown", "the message names a prekey this device does not hold");
        }
        byte[] psk = null;
        if (p.hasPsk()) {
            psk = secrets.psk(p.pskId());
            if (psk == null) {
                throw new E2eeException("psk_unknown", "the message names a link secret this device does not hold");
            }
        }
        X3dhResult x = X3dh.respond(b, spk, opk, a, p.ephemeralKey(), psk);
        SessionState s = Session.responder(x.sk(), x.ad(), b.deviceId(), a.deviceId(), spk, X25519.publicKey(spk));
        Session.Opened opened = Session.decrypt(s, envelope, random);
        return new Accepted(opened.state(), opened.plaintext(), x, a, p.oneTimePrekeyId());
    }
}
