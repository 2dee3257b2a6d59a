package org.lucarne.signaling.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionSettingsTest {

    @Test
    void thirtyDaysCheckedEveryHourByDefault() {
        RetentionSettings r = SignalingConfig.defaults().retention();
        assertEquals(RetentionSettings.defaults(), r);
        assertEquals(Duration.ofDays(30), r.keepFor());
        assertEquals(Duration.ofHours(1), r.interval());
    }

    @Test
    void theEnvironmentSetsBoth() {
        RetentionSettings r = SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_RETENTION_DAYS", "90",
                "LUCARNE_RETENTION_INTERVAL_MINUTES", "15")).retention();
        assertEquals(Duration.ofDays(90), r.keepFor());
        assertEquals(Duration.ofMinutes(15), r.interval());
    }

    @Test
    void aDayAtLeastAndTenYearsAtMost() {
        for (String days : new String[] {"0", "-1", "3651", "thirty"}) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> SignalingConfig.load(Optional.empty(), Map.of("LUCARNE_RETENTION_DAYS", days)));
            assertEquals("LUCARNE_RETENTION_DAYS (retention.days) = '" + days + "' from environment: expected a whole"
                    + " number from 1 to 3650", e.getMessage());
        }
        assertThrows(ConfigException.class, () -> SignalingConfig.load(Optional.empty(),
                Map.of("LUCARNE_RETENTION_INTERVAL_MINUTES", "1")));
    }
}
