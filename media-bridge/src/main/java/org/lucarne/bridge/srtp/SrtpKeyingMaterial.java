package org.lucarne.bridge.srtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The SRTP master keys and salts of one DTLS-SRTP association, already split by direction:
 * "local" keys protect what this side sends, "remote" keys check what it receives.
 *
 * <p>Arrays are copied in and out. {@link #toString()} never prints key material.
 */
public final class SrtpKeyingMaterial {
    private final SrtpProfile profile;
    private final byte[] localKey;
    private final byte[] localSalt;
    private final byte[] remoteKey;
    private final byte[] remoteSalt;

    public SrtpKeyingMaterial(SrtpProfile profile, byte[] localKey, byte[] localSalt,
                              byte[] remoteKey, byte[] remoteSalt) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.localKey = checked(localKey, profile.keyLength(), "local key");
        this.localSalt = checked(localSalt, profile.saltLength(), "local salt");
        this.remoteKey = checked(remoteKey, profile.keyLength(), "remote key");
        this.remoteSalt = checked(remoteSalt, profile.saltLength(), "remote salt");
    }

    /**
     * Splits the output of the DTLS exporter, laid out as client key, server key, client salt,
     * server salt (RFC 5764 §4.2).
     *
     * @param localIsClient whether this side was the DTLS client
     */
    public static SrtpKeyingMaterial fromExporter(SrtpProfile profile, byte[] material,
                                                  boolean localIsClient) {
        int k = profile.keyLength();
        int s = profile.saltLength();
        if (material.length != profile.exportLength()) {
            throw new IllegalArgumentException("exported keying material for " + profile.ianaName()
                    + " must be " + profile.exportLength() + " bytes, got " + material.length);
        }
        byte[] clientKey = Arrays.copyOfRange(material, 0, k);
        byte[] serverKey = Arrays.copyOfRange(material, k, 2 * k);
        byte[] clientSalt = Arrays.copyOfRange(material, 2 * k, 2 * k + s);
        byte[] serverSalt = Arrays.copyOfRange(material, 2 * k + s, 2 * k + 2 * s);
        return localIsClient
                ? new SrtpKeyingMaterial(profile, clientKey, clientSalt, serverKey, serverSalt)
                : new SrtpKeyingMaterial(profile, serverKey, serverSalt, clientKey, clientSalt);
    }

    /** The same association seen from the other end: local and remote swapped. */
    public SrtpKeyingMaterial reversed() {
        return new SrtpKeyingMaterial(profile, remoteKey, remoteSalt, localKey, localSalt);
    }

    public SrtpProfile profile() {
        return profile;
    }

    public byte[] localKey() {
        return localKey.clone();
    }

    public byte[] localSalt() {
        return localSalt.clone();
    }

    public byte[] remoteKey() {
        return remoteKey.clone();
    }

    public byte[] remoteSalt() {
        return remoteSalt.clone();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SrtpKeyingMaterial)) {
            return false;
        }
        SrtpKeyingMaterial other = (SrtpKeyingMaterial) o;
        return profile == other.profile
                && Arrays.equals(localKey, other.localKey)
                && Arrays.equals(localSalt, other.localSalt)
                && Arrays.equals(remoteKey, other.remoteKey)
                && Arrays.equals(remoteSalt, other.remoteSalt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(profile, Arrays.hashCode(localKey), Arrays.hashCode(remoteKey));
    }

    @Override
    public String toString() {
        return "SrtpKeyingMaterial[" + profile.ianaName() + ", keys redacted]";
    }

    private static byte[] checked(byte[] value, int length, String what) {
        Objects.requireNonNull(value, what);
        if (value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, got " + value.length);
        }
        return value.clone();
    }
}
