package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void cpuTicksAreUserPlusSystemEvenWithSpacesAndParenthesesInTheName() {
        String stat = "4242 (janus (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 0 0 20 0 30 0 99";
        assertEquals(1234 + 567, ProcessProbe.cpuTicks(stat));
    }

    @Test
    void rssIsReadFromVmRss() {
        assertEquals(51_200, ProcessProbe.rssKib("Name:\tjava\nVmPeak:\t 99 kB\nVmRSS:\t   51200 kB\nThreads: 3\n"));
        assertEquals(-1, ProcessProbe.rssKib("Name:\tzombie\n"));
    }

    @Test
    void machineBusyCountsUserNiceSystemIrqAndSoftirqButNotIdleOrIowait() {
        String stat = "cpu  100 2 30 9000 50 4 6 7 0 0\ncpu0 1 2 3 4 5 6 7 8\n";
        assertEquals(100 + 2 + 30 + 4 + 6, ProcessProbe.machineBusy(stat));
        assertEquals(7, ProcessProbe.steal(stat));
    }

    @Test
    void udpReceiveBufferErrorsAreReadByColumnName() {
        String snmp = "Udp: InDatagrams NoPorts InErrors OutDatagrams RcvbufErrors SndbufErrors\n"
                + "Udp: 3719418 467 16186 3736135 16185 0\nUdpLite: InDatagrams\nUdpLite: 0\n";
        assertEquals(16_185, ProcessProbe.udpReceiveBufferErrors(snmp));
    }

    @Test
    void thisJvmIsSeenSpendingCpu() {
        ProcessProbe.Reading r = ProcessProbe.read(ProcessHandle.current().pid());
        assertTrue(r.processTicks() > 0 && r.selfTicks() > 0, r.toString());
        assertTrue(ProcessProbe.rssKib(ProcessHandle.current().pid()) > 1024);
    }
}
