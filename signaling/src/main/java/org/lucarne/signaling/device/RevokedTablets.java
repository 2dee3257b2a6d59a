package org.lucarne.signaling.device;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.lucarne.signaling.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The revoked tablets' ids, kept in memory so that the kiosk listener refuses them during the TLS handshake
 * without a database query per connection. Read from the database at start and again every
 * {@link #REFRESH} (a revocation made on another node), and added to at once on this node's own revocations,
 * which also close the tablet's TLS connections on this node ({@link #onRevoked}).
 */
public final class RevokedTablets {
    /** How often the list is read again from the database. */
    public static final Duration REFRESH = Duration.ofSeconds(30);
    private static final Logger LOG = LoggerFactory.getLogger(RevokedTablets.class);

    private final Supplier<Set<String>> load;
    private volatile Set<String> ids = Set.of();
    private volatile Consumer<String> onRevoked = id -> { };
    private ScheduledFuture<?> refresh;

    /** @param load the ids of every revoked tablet, from the database */
    public RevokedTablets(Supplier<Set<String>> load) {
        this.load = Objects.requireNonNull(load, "load");
    }

    /** Reads the list now (a database failure here fails the start), then every {@link #REFRESH} on {@code timers}. */
    public synchronized RevokedTablets start(ScheduledExecutorService timers) {
        ids = Set.copyOf(load.get());
        refresh = timers.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    public synchronized void stop() {
        if (refresh != null) {
            refresh.cancel(false);
        }
    }

    /** Whether the tablet is known to be revoked. */
    public boolean contains(String tabletId) {
        return ids.contains(tabletId);
    }

    /** What to do at once when this node revokes a tablet (close its TLS connections). */
    public void onRevoked(Consumer<String> action) {
        this.onRevoked = Objects.requireNonNull(action, "action");
    }

    /** This node revoked the tablet (committed): refused from the next handshake on, its connections closed. */
    public void revoked(String tabletId) {
        add(Set.of(tabletId));
        onRevoked.accept(tabletId);
    }

    /**
     * Reads the list again and adds what it finds: a revocation is never undone (a tablet enrolled again gets a
     * new id), so nothing is ever taken out. A database failure keeps the list as it is.
     */
    void refresh() {
        try {
            add(load.get());
        } catch (StorageException e) {
            LOG.warn("cannot read the revoked tablets again ({}); the last list stays in force", e.getMessage());
        }
    }

    private synchronized void add(Set<String> more) {
        if (!ids.containsAll(more)) {
            Set<String> next = new HashSet<>(ids);
            next.addAll(more);
            ids = Set.copyOf(next);
        }
    }
}
