package org.lucarne.bridge.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunOneTenAndFiftyCallsThroughEveryTarget() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        assertEquals(List.of(1, 10, 50), o.calls());
        assertEquals(List.of("p2p", "lucarne", "janus"), o.targets());
        assertEquals(Duration.ofSeconds(20), o.measure());
        assertEquals(Traffic.ONE_LAYER, o.traffic());
    }

    @Test
    void simulcastIsAFlagThatTakesNoValue() {
        BenchOptions o = BenchOptions.parse(new String[] {"--simulcast", "--calls", "1,10", "--seconds", "5"});
        assertEquals(Traffic.SIMULCAST, o.traffic());
        assertEquals(List.of(1, 10), o.calls());
        assertEquals(Duration.ofSeconds(5), o.measure());
        assertEquals(Traffic.SIMULCAST, BenchOptions.parse(new String[] {"--calls", "1", "--simulcast"}).traffic());
    }

    @Test
    void optionsOverrideTheDefaults() {
        BenchOptions o = BenchOptions.parse(new String[] {"--calls", "2, 4", "--seconds", "5", "--warmup-seconds", "0",
            "--targets", "janus,p2p", "--janus", "/opt/janus/bin/janus", "--bridge-jvm", " -Xmx512m "});
        assertEquals(List.of(2, 4), o.calls());
        assertEquals(Duration.ofSeconds(5), o.measure());
        assertEquals(Duration.ZERO, o.warmup());
        assertEquals(List.of("janus", "p2p"), o.targets());
        assertEquals("/opt/janus/bin/janus", o.janus().toString());
        assertEquals("-Xmx512m", o.bridgeJvmOptions());
    }

    @Test
    void badValuesAreRefusedNamingTheOption() {
        assertEquals("--calls takes whole numbers from 1 to 200, not '0'",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--calls", "1,0"}))
                        .getMessage());
        assertEquals("--targets takes a list of p2p, lucarne and janus, not 'jvb'",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--targets", "jvb"}))
                        .getMessage());
        assertEquals("--seconds needs a value",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--seconds"}))
                        .getMessage());
        assertEquals("unknown option --fast",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[] {"--fast", "1"}))
                        .getMessage());
    }
}
