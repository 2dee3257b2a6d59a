package org.lucarne.e2ee.primitives;

import java.nio.charset.StandardCharsets;

/** The protocol's ASCII labels (docs/e2ee.md "Encodings and labels"). */
public final class Labels {
    public static final String IDENTITY_DH_KEY = "Lucarne identity dh key v1";
    public static final String DEVICE_ID = "Lucarne device id v1";
    public static final String SIGNED_PREKEY = "Lucarne signed prekey v1";
    public static final String LINK_BINDING = "Lucarne link binding v1";
    public static final String INVITE_PSK = "Lucarne invite psk v1";
    public static final String INVITE_PSK_ID = "Lucarne invite psk id v1";
    public static final String X3DH = "Lucarne X3DH v1";
    public static final String RATCHET = "Lucarne ratchet v1";
    public static final String MESSAGE_KEY = "Lucarne message key v1";
    public static final String PHOTO_CHUNK = "Lucarne photo chunk v1";
    public static final String SAFETY_CODE = "Lucarne safety code v1";
    public static final String SHORT_SAFETY_CODE = "Lucarne short safety code v1";

    private Labels() {
    }

    /** The label's ASCII bytes. */
    public static byte[] ascii(String label) {
        return label.getBytes(StandardCharsets.US_ASCII);
    }

    /** The label's ASCII bytes and one 0x00, as it prefixes signed or authenticated data. */
    public static byte[] prefix(String label) {
        byte[] a = ascii(label);
        byte[] out = new byte[a.length + 1];
        System.arraycopy(a, 0, out, 0, a.length);
        return out;
    }
}
