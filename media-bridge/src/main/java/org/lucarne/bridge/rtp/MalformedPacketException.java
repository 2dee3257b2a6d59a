package org.lucarne.bridge.rtp;

/**
 * An RTP or RTCP packet that cannot be read. The {@link Reason} is meant to be counted in the
 * bridge's statistics; the exception carries no stack trace, since hostile input can make it
 * common and the cause is always in the bytes, never in the code path.
 */
public final class MalformedPacketException extends Exception {

    /** Why a packet was rejected. */
    public enum Reason {
        /** Fewer bytes than the fixed header needs. */
        TOO_SHORT,
        /** Version field is not 2 (RFC 3550 §5.1, §6.4.1). */
        BAD_VERSION,
        /** The CSRC list runs past the end of the packet (RFC 3550 §5.1). */
        BAD_CSRC_COUNT,
        /** The header extension's length runs past the end of the packet (RFC 3550 §5.3.1). */
        BAD_EXTENSION_LENGTH,
        /** An RFC 8285 extension element runs past the end of the extension block. */
        BAD_EXTENSION_ELEMENT,
        /** Padding count is zero or larger than the payload (RFC 3550 §5.1, §6.4.1). */
        BAD_PADDING,
        /** An RTCP length field runs past the end of the compound packet (RFC 3550 §6.4.1). */
        BAD_RTCP_LENGTH,
        /** Report or source count does not fit the RTCP packet length. */
        BAD_REPORT_COUNT,
        /** SDES chunk or item that does not fit its packet (RFC 3550 §6.5). */
        BAD_SDES,
        /** BYE reason that does not fit its packet (RFC 3550 §6.6). */
        BAD_BYE,
        /** Feedback control information of the wrong size for its format (RFC 4585 §6.1). */
        BAD_FCI,
        /** REMB without its identifier or with an SSRC list that does not fit. */
        BAD_REMB,
        /** Transport-cc feedback whose chunks or deltas do not fit (transport-wide-cc-extensions-01 §3.1). */
        BAD_TRANSPORT_CC
    }

    private final Reason reason;

    public MalformedPacketException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
