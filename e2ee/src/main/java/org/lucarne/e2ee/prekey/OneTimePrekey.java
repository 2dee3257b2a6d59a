package org.lucarne.e2ee.prekey;

import java.util.Arrays;
import org.lucarne.e2ee.primitives.E2eeException;
import org.lucarne.e2ee.wire.Bytes;

/** A one-time prekey record (docs/e2ee.md "Prekeys"): {@code opk_id (4, from 1) || OPK (32)}, unsigned. */
public record OneTimePrekey(long id, byte[] publicKey) {
    public static final int BYTES = 4 + 32;

    public OneTimePrekey {
        if (id < 1 || id > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("opk_id is 1 to 2^32-1 (0 means none)");
        }
        publicKey = Bytes.exact(publicKey, 32, "OPK");
    }

    public static OneTimePrekey parse(byte[] record) throws E2eeException {
        if (record == null || record.length != BYTES) {
            throw new E2eeException("prekey_malformed", "a one-time prekey record has 36 bytes");
        }
        long id = Bytes.readUint32(record, 0);
        if (id == 0) {
            throw new E2eeException("prekey_malformed", "one-time prekey ids start at 1");
        }
        return new OneTimePrekey(id, Arrays.copyOfRange(record, 4, 36));
    }

    public byte[] encode() {
        return Bytes.concat(Bytes.uint32(id), publicKey);
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneTimePrekey p && id == p.id && Arrays.equals(publicKey, p.publicKey);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }
}
