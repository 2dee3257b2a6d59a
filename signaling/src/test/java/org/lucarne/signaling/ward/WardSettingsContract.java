package org.lucarne.signaling.ward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lucarne.signaling.storage.StorageContract;
import org.lucarne.testing.ManualClock;

/** Ward settings stored and read back on every dialect; the defaults for a ward without any. */
abstract class WardSettingsContract extends StorageContract {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private WardSettingsStore store;

    @BeforeEach
    void aWard() {
        store = new WardSettingsStore(db, clock, PARIS);
        db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO ward (id, name) VALUES ('w1', 'Ward 1')");
            }
            return null;
        });
    }

    @Test
    void aWardWithoutSettingsFollowsTheDefaultsInTheHospitalsZone() {
        assertEquals(WardSettings.defaults(PARIS), store.of("w1"));
        assertEquals(List.of(new WardSettings.Span(600, 1200)), store.of("w1").spans(DayOfWeek.SUNDAY));
    }

    @Test
    void savedSettingsReadBackWhole() {
        WardSettings s = new WardSettings(ZoneId.of("America/Cayenne"),
                Map.of(DayOfWeek.MONDAY, List.of(new WardSettings.Span(14 * 60, 18 * 60), new WardSettings.Span(600, 720)),
                        DayOfWeek.SATURDAY, List.of(new WardSettings.Span(0, 1440))),
                List.of(Duration.ofMinutes(20), Duration.ofMinutes(40)), Duration.ofMinutes(30), 2, List.of());
        db.inTransaction(c -> {
            store.save(c, "w1", s, "staff:u1");
            return null;
        });
        WardSettings back = store.of("w1");
        assertEquals(s, back);
        assertEquals(List.of(new WardSettings.Span(600, 720), new WardSettings.Span(840, 1080)),
                back.spans(DayOfWeek.MONDAY), "spans sorted");
        assertEquals(List.of(), back.spans(DayOfWeek.TUESDAY), "no visit that day");
        db.inTransaction(c -> {
            store.save(c, "w1", WardSettings.defaults(PARIS), "staff:u1");
            return null;
        });
        assertEquals(WardSettings.defaults(PARIS), store.of("w1"), "saved again: replaced, spans included");
    }

    @Test
    void rulesThatCannotHoldAreRefusedNamingThem() {
        IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class, () -> new WardSettings(PARIS,
                Map.of(DayOfWeek.MONDAY, List.of(new WardSettings.Span(600, 800), new WardSettings.Span(700, 900))),
                List.of(Duration.ofMinutes(30)), Duration.ZERO, 1, List.of()));
        assertTrue(overlap.getMessage().contains("overlap"), overlap.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new WardSettings.Span(700, 600));
        assertThrows(IllegalArgumentException.class, () -> new WardSettings(PARIS, Map.of(),
                List.of(Duration.ofMinutes(30), Duration.ofMinutes(15)), Duration.ZERO, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new WardSettings(PARIS, Map.of(),
                List.of(Duration.ofMinutes(30)), Duration.ZERO, 0, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new WardSettings(PARIS, Map.of(),
                List.of(Duration.ofMinutes(30)), Duration.ZERO, 1, List.of(Duration.ofMinutes(15), Duration.ofHours(1))));
    }
}
