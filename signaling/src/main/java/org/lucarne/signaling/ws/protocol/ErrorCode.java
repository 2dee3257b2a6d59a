package org.lucarne.signaling.ws.protocol;

import java.util.Locale;
import java.util.Optional;

/**
 * The stable error codes of docs/protocol.md; clients translate them (message key
 * {@code error.<code>} in web-client/app/i18n), never show the message.
 */
public enum ErrorCode {
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    DUPLICATE_KEY,
    UNSUPPORTED_VERSION,
    UNKNOWN_TYPE,
    MISSING_FIELD,
    UNKNOWN_FIELD,
    INVALID_FIELD,
    HELLO_REQUIRED,
    ALREADY_GREETED,
    RATE_LIMITED,
    INTERNAL,
    // Calls (docs/protocol.md, "Calls": errors)
    /** A well-formed message this server version does not handle yet; nothing was done. */
    NOT_AVAILABLE_YET,
    /** The sender's app may not send this type (e.g. a family browser sending admit). */
    NOT_ALLOWED,
    /** A call message for a visit this connection has not joined. */
    NOT_IN_VISIT,
    /** The invite id is unknown, expired, or not an invite id at all. */
    INVITE_INVALID,
    /** Staff revoked the invite. */
    INVITE_REVOKED,
    /** The visit id is unknown or not this tablet's, ward's or invite's. */
    WRONG_VISIT,
    /** The visit's slot has not opened yet. */
    VISIT_NOT_STARTED,
    /** The visit is over. */
    VISIT_ENDED,
    /** answer or decline while the tablet is not ringing. */
    NOT_RINGING,
    /** admit named nobody in the lobby. */
    PARTICIPANT_UNKNOWN,
    /** The SDP answer could not be used: malformed, or not an answer to the offer. */
    SDP_INVALID,
    /** An SDP answer to an offer that a newer one replaced; answer the newest. */
    STALE_REVISION,
    /** hello as the staff app, or a staff join, without an open staff session: sign in first. */
    NOT_SIGNED_IN,
    // End-to-end encryption: devices and circles (docs/protocol.md, "Devices and circles": errors)
    /** This socket has proven no device bound to the link (or a member of a circle): bind or prove it first. */
    E2EE_NOT_BOUND,
    /** A proof without a live challenge, or whose signature or identity record does not check. */
    E2EE_BAD_PROOF,
    /** Someone else's device holds this link: this one waits for the patient or staff to let it in. */
    E2EE_LINK_TAKEN,
    /** A kiosk's identity while no patient is in its tablet's bed: there is no circle to be in. */
    E2EE_NO_CIRCLE,
    // The end-to-end encryption relay (docs/protocol.md, "Messages": errors)
    /** The device named (a recipient, a bundle's owner, a blob's circle) is not in this device's circle. */
    E2EE_NOT_IN_CIRCLE,
    /** An envelope shorter than the least its type holds. */
    ENVELOPE_TRUNCATED,
    /** An envelope of an unknown version, suite or type. */
    ENVELOPE_UNSUPPORTED,
    /** An envelope whose sender is not this socket's device, or whose ciphertext is not a padding bucket and a tag. */
    ENVELOPE_MALFORMED,
    /** The recipient device has 10,000 envelopes or 64 MiB waiting: nothing was queued. */
    E2EE_QUEUE_FULL,
    /** A signed prekey whose signature fails, or made more than a day in the future. */
    E2EE_PREKEY_INVALID,
    /** One-time prekeys beyond the 200 a device may hold, or an id it already holds. */
    E2EE_PREKEYS_FULL,
    /** The device asked for has published no signed prekey yet. */
    E2EE_NO_PREKEY,
    /** No such photo chunk: never stored, expired, or its uploader left the circle. */
    E2EE_BLOB_UNKNOWN,
    /** A photo chunk that does not fit its blob: another uploader, another count, an index out of range, other bytes. */
    E2EE_BLOB_INVALID;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The key of the person-readable text in web-client/app/i18n/{en,fr}.json. */
    public String messageKey() {
        return "error." + wireName();
    }

    public static Optional<ErrorCode> fromWire(String s) {
        for (ErrorCode c : values()) {
            if (c.wireName().equals(s)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
