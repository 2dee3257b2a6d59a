package org.lucarne.e2ee;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import org.lucarne.e2ee.identity.IdentityKeys;
import org.lucarne.e2ee.prekey.OneTimePrekey;
import org.lucarne.e2ee.prekey.SignedPrekey;
import org.lucarne.e2ee.primitives.Hashes;
import org.lucarne.e2ee.primitives.Randomness;
import org.lucarne.e2ee.primitives.X25519;
import org.lucarne.e2ee.ratchet.PrekeySecrets;
import org.lucarne.e2ee.x3dh.Psk;
import org.lucarne.e2ee.x3dh.Bundle;

/**
 * Fixed private keys and random values for the tests and the vectors: each is SHA-256 of a name
 * ("Lucarne vector " + name), so every output is fixed and the files say where each input came from.
 */
public final class TestKeys {
    /** The vectors' "now": 2026-12-01T00:00:00Z. */
    public static final long NOW = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
    public static final long SPK_ID = 1;
    public static final long OPK_ID = 7;
    public static final long SPK_CREATED = NOW - 3 * 86_400_000L;

    private TestKeys() {
    }

    /** SHA-256("Lucarne vector " + name): a private key or random value named in the vector files. */
    public static byte[] value(String name) {
        return Hashes.sha256(("Lucarne vector " + name).getBytes(StandardCharsets.US_ASCII));
    }

    /** A device's identity from the values "NAME identity sig" and "NAME identity dh". */
    public static IdentityKeys identity(String name) {
        return new IdentityKeys(value(name + " identity sig"), value(name + " identity dh"));
    }

    public static byte[] spkPrivate(String name) {
        return value(name + " signed prekey");
    }

    public static byte[] opkPrivate(String name) {
        return value(name + " one-time prekey");
    }

    /** NAME's bundle: signed prekey {@link #SPK_ID} made 3 days before {@link #NOW}, one-time prekey {@link #OPK_ID} if asked. */
    public static Bundle bundle(String name, boolean withOneTimePrekey) {
        IdentityKeys id = identity(name);
        SignedPrekey spk = SignedPrekey.sign(id, SPK_ID, SPK_CREATED, X25519.publicKey(spkPrivate(name)));
        OneTimePrekey opk = withOneTimePrekey ? new OneTimePrekey(OPK_ID, X25519.publicKey(opkPrivate(name))) : null;
        return new Bundle(id.deviceId(), id.identity(), spk, opk);
    }

    /** The tablet's prekeys ({@link #SPK_ID}, {@link #OPK_ID}) and one link's PSK, as a responder looks them up. */
    public static PrekeySecrets tabletSecrets(byte[] psk) {
        return new PrekeySecrets() {
            @Override
            public byte[] signedPrekey(long id) {
                return id == SPK_ID ? spkPrivate("tablet") : null;
            }

            @Override
            public byte[] oneTimePrekey(long id) {
                return id == OPK_ID ? opkPrivate("tablet") : null;
            }

            @Override
            public byte[] psk(byte[] pskId) {
                return Arrays.equals(pskId, Psk.id(psk)) ? psk : null;
            }
        };
    }

    /** {@code length} bytes, byte i = (i * multiplier + offset) mod 256: a stand-in for a message or a picture. */
    public static byte[] pattern(int length, int multiplier, int offset) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * multiplier + offset);
        }
        return b;
    }

    /** Randomness that gives the named values in order, and fails on any other draw. */
    public static final class Scripted implements Randomness {
        private final Deque<String> names = new ArrayDeque<>();

        public Scripted(String... names) {
            this.names.addAll(Arrays.asList(names));
        }

        @Override
        public byte[] bytes(int length) {
            if (names.isEmpty() || length != 32) {
                throw new AssertionError("unexpected draw of " + length + " random bytes; left: " + names);
            }
            return value(names.removeFirst());
        }

        public boolean used() {
            return names.isEmpty();
        }
    }
}
