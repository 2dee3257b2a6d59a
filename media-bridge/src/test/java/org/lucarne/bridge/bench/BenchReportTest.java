package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {
    /** Five seconds of one simulcast call through an SFU: 2,900 packets read, 2,000 forwarded, 0.1 CPU-second. */
    private static final StepResult SIMULCAST_STEP = new StepResult("Lucarne", 1, 5.0, 2000, 2000, 0.1, 0.2, 0.0, 0.0,
            null, 300 * 1024, 3, 0, Map.of(), 2900, 0);

    @Test
    void simulcastTableShowsWhatTheSfuReadBesideWhatItForwardedAndBothPerCpuSecond() {
        String table = BenchReport.simulcastTable(List.of(SIMULCAST_STEP));

        assertTrue(table.startsWith("| target | calls | sent pkt/s (the SFU reads) | forwarded pkt/s | lower layers received "
                + "| SFU CPU (cores) | pkt per SFU CPU-second | read per SFU CPU-second |"), table);
        assertTrue(table.contains("| Lucarne | 1 | 580 | 400 | 0 | 0.02 | 20,000 | 29,000 | – |"), table);
        assertTrue(table.contains("| 100.00 % | 300 MiB |"), table);
    }

    @Test
    void oneLayerTableKeepsItsColumns() {
        String table = BenchReport.table(List.of(SIMULCAST_STEP));

        assertTrue(table.startsWith("| target | calls | forwarded pkt/s | SFU CPU (cores) | pkt per SFU CPU-second "
                + "| one-way p50 | p99 | p99.9 | max | delivered | SFU RSS | bench CPU (cores) | others (cores) "
                + "| late frames | kernel UDP drops |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n"),
                table);
        assertTrue(table.contains("| Lucarne | 1 | 400 | 0.02 | 20,000 | – |"), table);
    }
}
