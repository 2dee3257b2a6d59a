package org.lucarne.bridge.ice;

/**
 * Priorities of the candidates the bridge offers (RFC 8445 §5.1.2.1: type preference « 24, local
 * preference « 8, 256 − component). UDP first: a browser that can reach the UDP port checks it first
 * and keeps it; the TCP candidates are for browsers without UDP.
 */
final class CandidatePriorities {
    private CandidatePriorities() {
    }

    /** A server-reflexive UDP candidate: type preference 100, the highest local preference. */
    static long udpServerReflexive(int componentId) {
        return priority(100, 65535, componentId);
    }

    /**
     * A passive TCP candidate: RFC 6544 §4.2's local preference (direction preference « 13, plus the
     * highest other-pref; passive is 4 for host, 2 for server-reflexive), with a type preference below
     * every UDP candidate's (host 90, server-reflexive 80, where UDP's are 126 and 100), so that the
     * TCP pairs come after every UDP pair in a browser's check list.
     */
    static long tcpPassive(boolean host, int componentId) {
        int directionPreference = host ? 4 : 2;
        return priority(host ? 90 : 80, (directionPreference << 13) + 8191, componentId);
    }

    private static long priority(int typePreference, int localPreference, int componentId) {
        return ((long) typePreference << 24) + ((long) localPreference << 8) + (256 - componentId);
    }
}
