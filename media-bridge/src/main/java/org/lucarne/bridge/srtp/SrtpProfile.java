package org.lucarne.bridge.srtp;

import java.util.Optional;

/**
 * The SRTP protection profiles the bridge negotiates over DTLS (use_srtp).
 *
 * <p>Key and salt lengths are the master key and master salt lengths of each profile; they fix
 * how much keying material is exported from DTLS (RFC 5764 §4.2).
 */
public enum SrtpProfile {
    /** SRTP_AEAD_AES_128_GCM (RFC 7714 §14.2): 128-bit key, 96-bit salt, 128-bit tag. */
    AEAD_AES_128_GCM(0x0007, "SRTP_AEAD_AES_128_GCM", 16, 12, 16),
    /** SRTP_AES128_CM_HMAC_SHA1_80 (RFC 5764 §4.1.2): 128-bit key, 112-bit salt, 80-bit tag. */
    AES128_CM_HMAC_SHA1_80(0x0001, "SRTP_AES128_CM_HMAC_SHA1_80", 16, 14, 10);

    private final int id;
    private final String ianaName;
    private final int keyLength;
    private final int saltLength;
    private final int tagLength;

    SrtpProfile(int id, String ianaName, int keyLength, int saltLength, int tagLength) {
        this.id = id;
        this.ianaName = ianaName;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.tagLength = tagLength;
    }

    /** The two-byte SRTPProtectionProfile value carried in use_srtp. */
    public int id() {
        return id;
    }

    /** The name in the IANA "DTLS-SRTP Protection Profiles" registry. */
    public String ianaName() {
        return ianaName;
    }

    /** Master key length in bytes. */
    public int keyLength() {
        return keyLength;
    }

    /** Master salt length in bytes. */
    public int saltLength() {
        return saltLength;
    }

    /** Authentication tag length in bytes appended to each SRTP packet. */
    public int tagLength() {
        return tagLength;
    }

    /** Bytes to export from DTLS: 2 * (key + salt), RFC 5764 §4.2. */
    public int exportLength() {
        return 2 * (keyLength + saltLength);
    }

    public static Optional<SrtpProfile> fromId(int id) {
        for (SrtpProfile p : values()) {
            if (p.id == id) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
