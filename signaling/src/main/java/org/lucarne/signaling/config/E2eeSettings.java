package org.lucarne.signaling.config;

import java.time.Duration;
import java.util.Set;

/**
 * The end-to-end encryption relay's limits (lucarne.sample.conf, "End-to-end encrypted messages"; docs/e2ee.md,
 * "The server"; docs/operations.md, "Messages").
 *
 * @param queueFor         how long an envelope waits unacknowledged, and a photo's chunks are kept ({@code e2ee.queue.days})
 * @param maxEnvelopeBytes the largest envelope, raw bytes ({@code e2ee.max.envelope.bytes}, at most 40 KiB)
 * @param sendsPerMinute   envelopes a sending device may queue a minute, on average ({@code e2ee.sends.per.minute})
 * @param sendsBurst       and at once ({@code e2ee.sends.burst})
 * @param photosPerHour    photos (blobs begun) a device may upload an hour ({@code e2ee.photos.per.hour})
 * @param bundlesPerMinute prekey bundles a device may fetch a minute ({@code e2ee.bundles.per.minute})
 */
public record E2eeSettings(Duration queueFor, int maxEnvelopeBytes, int sendsPerMinute, int sendsBurst,
                           int photosPerHour, int bundlesPerMinute) {
    public static final int DEFAULT_QUEUE_DAYS = 30;
    /** The protocol's largest envelope (docs/e2ee.md, "Envelope"): 40 KiB, which fits a 64 KiB frame as base64url. */
    public static final int MAX_ENVELOPE_BYTES = 40 * 1024;

    static final Set<String> KEYS = Set.of("e2ee.queue.days", "e2ee.max.envelope.bytes", "e2ee.sends.per.minute",
            "e2ee.sends.burst", "e2ee.photos.per.hour", "e2ee.bundles.per.minute");

    public E2eeSettings {
        if (queueFor.compareTo(Duration.ofDays(1)) < 0 || maxEnvelopeBytes < 1 || maxEnvelopeBytes > MAX_ENVELOPE_BYTES
                || sendsPerMinute < 1 || sendsBurst < 1 || photosPerHour < 1 || bundlesPerMinute < 1) {
            throw new IllegalArgumentException("the relay's limits must each allow something, and envelopes at most 40 KiB");
        }
    }

    public static E2eeSettings defaults() {
        return new E2eeSettings(Duration.ofDays(DEFAULT_QUEUE_DAYS), MAX_ENVELOPE_BYTES, 60, 120, 20, 10);
    }

    static E2eeSettings load(ConfigSource s) {
        return new E2eeSettings(Duration.ofDays(s.integer("e2ee.queue.days", DEFAULT_QUEUE_DAYS, 1, 365)),
                s.integer("e2ee.max.envelope.bytes", MAX_ENVELOPE_BYTES, 1024, MAX_ENVELOPE_BYTES),
                s.integer("e2ee.sends.per.minute", 60, 1, 6000),
                s.integer("e2ee.sends.burst", 120, 1, 12_000),
                s.integer("e2ee.photos.per.hour", 20, 1, 1000),
                s.integer("e2ee.bundles.per.minute", 10, 1, 1000));
    }
}
