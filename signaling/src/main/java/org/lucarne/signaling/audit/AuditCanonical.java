package org.lucarne.signaling.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical encoding of an audit entry, and its hash (docs/security.md, "Audit trail"):
 * <pre>
 *   hash = hex(SHA-256("lucarne-audit-v1\n" ‖ field ‖ field ‖ …))
 * </pre>
 * over seq, at, actor, action, target, ward, patient, address, outcome, detail, prev_hash in this
 * order, each field written as its UTF-8 byte length in decimal, {@code :}, the bytes, {@code ,}
 * (numbers in decimal), and an absent field as {@code -,}. The first entry's prev_hash is 64 zeros.
 */
public final class AuditCanonical {
    public static final String GENESIS = "0".repeat(64);
    private static final byte[] DOMAIN = "lucarne-audit-v1\n".getBytes(StandardCharsets.UTF_8);

    private AuditCanonical() {
    }

    /** The hash of an entry's fields (its own {@code hash} field is not read). */
    public static String hash(AuditEntry e) {
        return HexFormat.of().formatHex(sha256(encode(e)));
    }

    static byte[] encode(AuditEntry e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(DOMAIN);
        for (String field : new String[] {Long.toString(e.seq()), Long.toString(e.at()), e.actor(), e.action(),
                e.target(), e.wardId(), e.patientId(), e.address(), e.outcome(), e.detail(), e.prevHash()}) {
            if (field == null) {
                out.writeBytes("-,".getBytes(StandardCharsets.US_ASCII));
            } else {
                byte[] b = field.getBytes(StandardCharsets.UTF_8);
                out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.writeBytes(b);
                out.write(',');
            }
        }
        return out.toByteArray();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
        }
    }
}
