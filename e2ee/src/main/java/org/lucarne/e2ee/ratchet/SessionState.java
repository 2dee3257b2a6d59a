package org.lucarne.e2ee.ratchet;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lucarne.e2ee.wire.PrekeyPart;

/**
 * One side of a pairwise session (DR §3.2): root, chains, counters and skipped message keys, plus the X3DH
 * associated data, both device ids, and the prekey part sent in every message until the peer has replied.
 * {@link Session} changes only copies, so a message that fails leaves the state it was given unchanged.
 */
public final class SessionState {
    byte[] rootKey;
    byte[] dhsPrivate;
    byte[] dhsPublic;
    byte[] dhr;
    byte[] sendChain;
    byte[] recvChain;
    long ns;
    long nr;
    long pn;
    /** Skipped message keys by ratchet key (base64url) and N, oldest first (DR §3.2 MKSKIPPED). */
    LinkedHashMap<SkippedKey, byte[]> skipped = new LinkedHashMap<>();
    byte[] ad;
    byte[] ownDeviceId;
    byte[] peerDeviceId;
    PrekeyPart pendingPrekey;

    SessionState() {
    }

    SessionState copy() {
        SessionState c = new SessionState();
        c.rootKey = rootKey;
        c.dhsPrivate = dhsPrivate;
        c.dhsPublic = dhsPublic;
        c.dhr = dhr;
        c.sendChain = sendChain;
        c.recvChain = recvChain;
        c.ns = ns;
        c.nr = nr;
        c.pn = pn;
        c.skipped = new LinkedHashMap<>(skipped);
        c.ad = ad;
        c.ownDeviceId = ownDeviceId;
        c.peerDeviceId = peerDeviceId;
        c.pendingPrekey = pendingPrekey;
        return c;
    }

    public byte[] rootKey() {
        return rootKey.clone();
    }

    /** The sending chain key, or null before this side's first ratchet step (a responder that has not received). */
    public byte[] sendChain() {
        return sendChain == null ? null : sendChain.clone();
    }

    public byte[] recvChain() {
        return recvChain == null ? null : recvChain.clone();
    }

    public byte[] ratchetPublicKey() {
        return dhsPublic.clone();
    }

    public byte[] peerRatchetKey() {
        return dhr == null ? null : dhr.clone();
    }

    public long sent() {
        return ns;
    }

    public long received() {
        return nr;
    }

    public long previousChainLength() {
        return pn;
    }

    public int skippedKeys() {
        return skipped.size();
    }

    /** Whether messages still carry the prekey part (no reply received yet). */
    public boolean sendsPrekeyMessages() {
        return pendingPrekey != null;
    }

    public byte[] associatedData() {
        return ad.clone();
    }

    /** A skipped message key's place: the sender's ratchet key and the message's number. */
    record SkippedKey(String ratchetKey, long n) {
    }

    Map<SkippedKey, byte[]> skippedView() {
        return java.util.Collections.unmodifiableMap(skipped);
    }
}
