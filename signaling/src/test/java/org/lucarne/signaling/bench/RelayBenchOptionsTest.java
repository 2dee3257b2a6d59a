package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelayBenchOptionsTest {
    @Test
    void noArgumentsRunTheIssuesBenchmarkWithTheBrowser() {
        assertEquals(new RelayBenchOptions(1000, 10, 100, 30, 1000, 100, true, true), RelayBenchOptions.parse(new String[0]));
    }

    @Test
    void browserOnlySkipsTheRelayAndNoBrowserTheBrowser() {
        RelayBenchOptions b = RelayBenchOptions.parse(new String[] {"--browser-only", "--photo-iterations", "5"});
        assertFalse(b.relay());
        assertTrue(b.browser());
        assertEquals(5, b.photoIterations());
        RelayBenchOptions r = RelayBenchOptions.parse(new String[] {"--no-browser", "--devices", "100", "--circle", "5"});
        assertTrue(r.relay());
        assertFalse(r.browser());
        assertEquals(100, r.devices());
    }

    @Test
    void aWrongOptionIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> RelayBenchOptions.parse(new String[] {"--rate", "fast"}));
        assertTrue(e.getMessage().contains("--rate"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RelayBenchOptions.parse(new String[] {"--devices", "100", "--circle", "7"}));
        assertTrue(e.getMessage().contains("--circle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RelayBenchOptions.parse(new String[] {"--seconds"}));
        assertThrows(IllegalArgumentException.class, () -> RelayBenchOptions.parse(new String[] {"--seconds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> RelayBenchOptions.parse(new String[] {"--fast"}));
        assertThrows(IllegalArgumentException.class,
                () -> RelayBenchOptions.parse(new String[] {"--browser-only", "--no-browser"}));
    }
}
