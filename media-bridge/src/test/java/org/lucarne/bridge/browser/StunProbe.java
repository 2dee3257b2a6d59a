package org.lucarne.bridge.browser;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Asks the bridge's UDP port whether an ICE session still exists: an ICE connectivity check
 * (a STUN Binding request with the session's short-term credentials, RFC 8445 §7.2.2) from a fresh
 * socket. A live session answers (success or error); a freed one stays silent.
 */
final class StunProbe {
    private static final int MAGIC_COOKIE = 0x2112A442; // RFC 8489 §5
    private static final int BINDING_REQUEST = 0x0001;
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int BINDING_ERROR = 0x0111;
    private static final int USERNAME = 0x0006;
    private static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int PRIORITY = 0x0024;
    private static final int ICE_CONTROLLED = 0x8029;
    private static final int FINGERPRINT = 0x8028;
    private static final int FINGERPRINT_XOR = 0x5354554E; // RFC 8489 §14.7

    private StunProbe() {
    }

    /**
     * @param bridgeUfrag the bridge's ufrag for the endpoint (the left half of USERNAME)
     * @param bridgePwd   the bridge's pwd, the MESSAGE-INTEGRITY key (RFC 8445 §7.2.2)
     * @return whether a STUN response with our transaction id came back within {@code wait}
     */
    static boolean answers(InetSocketAddress bridge, String bridgeUfrag, String bridgePwd, Duration wait)
            throws IOException {
        byte[] transaction = new byte[12];
        new SecureRandom().nextBytes(transaction);
        byte[] request = bindingRequest(transaction, bridgeUfrag + ":probe", bridgePwd);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bridge.getAddress(), 0))) {
            socket.send(new DatagramPacket(request, request.length, bridge));
            long deadline = System.nanoTime() + wait.toNanos();
            byte[] buffer = new byte[1500];
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                socket.setSoTimeout((int) left);
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(in);
                } catch (SocketTimeoutException e) {
                    return false;
                }
                if (isResponseTo(transaction, in)) {
                    return true;
                }
            }
        }
    }

    private static boolean isResponseTo(byte[] transaction, DatagramPacket in) {
        if (in.getLength() < 20) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(in.getData(), in.getOffset(), in.getLength());
        int type = b.getShort() & 0xFFFF;
        b.getShort();
        byte[] id = new byte[12];
        boolean cookie = b.getInt() == MAGIC_COOKIE;
        b.get(id);
        return cookie && Arrays.equals(id, transaction) && (type == BINDING_SUCCESS || type == BINDING_ERROR);
    }

    static byte[] bindingRequest(byte[] transaction, String username, String password) {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        int userPadded = (user.length + 3) & ~3;
        int attributes = 4 + userPadded + 8 + 12 + 24 + 8;
        ByteBuffer b = ByteBuffer.allocate(20 + attributes);
        b.putShort((short) BINDING_REQUEST).putShort((short) 0).putInt(MAGIC_COOKIE).put(transaction);
        b.putShort((short) USERNAME).putShort((short) user.length).put(user).put(new byte[userPadded - user.length]);
        b.putShort((short) PRIORITY).putShort((short) 4).putInt(0x6E7F00FF); // a prflx priority, RFC 8445 §5.1.2.1
        b.putShort((short) ICE_CONTROLLED).putShort((short) 8).putLong(new SecureRandom().nextLong());
        // RFC 8489 §14.5: the HMAC covers the message up to MESSAGE-INTEGRITY, its length field counting it
        int integrityAt = b.position();
        b.putShort(2, (short) (integrityAt - 20 + 24));
        byte[] hmac = hmacSha1(password.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(b.array(), integrityAt));
        b.putShort((short) MESSAGE_INTEGRITY).putShort((short) 20).put(hmac);
        // RFC 8489 §14.7: CRC-32 up to FINGERPRINT, the length field counting it
        int fingerprintAt = b.position();
        b.putShort(2, (short) (fingerprintAt - 20 + 8));
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, fingerprintAt);
        b.putShort((short) FINGERPRINT).putShort((short) 4).putInt((int) crc.getValue() ^ FINGERPRINT_XOR);
        return b.array();
    }

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is part of every JDK", e);
        }
    }
}
