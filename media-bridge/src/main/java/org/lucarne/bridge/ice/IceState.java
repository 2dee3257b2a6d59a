package org.lucarne.bridge.ice;

/** What an {@link IceSession} reports to its listener. */
public enum IceState {
    /** Created; waiting for the remote credentials or still checking. */
    CHECKING,
    /** A pair is selected; {@link IceSession#transport()} can carry datagrams. */
    CONNECTED,
    /** No pair succeeded (or the checks ran out); the session is useless until a restart. */
    FAILED,
    /** {@link IceSession#close()} was called. */
    CLOSED
}
