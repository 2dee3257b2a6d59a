package org.lucarne.signaling.relay;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.lucarne.signaling.config.E2eeSettings;
import org.lucarne.signaling.ws.TokenBucket;

/**
 * The relay's per-device rates (docs/e2ee.md, "The server"): envelopes sent, photos begun, bundles fetched. Buckets
 * are per device, not per socket, so a device gains nothing by opening more; a device's buckets are forgotten after
 * an hour without use, so memory stays bounded. Time comes from outside ({@code nanoTime}).
 */
final class RelayLimits {
    private final E2eeSettings settings;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> sends;
    private final Cache<String, TokenBucket> photos;
    private final Cache<String, TokenBucket> bundles;

    RelayLimits(E2eeSettings settings, LongSupplier nanoTime) {
        this.settings = settings;
        this.nanoTime = nanoTime;
        this.sends = cache();
        this.photos = cache();
        this.bundles = cache();
    }

    private static Cache<String, TokenBucket> cache() {
        return Caffeine.newBuilder().expireAfterAccess(Duration.ofHours(1)).maximumSize(200_000).build();
    }

    boolean send(String device) {
        return sends.get(device, d -> new TokenBucket(settings.sendsPerMinute() / 60.0, settings.sendsBurst(), nanoTime))
                .tryTake();
    }

    boolean photo(String device) {
        return photos.get(device, d -> new TokenBucket(settings.photosPerHour() / 3600.0, settings.photosPerHour(),
                nanoTime)).tryTake();
    }

    boolean bundle(String device) {
        return bundles.get(device, d -> new TokenBucket(settings.bundlesPerMinute() / 60.0, settings.bundlesPerMinute(),
                nanoTime)).tryTake();
    }
}
