package org.lucarne.signaling.personal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals and opens personal data for storage (names, INS, phone numbers, e-mail addresses,
 * second-factor secrets), so that a stolen database file reveals none of it.
 *
 * <p>A sealed value is the text {@code v1.<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>}:
 * AES-256-GCM with a random 96-bit nonce, under the ring's current key, with associated data
 * {@code lucarne/v1/<table>/<column>/<row id>} (docs/security.md, "Personal data at rest"). The
 * plaintext is the UTF-8 text padded to a multiple of {@value #PAD_BLOCK} bytes (a 0x80 byte, then
 * zeros: ISO/IEC 7816-4), so a sealed name does not tell its length. Any key of the ring opens what
 * was sealed under it.
 *
 * <p>A blind index is {@code HMAC-SHA-256(index key, purpose ‖ 0x00 ‖ value)} in base64url: equal
 * values give equal indexes, so a column can be searched for equality without being readable.
 */
public final class PersonalData {
    static final String VERSION = "v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    static final int PAD_BLOCK = 32;
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    /** The shape of a sealed value: version, key id, then at least a nonce and a tag in base64url. */
    private static final Pattern SEALED = Pattern.compile(VERSION + "\\.k[1-9][0-9]{0,8}\\.[A-Za-z0-9_-]{"
            + (int) Math.ceil((NONCE_BYTES + TAG_BITS / 8) * 4 / 3.0) + ",}");

    private final SecureRandom random;
    private volatile DataKeyRing ring;

    public PersonalData(DataKeyRing ring, SecureRandom random) {
        this.ring = Objects.requireNonNull(ring, "ring");
        this.random = Objects.requireNonNull(random, "random");
    }

    public DataKeyRing ring() {
        return ring;
    }

    /** After a check against the database finished a rotation ({@link DataKeyCheck}). */
    void use(DataKeyRing newRing) {
        this.ring = Objects.requireNonNull(newRing, "newRing");
    }

    /** Seals {@code plaintext} for {@code column} of row {@code rowId} under the current key. */
    public String seal(SealedColumn column, String rowId, String plaintext) {
        return seal(ring.currentKey(), column, rowId, plaintext);
    }

    /** Seals under a given key of the ring: for key rotation. */
    String seal(DataKey key, SealedColumn column, String rowId, String plaintext) {
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, key.encryptionKey(), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(associatedData(column, rowId));
            byte[] sealed = gcm.doFinal(pad(plaintext.getBytes(StandardCharsets.UTF_8)));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return VERSION + "." + key.id() + "." + B64.encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required of every Java runtime", e);
        }
    }

    /** {@link #seal}, or null for null: for optional columns. */
    public String sealNullable(SealedColumn column, String rowId, String plaintext) {
        return plaintext == null ? null : seal(column, rowId, plaintext);
    }

    /**
     * Opens a value sealed for {@code column} of row {@code rowId}.
     *
     * @throws PersonalDataException when the value was not sealed there, under a key of the ring
     */
    public String open(SealedColumn column, String rowId, String sealed) {
        Objects.requireNonNull(sealed, "sealed");
        String[] parts = sealed.split("\\.", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !DataKey.ID.matcher(parts[1]).matches()) {
            throw new PersonalDataException(column + " of row " + rowId + " does not hold a sealed value");
        }
        DataKey key = ring.key(parts[1]).orElseThrow(() -> new PersonalDataException(column + " of row " + rowId
                + " is sealed under data key " + parts[1] + ", which the key file does not hold: restore the key file"
                + " that goes with this database (docs/operations.md, \"Keys\")"));
        byte[] in;
        try {
            in = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new PersonalDataException(column + " of row " + rowId + " is damaged (not base64url)", e);
        }
        if (!B64.encodeToString(in).equals(parts[2])) {
            // One value, one text: padding or unused low bits that decode the same are an alteration too.
            throw new PersonalDataException(column + " of row " + rowId + " is damaged (not canonical base64url)");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new PersonalDataException(column + " of row " + rowId + " is damaged (too short)");
        }
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, key.encryptionKey(), new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            gcm.updateAAD(associatedData(column, rowId));
            byte[] padded = gcm.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
            int end = unpaddedLength(padded);
            if (end < 0) {
                throw new PersonalDataException(column + " of row " + rowId + " is damaged (bad padding)");
            }
            return new String(padded, 0, end, StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new PersonalDataException(column + " of row " + rowId + " does not open: it was altered, or sealed"
                    + " for another row", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required of every Java runtime", e);
        }
    }

    /** {@link #open}, or null for null. */
    public String openNullable(SealedColumn column, String rowId, String sealed) {
        return sealed == null ? null : open(column, rowId, sealed);
    }

    /** Whether a stored value is sealed (else it is plaintext left by an older Lucarne). */
    public static boolean isSealed(String stored) {
        return stored != null && SEALED.matcher(stored).matches();
    }

    /** The blind index of {@code value} for {@code purpose}, under the current key. */
    public String index(String purpose, String value) {
        return index(ring.currentKey(), purpose, value);
    }

    /** The blind index of {@code value} for {@code column}, normalized as the column says, under the current key. */
    public String index(BlindIndexColumn column, String value) {
        return index(ring.currentKey(), column, value);
    }

    String index(DataKey key, BlindIndexColumn column, String value) {
        return index(key, column.purpose(), column.normalize().apply(Objects.requireNonNull(value, "value")));
    }

    String index(DataKey key, String purpose, String value) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(value, "value");
        byte[] p = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        byte[] message = ByteBuffer.allocate(p.length + 1 + v.length).put(p).put((byte) 0).put(v).array();
        return B64.encodeToString(DataKey.hmac(key.indexKey(), message));
    }

    /** The text, a 0x80 byte, and zeros up to the next multiple of {@value #PAD_BLOCK} bytes. */
    static byte[] pad(byte[] text) {
        byte[] out = new byte[(text.length / PAD_BLOCK + 1) * PAD_BLOCK];
        System.arraycopy(text, 0, out, 0, text.length);
        out[text.length] = (byte) 0x80;
        return out;
    }

    /** Where the text of {@link #pad}ded bytes ends, or -1 when they are not padded so. */
    static int unpaddedLength(byte[] padded) {
        int i = padded.length - 1;
        while (i >= 0 && padded[i] == 0) {
            i--;
        }
        return i >= 0 && padded[i] == (byte) 0x80 && padded.length % PAD_BLOCK == 0 ? i : -1;
    }

    private static byte[] associatedData(SealedColumn column, String rowId) {
        Objects.requireNonNull(rowId, "rowId");
        return ("lucarne/" + VERSION + "/" + column.table() + "/" + column.column() + "/" + rowId)
                .getBytes(StandardCharsets.UTF_8);
    }
}
