package org.lucarne.bridge.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The rate the bridge sends a receiver, over the last second of the injected clock. */
class RateMeterTest {
    private final RateMeter meter = new RateMeter();

    @Test
    void countsTheLastSecond() {
        meter.add(1000, 10_000);
        meter.add(1500, 10_950);
        assertEquals(20_000, meter.bitrate(10_950), "2,500 bytes in a second");
        assertEquals(12_000, meter.bitrate(11_050), "the first 100 ms have left the window");
        assertEquals(0, meter.bitrate(12_000), "nothing in the last second");
    }

    @Test
    void reusedBucketStartsFromZero() {
        meter.add(1000, 10_000);
        meter.add(200, 11_000);
        assertEquals(1_600, meter.bitrate(11_000));
    }
}
