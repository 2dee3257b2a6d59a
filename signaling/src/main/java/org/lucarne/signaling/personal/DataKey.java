package org.lucarne.signaling.personal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;

/**
 * One data key: 32 random bytes and the id that names it in every value sealed under it. Its
 * working keys are derived with HKDF-SHA-256 (RFC 5869), one per purpose, so the AES key never
 * serves as an HMAC key: one for AES-256-GCM, one for blind indexes, one for the check value
 * that tells a server it was given the right key.
 */
public final class DataKey {
    /** {@code k1}, {@code k2}, …: short, since every sealed value carries it. */
    static final Pattern ID = Pattern.compile("k[1-9][0-9]{0,8}");
    static final int BYTES = 32;
    private static final String CHECK_TEXT = "Lucarne data key check";

    private final String id;
    private final SecretKey encryption;
    private final SecretKey index;
    private final String checkValue;
    private final byte[] material;

    DataKey(String id, byte[] material) {
        if (!ID.matcher(Objects.requireNonNull(id, "id")).matches()) {
            throw new IllegalArgumentException("a data key id is k followed by a number, not '" + id + "'");
        }
        if (material.length != BYTES) {
            throw new IllegalArgumentException("data key " + id + " has " + material.length + " bytes; it needs "
                    + BYTES);
        }
        this.id = id;
        this.material = material.clone();
        this.encryption = new SecretKeySpec(derive(material, "lucarne data encryption v1"), "AES");
        this.index = new SecretKeySpec(derive(material, "lucarne blind index v1"), "HmacSHA256");
        this.checkValue = HexFormat.of().formatHex(hmac(new SecretKeySpec(derive(material, "lucarne key check v1"),
                "HmacSHA256"), CHECK_TEXT.getBytes(StandardCharsets.UTF_8)));
    }

    /** A new random key. */
    static DataKey generate(String id, SecureRandom random) {
        byte[] b = new byte[BYTES];
        random.nextBytes(b);
        try {
            return new DataKey(id, b);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    public String id() {
        return id;
    }

    /** What the database keeps to recognise this key (table {@code data_key}); reveals nothing of it. */
    public String checkValue() {
        return checkValue;
    }

    SecretKey encryptionKey() {
        return encryption;
    }

    SecretKey indexKey() {
        return index;
    }

    /** The raw key, for the key file only. */
    byte[] material() {
        return material.clone();
    }

    /** The id after {@code k}, for choosing the next key's id. */
    int number() {
        return Integer.parseInt(id.substring(1));
    }

    static byte[] hmac(SecretKey key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java runtime", e);
        }
    }

    private static byte[] derive(byte[] ikm, String info) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, null, info.getBytes(StandardCharsets.UTF_8)));
        byte[] out = new byte[32];
        hkdf.generateBytes(out, 0, out.length);
        return out;
    }

    @Override
    public String toString() {
        return "DataKey[" + id + "]";
    }
}
