package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MemoryProbeTest {
    @Test
    void g1HeapUsedIsReadFromItsOneHeapLine() {
        String info = """
                25128:
                 garbage-first heap   total 1048576K, used 2884K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 0 young (0K), 0 survivors (0K)
                 Metaspace       used 8944K, committed 9088K, reserved 1114112K
                  class space    used 1062K, committed 1152K, reserved 1048576K
                """;
        assertEquals(2884L * 1024, MemoryProbe.parseHeapUsed(info));
    }

    @Test
    void serialHeapUsedIsTheSumOfItsGenerationsWithoutMetaspace() {
        String info = """
                25211:
                 def new generation   total 116160K, used 18593K [0x0000000687600000, 0x000000068f400000)
                  eden space 103296K,  18% used [0x0000000687600000, 0x00000006888286e0, 0x000000068dae0000)
                  from space 12864K,   0% used [0x000000068dae0000, 0x000000068dae0000, 0x000000068e770000)
                 tenured generation   total 258048K, used 100K [0x0000000704ea0000, 0x0000000714aa0000)
                   the space 258048K,   0% used [0x0000000704ea0000, 0x0000000704ea0000, 0x0000000714aa0000)
                 Metaspace       used 8910K, committed 9088K, reserved 1114112K
                """;
        assertEquals((18593L + 100) * 1024, MemoryProbe.parseHeapUsed(info));
    }

    @Test
    void zgcMegabytesAreRead() {
        assertEquals(8L << 20, MemoryProbe.parseHeapUsed(" ZHeap           used 8M, capacity 1024M, max capacity 1024M\n"
                + " Metaspace       used 8910K, committed 9088K\n"));
    }

    @Test
    void anOutputWithoutAHeapFigureIsAnError() {
        assertThrows(IllegalStateException.class, () -> MemoryProbe.parseHeapUsed("123:\nNo such process\n"));
    }

    @Test
    void rssComesFromTheVmRssLine() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t  100000 kB\n";
        assertEquals(123456L * 1024, MemoryProbe.parseRss(status));
    }

    @Test
    void histogramBytesAreKeyedByClassName() {
        String histogram = """
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         13034         793992  [B (java.base@17.0.15)
                   2:          3002         360856  java.lang.Class (java.base@17.0.15)
                Total         16036        1154848
                """;
        var bytes = MemoryProbe.parseHistogram(histogram);
        assertEquals(793992L, bytes.get("[B"));
        assertEquals(360856L, bytes.get("java.lang.Class"));
        assertEquals(2, bytes.size());
    }
}
