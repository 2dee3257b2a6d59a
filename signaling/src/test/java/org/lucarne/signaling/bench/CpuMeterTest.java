package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CpuMeterTest {
    @Test
    void machineBusyCountsEverythingButIdleIowaitAndSteal() {
        String stat = "cpu  100 5 50 1000 20 3 2 1 0 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n";
        assertEquals(100 + 5 + 50 + 3 + 2, CpuMeter.machineBusy(stat));
        assertEquals(1, CpuMeter.steal(stat));
    }

    @Test
    void processTicksAreUserPlusSystemEvenWithSpacesInTheName() {
        String stat = "4242 (java main (x)) S 1 4242 4242 0 -1 4194560 100 0 0 0 700 300 0 0 20 0 40 0 12345";
        assertEquals(1000, CpuMeter.processTicks(stat));
    }

    @Test
    void othersAreWhatTheMachineDidBesideServerAndClient() {
        var a = new CpuMeter.Snapshot(0, 1000, 0, 100, 200);
        var b = new CpuMeter.Snapshot(2_000_000_000L, 1400, 20, 200, 450);
        CpuMeter.Usage u = CpuMeter.between(a, b);
        assertEquals(0.5, u.server(), 1e-9);
        assertEquals(1.25, u.client(), 1e-9);
        assertEquals(0.25, u.others(), 1e-9);
        assertEquals(0.1, u.steal(), 1e-9);
        assertEquals(2.0, u.seconds(), 1e-9);
    }
}
