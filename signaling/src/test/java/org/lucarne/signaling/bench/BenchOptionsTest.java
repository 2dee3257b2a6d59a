package org.lucarne.signaling.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {
    @Test
    void noArgumentsGiveTheDefaults() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        assertEquals(BenchOptions.defaults(), o);
        assertEquals(10_000, o.connections());
        assertEquals(List.of("lucarne", "jetty"), o.servers());
    }

    @Test
    void optionsAreRead() {
        BenchOptions o = BenchOptions.parse(new String[] {"--connections", "500", "--rounds", "3", "--spread-ms", "250",
                "--servers", "jetty", "--server-jvm", " -Xmx1g ", "--histogram"});
        assertEquals(500, o.connections());
        assertEquals(3, o.rounds());
        assertEquals(Duration.ofMillis(250), o.spread());
        assertEquals(List.of("jetty"), o.servers());
        assertEquals("-Xmx1g", o.serverJvmOptions());
        assertTrue(o.histogram());
    }

    @Test
    void aWrongValueIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> BenchOptions.parse(new String[] {"--connections", "lots"}));
        assertTrue(e.getMessage().contains("--connections"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--rounds", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--servers", "nginx"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--rounds"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fast", "1"}));
    }
}
