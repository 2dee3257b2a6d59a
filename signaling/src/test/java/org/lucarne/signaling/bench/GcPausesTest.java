package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GcPausesTest {
    @Test
    void pausesAreCountedSummedAndTheLongestKept() {
        String log = """
                [230.208s][info][gc] GC(49) Pause Young (Normal) (G1 Evacuation Pause) 263M->221M(1024M) 398.630ms
                [231.000s][info][gc] GC(50) Concurrent Mark Cycle 12.000ms
                [234.090s][info][gc] GC(51) Pause Young (Normal) (G1 Evacuation Pause) 267M->225M(1024M) 14.647ms
                [250.960s][info][gc] GC(52) Pause Full (Diagnostic Command) 265M->226M(1024M) 100.011ms
                """;
        GcPauses p = GcPauses.parseLog(log);
        assertEquals(3, p.count());
        assertEquals(398.630 + 14.647 + 100.011, p.totalMillis(), 1e-6);
        assertEquals(398.630, p.maxMillis(), 1e-9);
    }

    @Test
    void anEmptyLogHasNoPause() {
        assertEquals(GcPauses.NONE, GcPauses.parseLog(""));
    }
}
