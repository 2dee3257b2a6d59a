package org.lucarne.bridge.dtls;

import java.util.Locale;

/** Which end of the DTLS handshake the bridge plays. */
public enum DtlsRole {
    /** We wait for the ClientHello. */
    SERVER,
    /** We send the ClientHello. */
    CLIENT;

    /** What the bridge always offers in a=setup (RFC 5763 §5): the answerer picks. */
    public static final String LOCAL_OFFER_SETUP = "actpass";

    /**
     * Our role from the remote description's a=setup (RFC 4145 §4, RFC 5763 §5).
     * {@code active} means the peer connects, so we are the server; {@code passive} means we connect.
     * {@code actpass} only comes in a remote offer; as answerer we then take {@code active}
     * (RFC 5763 §5: the answerer SHOULD choose active), so we are the client.
     *
     * @throws IllegalArgumentException for holdconn, missing or unknown values
     */
    public static DtlsRole fromRemoteSetup(String remoteSetup) {
        if (remoteSetup == null || remoteSetup.isBlank()) {
            throw new IllegalArgumentException("remote a=setup is missing; expected active, passive or actpass");
        }
        switch (remoteSetup.trim().toLowerCase(Locale.ROOT)) {
            case "active":
                return SERVER;
            case "passive":
            case "actpass":
                return CLIENT;
            default:
                throw new IllegalArgumentException("remote a=setup '" + remoteSetup
                        + "' is not usable for DTLS-SRTP; expected active, passive or actpass");
        }
    }
}
