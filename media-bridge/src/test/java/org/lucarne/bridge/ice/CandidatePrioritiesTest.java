package org.lucarne.bridge.ice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CandidatePrioritiesTest {
    /** RFC 8445 §5.1.2.1 with type preference 126 and local preference 65535: ice4j's UDP host candidate. */
    private static final long UDP_HOST = (126L << 24) + (65535L << 8) + 255;

    @Test
    void everyTcpCandidateRanksBelowEveryUdpOne() {
        long tcpHost = CandidatePriorities.tcpPassive(true, 1);
        long tcpReflexive = CandidatePriorities.tcpPassive(false, 1);
        long udpReflexive = CandidatePriorities.udpServerReflexive(1);
        assertTrue(tcpReflexive < tcpHost && tcpHost < udpReflexive && udpReflexive < UDP_HOST,
                tcpReflexive + " < " + tcpHost + " < " + udpReflexive + " < " + UDP_HOST);
    }

    @Test
    void aPassiveHostCandidateFollowsRfc6544() {
        // type preference 90, local preference (4 << 13) + 8191 (RFC 6544 §4.2), component 1
        assertEquals((90L << 24) + (((4L << 13) + 8191) << 8) + 255, CandidatePriorities.tcpPassive(true, 1));
        assertEquals((100L << 24) + (65535L << 8) + 255, CandidatePriorities.udpServerReflexive(1));
    }
}
