package org.lucarne.signaling.ws;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.lucarne.signaling.config.SignalingConfig;

/**
 * The per-address limits of {@code /ws}: upgrades a minute, and messages a second over all of an
 * address's connections. Buckets of addresses that open no connection for a while are forgotten,
 * so memory stays bounded (connections still open keep theirs).
 * The per-connection bucket lives with its connection ({@link #newConnectionBucket()}).
 */
public final class RateLimits {
    private final SignalingConfig.WebSocketLimits limits;
    private final LongSupplier nanoTime;
    private final Cache<String, TokenBucket> upgrades;
    private final Cache<String, TokenBucket> addressMessages;

    public RateLimits(SignalingConfig.WebSocketLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.upgrades = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(200_000).build();
        this.addressMessages = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(2)).maximumSize(200_000).build();
    }

    /** May this address open one more WebSocket now? */
    public boolean allowUpgrade(String address) {
        int perMinute = limits.upgradesPerMinute();
        return upgrades.get(address, a -> new TokenBucket(perMinute / 60.0, perMinute, nanoTime)).tryTake();
    }

    /**
     * The bucket all of an address's connections draw their messages from. A connection looks it
     * up once, when it opens, and keeps it: no map look-up on the message path.
     */
    public TokenBucket addressBucket(String address) {
        return addressMessages.get(address, a -> new TokenBucket(
                limits.addressMessagesPerSecond(), limits.addressMessagesBurst(), nanoTime));
    }

    public TokenBucket newConnectionBucket() {
        return new TokenBucket(limits.messagesPerSecond(), limits.messagesBurst(), nanoTime);
    }
}
