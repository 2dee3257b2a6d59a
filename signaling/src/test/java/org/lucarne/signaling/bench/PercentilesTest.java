package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.lucarne.testing.Percentiles;

class PercentilesTest {
    @Test
    void nearestRankOfOneToHundredIsTheValueItself() {
        Percentiles p = Percentiles.of(LongStream.rangeClosed(1, 100).toArray());
        assertEquals(50, p.at(50));
        assertEquals(99, p.at(99));
        assertEquals(100, p.at(99.9));
        assertEquals(1, p.at(0.5));
        assertEquals(100, p.max());
        assertEquals(100, p.count());
    }

    @Test
    void samplesNeedNotBeSortedAndAreNotChanged() {
        long[] samples = {30, 10, 20};
        Percentiles p = Percentiles.of(samples);
        assertEquals(20, p.at(50));
        assertEquals(30, p.at(99));
        assertEquals(10, p.at(1));
        assertEquals(30, samples[0], "the caller's array keeps its order");
    }

    @Test
    void p99OfAThousandSamplesIsTheNineHundredNinetiethSmallest() {
        Percentiles p = Percentiles.of(LongStream.range(0, 1000).map(i -> 999 - i).toArray());
        assertEquals(989, p.at(99));
        assertEquals(998, p.at(99.9));
        assertEquals(499, p.at(50));
    }

    @Test
    void aSingleSampleIsEveryPercentile() {
        Percentiles p = Percentiles.of(new long[] {7});
        assertEquals(7, p.at(0.1));
        assertEquals(7, p.at(100));
    }

    @Test
    void noSamplesOrAPercentileOutOfRangeIsRefused() {
        assertThrows(IllegalStateException.class, () -> Percentiles.of(new long[0]).at(50));
        Percentiles p = Percentiles.of(new long[] {1, 2});
        assertThrows(IllegalArgumentException.class, () -> p.at(0));
        assertThrows(IllegalArgumentException.class, () -> p.at(100.1));
        assertThrows(IllegalArgumentException.class, () -> p.at(Double.NaN));
    }
}
