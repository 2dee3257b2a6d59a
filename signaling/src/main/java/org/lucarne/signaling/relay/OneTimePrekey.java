package org.lucarne.signaling.relay;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.lucarne.signaling.ws.protocol.ErrorCode;

/** A one-time prekey record (docs/e2ee.md, "Prekeys"): {@code opk_id (4, from 1) || OPK (32)}, unsigned as in X3DH. */
public record OneTimePrekey(long id, byte[] publicKey) {
    public static final int LENGTH = 36;
    public static final long MAX_ID = 0xFFFF_FFFFL;

    public OneTimePrekey {
        if (id < 1 || id > MAX_ID || publicKey.length != 32) {
            throw new IllegalArgumentException("a one-time prekey has an id from 1 and 32 bytes");
        }
        publicKey = publicKey.clone();
    }

    /** The record's fields; another length, or the id 0 (which means "none"), is refused. */
    public static OneTimePrekey decode(byte[] record) {
        if (record.length != LENGTH) {
            throw new RelayRefusal(ErrorCode.E2EE_PREKEY_INVALID, "a one-time prekey record is " + LENGTH + " bytes, not "
                    + record.length);
        }
        ByteBuffer b = ByteBuffer.wrap(record);
        long id = Integer.toUnsignedLong(b.getInt());
        if (id == 0) {
            throw new RelayRefusal(ErrorCode.E2EE_PREKEY_INVALID, "one-time prekey ids start at 1 (0 means none)");
        }
        byte[] key = new byte[32];
        b.get(key);
        return new OneTimePrekey(id, key);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(LENGTH).putInt((int) id).put(publicKey).array();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OneTimePrekey p && p.id == id && Arrays.equals(p.publicKey, publicKey);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id) * 31 + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "OneTimePrekey[" + id + "]";
    }
}
