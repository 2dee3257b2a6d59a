package org.lucarne.bridge.srtp;

/** Why a packet was or was not protected or unprotected. Never an exception: packets are untrusted. */
public enum SrtpStatus {
    OK("ok"),
    AUTH_FAILED("authentication tag does not match (tampered, or wrong keys)"),
    REPLAYED("sequence number already seen (replay, RFC 3711 §3.3.2)"),
    TOO_OLD("sequence number older than the replay window (RFC 3711 §3.3.2)"),
    INVALID_PACKET("not a well-formed RTP/RTCP packet"),
    TOO_MANY_SSRCS("too many SSRCs on this session; packet dropped"),
    FAILED("SRTP transform failed");

    private final String description;

    SrtpStatus(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
