package org.lucarne.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class E2eeSettingsTest {

    @Test
    void thirtyDaysOf40KiBEnvelopesAtSixtyAMinuteByDefault() {
        E2eeSettings e = SignalingConfig.defaults().e2ee();
        assertEquals(E2eeSettings.defaults(), e);
        assertEquals(new E2eeSettings(Duration.ofDays(30), 40 * 1024, 60, 120, 20, 10), e);
    }

    @Test
    void theEnvironmentSetsEachLimit() {
        E2eeSettings e = SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_E2EE_QUEUE_DAYS", "7",
                "LUCARNE_E2EE_MAX_ENVELOPE_BYTES", "16384", "LUCARNE_E2EE_SENDS_PER_MINUTE", "30",
                "LUCARNE_E2EE_SENDS_BURST", "40", "LUCARNE_E2EE_PHOTOS_PER_HOUR", "5",
                "LUCARNE_E2EE_BUNDLES_PER_MINUTE", "3")).e2ee();
        assertEquals(new E2eeSettings(Duration.ofDays(7), 16384, 30, 40, 5, 3), e);
    }

    @Test
    void anEnvelopeLargerThanTheProtocolsIsRefusedWithItsKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_E2EE_MAX_ENVELOPE_BYTES", "65536")));
        assertEquals("LUCARNE_E2EE_MAX_ENVELOPE_BYTES (e2ee.max.envelope.bytes) = '65536' from environment: expected a"
                + " whole number from 1024 to 40960", e.getMessage());
        assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_E2EE_QUEUE_DAYS", "0")));
    }
}
