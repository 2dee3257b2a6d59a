package org.lucarne.e2ee.identity;

import org.lucarne.e2ee.primitives.Ed25519;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.primitives.X25519;

/**
 * A device's identity with its private keys: the Ed25519 seed of {@code IK_sig} and the X25519 scalar of
 * {@code IK_dh}. Made from given private keys, so that the vectors are fixed; {@link #generate} for real use.
 */
public final class IdentityKeys {
    private final byte[] sigSeed;
    private final byte[] dhPrivate;
    private final PublicIdentity identity;

    public IdentityKeys(byte[] sigSeed, byte[] dhPrivate) {
        this.sigSeed = sigSeed.clone();
        this.dhPrivate = dhPrivate.clone();
        byte[] sigKey = Ed25519.publicKey(sigSeed);
        byte[] dhKey = X25519.publicKey(dhPrivate);
        this.identity = new PublicIdentity(sigKey, dhKey, Ed25519.sign(sigSeed, PublicIdentity.signedDhKey(dhKey)));
    }

    /** A new identity: 32 random bytes for each private key, the seed first. */
    public static IdentityKeys generate(Randomness random) {
        return new IdentityKeys(random.bytes(32), random.bytes(32));
    }

    public PublicIdentity identity() {
        return identity;
    }

    public byte[] deviceId() {
        return identity.deviceId();
    }

    /** Signs {@code message} with {@code IK_sig}. */
    public byte[] sign(byte[] message) {
        return Ed25519.sign(sigSeed, message);
    }

    /** The X25519 scalar of {@code IK_dh}, for X3DH. */
    public byte[] dhPrivate() {
        return dhPrivate.clone();
    }

    public byte[] sigSeed() {
        return sigSeed.clone();
    }
}
