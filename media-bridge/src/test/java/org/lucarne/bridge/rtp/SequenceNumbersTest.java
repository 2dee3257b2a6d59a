package org.lucarne.bridge.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SequenceNumbersTest {

    @Test
    void laterNumberIsNewer() {
        assertTrue(SequenceNumbers.isNewer(101, 100));
        assertFalse(SequenceNumbers.isNewer(100, 101));
        assertFalse(SequenceNumbers.isNewer(100, 100));
        assertEquals(1, SequenceNumbers.delta(101, 100));
        assertEquals(-1, SequenceNumbers.delta(100, 101));
    }

    @Test
    void zeroIsNewerThan65535AcrossWrap() {
        assertTrue(SequenceNumbers.isNewer(0, 65535));
        assertFalse(SequenceNumbers.isNewer(65535, 0));
        assertEquals(1, SequenceNumbers.delta(0, 65535));
        assertEquals(-1, SequenceNumbers.delta(65535, 0));
        assertEquals(10, SequenceNumbers.delta(5, 65531));
    }

    @Test
    void halfWayApartLargerWinsSoOrderIsAntisymmetric() {
        assertTrue(SequenceNumbers.isNewer(0x8000, 0));
        assertFalse(SequenceNumbers.isNewer(0, 0x8000));
        assertEquals(0x8000, SequenceNumbers.delta(0x8000, 0));
        assertEquals(-0x8000, SequenceNumbers.delta(0, 0x8000));
    }

    @Test
    void deltaSignAgreesWithIsNewerEverywhere() {
        for (int a = 0; a < 65536; a += 257) {
            for (int b = 0; b < 65536; b += 263) {
                assertEquals(SequenceNumbers.isNewer(a, b), SequenceNumbers.delta(a, b) > 0);
                assertEquals(a, SequenceNumbers.add(b, SequenceNumbers.delta(a, b)));
            }
        }
    }

    @Test
    void addWraps() {
        assertEquals(2, SequenceNumbers.add(65534, 4));
        assertEquals(65535, SequenceNumbers.add(0, -1));
    }
}
