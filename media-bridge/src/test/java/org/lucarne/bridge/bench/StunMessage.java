package org.lucarne.bridge.bench;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STUN Binding messages an ICE connectivity check needs (RFC 8489, RFC 8445 §7.2), written and
 * read by hand so that a hundred synthetic peers cost no ICE agent each. Parsing never trusts the
 * bytes: anything short, misaligned or lying about a length is refused with {@link IllegalArgumentException}.
 */
final class StunMessage {
    static final int BINDING_REQUEST = 0x0001;
    static final int BINDING_SUCCESS = 0x0101;
    static final int BINDING_ERROR = 0x0111;

    static final int USERNAME = 0x0006;
    static final int MESSAGE_INTEGRITY = 0x0008;
    static final int XOR_MAPPED_ADDRESS = 0x0020;
    static final int PRIORITY = 0x0024;
    static final int USE_CANDIDATE = 0x0025;
    static final int FINGERPRINT = 0x8028;
    static final int ICE_CONTROLLED = 0x8029;
    static final int ICE_CONTROLLING = 0x802A;

    /** RFC 8489 §5. */
    static final int MAGIC_COOKIE = 0x2112A442;
    /** RFC 8489 §14.7. */
    private static final int FINGERPRINT_XOR = 0x5354554E;
    private static final int HEADER = 20;
    private static final int INTEGRITY_LENGTH = 20;

    final int type;
    final byte[] transactionId;
    private final byte[] message;
    /** Offset of each attribute's header, by attribute type (first occurrence), or -1. */
    private final int usernameAt;
    private final int integrityAt;
    private final int fingerprintAt;
    private final boolean useCandidate;

    private StunMessage(int type, byte[] transactionId, byte[] message, int usernameAt, int integrityAt,
                        int fingerprintAt, boolean useCandidate) {
        this.type = type;
        this.transactionId = transactionId;
        this.message = message;
        this.usernameAt = usernameAt;
        this.integrityAt = integrityAt;
        this.fingerprintAt = fingerprintAt;
        this.useCandidate = useCandidate;
    }

    /** RFC 7983 §7: a first byte of 0–3 on a multiplexed port is STUN. */
    static boolean looksLikeStun(byte[] b, int len) {
        return len >= HEADER && (b[0] & 0xFF) < 4 && readInt(b, 4) == MAGIC_COOKIE;
    }

    /**
     * A Binding request: {@code USERNAME remote:local}, PRIORITY, the role attribute, USE-CANDIDATE
     * when nominating, MESSAGE-INTEGRITY with the remote password, FINGERPRINT (RFC 8445 §7.1.1).
     */
    static byte[] bindingRequest(byte[] transactionId, String username, String remotePwd, long priority,
                                 boolean controlling, long tieBreaker, boolean useCandidate) {
        ByteBuffer attrs = ByteBuffer.allocate(256);
        putAttribute(attrs, USERNAME, username.getBytes(StandardCharsets.UTF_8));
        putAttribute(attrs, PRIORITY, ByteBuffer.allocate(4).putInt((int) priority).array());
        putAttribute(attrs, controlling ? ICE_CONTROLLING : ICE_CONTROLLED,
                ByteBuffer.allocate(8).putLong(tieBreaker).array());
        if (useCandidate) {
            putAttribute(attrs, USE_CANDIDATE, new byte[0]);
        }
        return seal(BINDING_REQUEST, transactionId, attrs, remotePwd);
    }

    /** A success response with XOR-MAPPED-ADDRESS (RFC 8489 §14.2), signed with our own password. */
    static byte[] bindingSuccess(byte[] transactionId, InetSocketAddress mapped, String localPwd) {
        if (!(mapped.getAddress() instanceof Inet4Address)) {
            throw new IllegalArgumentException("only IPv4 peers are supported, not " + mapped);
        }
        byte[] ip = mapped.getAddress().getAddress();
        ByteBuffer value = ByteBuffer.allocate(8);
        value.put((byte) 0).put((byte) 1).putShort((short) (mapped.getPort() ^ (MAGIC_COOKIE >>> 16)));
        value.putInt(ByteBuffer.wrap(ip).getInt() ^ MAGIC_COOKIE);
        ByteBuffer attrs = ByteBuffer.allocate(64);
        putAttribute(attrs, XOR_MAPPED_ADDRESS, value.array());
        return seal(BINDING_SUCCESS, transactionId, attrs, localPwd);
    }

    /**
     * Reads a STUN message's header and attribute list.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static StunMessage parse(byte[] b, int len) {
        if (len < HEADER || len > b.length) {
            throw new IllegalArgumentException("STUN message shorter than its 20-byte header: " + len + " bytes");
        }
        int type = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        if ((type & 0xC000) != 0) {
            throw new IllegalArgumentException("not STUN: the two top bits of the type are set");
        }
        int bodyLength = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (bodyLength % 4 != 0) {
            throw new IllegalArgumentException("STUN length " + bodyLength + " is not a multiple of 4");
        }
        if (HEADER + bodyLength != len) {
            throw new IllegalArgumentException("STUN length " + bodyLength + " does not match the datagram's "
                    + (len - HEADER) + " bytes after the header");
        }
        if (readInt(b, 4) != MAGIC_COOKIE) {
            throw new IllegalArgumentException("STUN magic cookie missing");
        }
        int usernameAt = -1;
        int integrityAt = -1;
        int fingerprintAt = -1;
        boolean useCandidate = false;
        int at = HEADER;
        while (at < len) {
            if (len - at < 4) {
                throw new IllegalArgumentException("STUN attribute header cut short at byte " + at);
            }
            int attrType = ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
            int attrLength = ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
            int padded = (attrLength + 3) & ~3;
            if (padded > len - at - 4) {
                throw new IllegalArgumentException("STUN attribute 0x" + Integer.toHexString(attrType) + " of "
                        + attrLength + " bytes runs past the message");
            }
            if (fingerprintAt >= 0) {
                throw new IllegalArgumentException("STUN attribute after FINGERPRINT");
            }
            if (integrityAt >= 0 && attrType != FINGERPRINT) {
                refuseAfterIntegrity(attrType);
            }
            switch (attrType) {
                case USERNAME -> usernameAt = usernameAt < 0 ? at : usernameAt;
                case MESSAGE_INTEGRITY -> {
                    requireLength(attrType, attrLength, INTEGRITY_LENGTH);
                    integrityAt = at;
                }
                case FINGERPRINT -> {
                    requireLength(attrType, attrLength, 4);
                    fingerprintAt = at;
                }
                case USE_CANDIDATE -> useCandidate = true;
                default -> { }
            }
            at += 4 + padded;
        }
        return new StunMessage(type, Arrays.copyOfRange(b, 8, 20), Arrays.copyOf(b, len), usernameAt,
                integrityAt, fingerprintAt, useCandidate);
    }

    /** RFC 8489 §14.5: only FINGERPRINT may follow MESSAGE-INTEGRITY. */
    private static void refuseAfterIntegrity(int attrType) {
        throw new IllegalArgumentException("STUN attribute 0x" + Integer.toHexString(attrType)
                + " after MESSAGE-INTEGRITY");
    }

    private static void requireLength(int attrType, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("STUN attribute 0x" + Integer.toHexString(attrType) + " has "
                    + actual + " bytes, not " + expected);
        }
    }

    boolean useCandidate() {
        return useCandidate;
    }

    /** The USERNAME, or null. */
    String username() {
        if (usernameAt < 0) {
            return null;
        }
        int length = ((message[usernameAt + 2] & 0xFF) << 8) | (message[usernameAt + 3] & 0xFF);
        return new String(message, usernameAt + 4, length, StandardCharsets.UTF_8);
    }

    /** Whether MESSAGE-INTEGRITY is present and right for {@code pwd} (RFC 8489 §14.5), and FINGERPRINT too. */
    boolean verifies(String pwd) {
        if (integrityAt < 0) {
            return false;
        }
        if (fingerprintAt >= 0) {
            int expected = crc(message, fingerprintAt, fingerprintAt + 8 - HEADER);
            if (readInt(message, fingerprintAt + 4) != expected) {
                return false;
            }
        }
        byte[] mac = hmac(pwd, message, integrityAt, integrityAt + 4 + INTEGRITY_LENGTH - HEADER);
        byte[] actual = Arrays.copyOfRange(message, integrityAt + 4, integrityAt + 4 + INTEGRITY_LENGTH);
        return MessageDigest.isEqual(mac, actual);
    }

    private static void putAttribute(ByteBuffer out, int type, byte[] value) {
        out.putShort((short) type).putShort((short) value.length).put(value);
        for (int pad = (4 - value.length % 4) % 4; pad > 0; pad--) {
            out.put((byte) 0);
        }
    }

    /** Header, attributes, MESSAGE-INTEGRITY over all before it, FINGERPRINT over all before it. */
    private static byte[] seal(int type, byte[] transactionId, ByteBuffer attrs, String key) {
        if (transactionId.length != 12) {
            throw new IllegalArgumentException("a STUN transaction id has 12 bytes, not " + transactionId.length);
        }
        int attrLength = attrs.position();
        byte[] out = new byte[HEADER + attrLength + 4 + INTEGRITY_LENGTH + 8];
        ByteBuffer m = ByteBuffer.wrap(out);
        m.putShort((short) type).putShort((short) 0).putInt(MAGIC_COOKIE).put(transactionId);
        m.put(attrs.array(), 0, attrLength);
        int integrityAt = m.position();
        byte[] mac = hmac(key, out, integrityAt, integrityAt + 4 + INTEGRITY_LENGTH - HEADER);
        m.putShort((short) MESSAGE_INTEGRITY).putShort((short) INTEGRITY_LENGTH).put(mac);
        int fingerprintAt = m.position();
        int crc = crc(out, fingerprintAt, fingerprintAt + 8 - HEADER);
        m.putShort((short) FINGERPRINT).putShort((short) 4).putInt(crc);
        out[2] = (byte) ((out.length - HEADER) >>> 8);
        out[3] = (byte) (out.length - HEADER);
        return out;
    }

    /** HMAC-SHA1 of the bytes before {@code end}, with the header's length set to {@code lengthField}. */
    private static byte[] hmac(String key, byte[] message, int end, int lengthField) {
        byte[] copy = Arrays.copyOf(message, end);
        copy[2] = (byte) (lengthField >>> 8);
        copy[3] = (byte) lengthField;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            // RFC 8489 §9.1.1: short-term credentials, the key is the password itself (OpaqueString).
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return mac.doFinal(copy);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is missing from this JVM", e);
        }
    }

    private static int crc(byte[] message, int end, int lengthField) {
        byte[] copy = Arrays.copyOf(message, end);
        copy[2] = (byte) (lengthField >>> 8);
        copy[3] = (byte) lengthField;
        CRC32 crc = new CRC32();
        crc.update(copy);
        return (int) crc.getValue() ^ FINGERPRINT_XOR;
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
