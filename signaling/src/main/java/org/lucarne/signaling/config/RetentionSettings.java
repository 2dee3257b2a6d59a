package org.lucarne.signaling.config;

import java.time.Duration;
import java.util.Set;

/**
 * How long Lucarne keeps what it knows of families and patients once their visits are over, and how often it
 * looks (lucarne.sample.conf, "Retention"; docs/operations.md, "Retention").
 *
 * @param keepFor  a family contact's details go this long after the end of their last visit ({@code retention.days});
 *                 a discharged patient's, this long after their discharge and their last visit
 * @param interval how often the purge runs, the first time at start ({@code retention.interval.minutes})
 */
public record RetentionSettings(Duration keepFor, Duration interval) {
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 3650;

    static final Set<String> KEYS = Set.of("retention.days", "retention.interval.minutes");

    public RetentionSettings {
        if (keepFor.compareTo(Duration.ofDays(1)) < 0 || interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("keep at least a day, and run at most every minute");
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(Duration.ofDays(DEFAULT_DAYS), Duration.ofHours(1));
    }

    static RetentionSettings load(ConfigSource s) {
        return new RetentionSettings(Duration.ofDays(s.integer("retention.days", DEFAULT_DAYS, 1, MAX_DAYS)),
                Duration.ofMinutes(s.integer("retention.interval.minutes", 60, 5, 1440)));
    }
}
