package org.lucarne.e2ee.ratchet;

import java.util.Arrays;
import java.util.Iterator;
import org.lucarne.e2ee.primitives.AesGcm;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.wire.Bytes;
import org.lucarne.e2ee.wire.EnvelopeException;
import org.lucarne.e2ee.wire.EnvelopeHeader;
import org.lucarne.e2ee.wire.EnvelopeType;
import org.lucarne.e2ee.wire.Padding;
import org.lucarne.e2ee.wire.PlaintextException;
import org.lucarne.e2ee.wire.PrekeyPart;

/**
 * The Double Ratchet with a clear header (DR §3.3–§3.5) over Lucarne's envelope. Pure: a state in, a new state out;
 * the state given is never changed, so a message that fails to decrypt leaves the session as it was (DR §3.5).
 */
public final class Session {
    /** Most message keys skipped in one chain (DR §3.5 MAX_SKIP). */
    public static final int MAX_SKIP = 1000;
    /** Most skipped message keys a session keeps, the oldest deleted first. */
    public static final int MAX_SKIPPED_KEYS = 2000;

    /** An encrypted message: the new state, the envelope, and its message key (for the vectors). */
    public record Sealed(SessionState state, byte[] envelope, byte[] messageKey) {
    }

    /** A decrypted message: the new state and the plaintext without its padding. */
    public record Opened(SessionState state, byte[] plaintext) {
    }

    private Session() {
    }

    /** RatchetInitAlice (DR §3.3): the initiator's first sending chain from SK and the peer's signed prekey. */
    static SessionState initiator(byte[] sk, byte[] ad, byte[] own, byte[] peer, byte[] peerSignedPrekey,
                                  byte[] ratchetPrivate, PrekeyPart prekey) throws E2eeException {
        SessionState s = base(ad, own, peer, ratchetPrivate, X25519.publicKey(ratchetPrivate));
        s.dhr = peerSignedPrekey.clone();
        Kdf.Pair root = Kdf.rootStep(sk, X25519.dh(ratchetPrivate, s.dhr));
        s.rootKey = root.first();
        s.sendChain = root.second();
        s.pendingPrekey = prekey;
        return s;
    }

    /** RatchetInitBob (DR §3.3): the responder starts with SK as root and its signed prekey as ratchet key. */
    static SessionState responder(byte[] sk, byte[] ad, byte[] own, byte[] peer, byte[] spkPrivate, byte[] spkPublic) {
        SessionState s = base(ad, own, peer, spkPrivate, spkPublic);
        s.rootKey = sk.clone();
        return s;
    }

    private static SessionState base(byte[] ad, byte[] own, byte[] peer, byte[] dhsPrivate, byte[] dhsPublic) {
        SessionState s = new SessionState();
        s.ad = ad.clone();
        s.ownDeviceId = Bytes.exact(own, 16, "own device id");
        s.peerDeviceId = Bytes.exact(peer, 16, "peer device id");
        s.dhsPrivate = dhsPrivate.clone();
        s.dhsPublic = dhsPublic.clone();
        return s;
    }

    /** RatchetEncrypt (DR §3.4): pads, encrypts with AD = X3DH AD || the envelope's clear part. */
    public static Sealed encrypt(SessionState state, byte[] plaintext) throws PlaintextException {
        if (state.sendChain == null) {
            throw new IllegalStateException("a responder sends only after the initiator's first message");
        }
        SessionState s = state.copy();
        Kdf.Pair step = Kdf.chainStep(s.sendChain);
        s.sendChain = step.second();
        byte[] padded = Padding.pad(plaintext);
        EnvelopeType type = s.pendingPrekey != null ? EnvelopeType.PREKEY : EnvelopeType.NORMAL;
        EnvelopeHeader header = new EnvelopeHeader(EnvelopeHeader.VERSION, EnvelopeHeader.SUITE_X25519_ED25519_SHA256_AESGCM,
                type, s.ownDeviceId, s.peerDeviceId, s.pendingPrekey, s.dhsPublic, s.pn, s.ns,
                padded.length + EnvelopeHeader.TAG_BYTES);
        s.ns++;
        byte[] clear = header.encode();
        Kdf.MessageKeys keys = Kdf.messageKeys(step.first());
        byte[] ct = AesGcm.encrypt(keys.key(), keys.nonce(), padded, Bytes.concat(s.ad, clear));
        return new Sealed(s, Bytes.concat(clear, ct), step.first());
    }

    /**
     * RatchetDecrypt (DR §3.5): a skipped key if one matches, else a DH ratchet step when the ratchet key is new
     * (its new key pair from {@code random}), then the receiving chain. Codes: the envelope's own,
     * {@code envelope_wrong_device}, {@code too_many_skipped}, {@code dh_zero}, {@code decrypt_failed},
     * {@code plaintext_malformed}.
     */
    public static Opened decrypt(SessionState state, byte[] envelope, Randomness random) throws E2eeException {
        EnvelopeHeader h = parse(envelope);
        if (!Arrays.equals(h.recipientDeviceId(), state.ownDeviceId) || !Arrays.equals(h.senderDeviceId(), state.peerDeviceId)) {
            throw new E2eeException("envelope_wrong_device", "the envelope is not from this session's peer to this device");
        }
        SessionState s = state.copy();
        byte[] ad = Bytes.concat(s.ad, Arrays.copyOf(envelope, h.clearPartBytes()));
        byte[] ct = Arrays.copyOfRange(envelope, h.clearPartBytes(), envelope.length);
        SessionState.SkippedKey place = new SessionState.SkippedKey(Bytes.b64(h.ratchetKey()), h.n());
        byte[] skippedKey = s.skipped.remove(place);
        if (skippedKey != null) {
            return open(s, skippedKey, ct, ad);
        }
        if (s.dhr == null || !Arrays.equals(h.ratchetKey(), s.dhr)) {
            skip(s, h.pn());
            ratchetStep(s, h.ratchetKey(), random);
        }
        skip(s, h.n());
        Kdf.Pair step = Kdf.chainStep(s.recvChain);
        s.recvChain = step.second();
        s.nr++;
        return open(s, step.first(), ct, ad);
    }

    private static Opened open(SessionState s, byte[] messageKey, byte[] ct, byte[] ad) throws E2eeException {
        Kdf.MessageKeys keys = Kdf.messageKeys(messageKey);
        byte[] padded = AesGcm.decrypt(keys.key(), keys.nonce(), ct, ad);
        try {
            byte[] plaintext = Padding.unpad(padded);
            s.pendingPrekey = null;
            return new Opened(s, plaintext);
        } catch (PlaintextException e) {
            throw new E2eeException(e.code(), e.getMessage());
        }
    }

    /** SkipMessageKeys (DR §3.5): keeps the keys of messages not yet received in the current receiving chain. */
    private static void skip(SessionState s, long until) throws E2eeException {
        if (s.recvChain == null) {
            return;
        }
        if (until - s.nr > MAX_SKIP) {
            throw new E2eeException("too_many_skipped", "the message skips " + (until - s.nr)
                    + " messages of its chain; at most " + MAX_SKIP);
        }
        while (s.nr < until) {
            Kdf.Pair step = Kdf.chainStep(s.recvChain);
            s.recvChain = step.second();
            s.skipped.put(new SessionState.SkippedKey(Bytes.b64(s.dhr), s.nr), step.first());
            s.nr++;
        }
        Iterator<SessionState.SkippedKey> oldest = s.skipped.keySet().iterator();
        while (s.skipped.size() > MAX_SKIPPED_KEYS) {
            oldest.next();
            oldest.remove();
        }
    }

    /** DHRatchet (DR §3.5): a new receiving chain from the peer's new key, then a new key pair and sending chain. */
    private static void ratchetStep(SessionState s, byte[] peerKey, Randomness random) throws E2eeException {
        s.pn = s.ns;
        s.ns = 0;
        s.nr = 0;
        s.dhr = peerKey.clone();
        Kdf.Pair recv = Kdf.rootStep(s.rootKey, X25519.dh(s.dhsPrivate, s.dhr));
        s.rootKey = recv.first();
        s.recvChain = recv.second();
        s.dhsPrivate = random.bytes(32);
        s.dhsPublic = X25519.publicKey(s.dhsPrivate);
        Kdf.Pair send = Kdf.rootStep(s.rootKey, X25519.dh(s.dhsPrivate, s.dhr));
        s.rootKey = send.first();
        s.sendChain = send.second();
    }

    static EnvelopeHeader parse(byte[] envelope) throws E2eeException {
        try {
            return EnvelopeHeader.parse(envelope);
        } catch (EnvelopeException e) {
            throw new E2eeException(e.code(), e.getMessage());
        }
    }
}
