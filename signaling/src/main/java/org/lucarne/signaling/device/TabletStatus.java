package org.lucarne.signaling.device;

/** What the database says about a tablet id. */
public enum TabletStatus {
    /** Enrolled and not revoked: it may connect. */
    ENROLLED,
    /** Enrolled once, revoked since. */
    REVOKED,
    /** No tablet with this id. */
    UNKNOWN
}
