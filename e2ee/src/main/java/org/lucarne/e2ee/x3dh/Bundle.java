package org.lucarne.e2ee.x3dh;

import org.lucarne.e2ee.identity.PublicIdentity;
import org.lucarne.e2ee.prekey.OneTimePrekey;
import org.lucarne.e2ee.prekey.SignedPrekey;

/** A prekey bundle as the server serves it: identity, signed prekey, maybe a one-time prekey (null: none). */
public record Bundle(byte[] deviceId, PublicIdentity identity, SignedPrekey signedPrekey, OneTimePrekey oneTimePrekey) {
    public Bundle {
        deviceId = deviceId.clone();
    }

    @Override
    public byte[] deviceId() {
        return deviceId.clone();
    }
}
