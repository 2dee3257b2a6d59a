package org.lucarne.signaling.device;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.lucarne.signaling.ws.TokenBucket;

/**
 * How each bedside tablet is, as its kiosk last said ({@code tablet_status}, docs/protocol.md, "Tablet"), and
 * when this node last heard from it. Kept in this node's memory only: a restart forgets it until the kiosk's
 * next status, and on several nodes each knows the tablets connected to it. Bounded: only tablets whose
 * certificate the kiosk listener verified (enrolled ones) are kept, at most {@link #MAX_TABLETS}; a revoked
 * tablet, which connects no more, keeps what was last known of it. Safe from any thread.
 */
public final class TabletHealth {
    /** The battery level, in percent, under which the console shows the battery as low. */
    public static final int LOW_BATTERY = 20;
    /** The most tablets remembered: far more than a hospital enrols; more are not remembered. */
    static final int MAX_TABLETS = 100_000;
    /** Statuses one tablet may send: a burst of {@value #STATUS_BURST}, then one per {@value #STATUS_GAP_SECONDS} s. */
    static final int STATUS_BURST = 3;
    static final int STATUS_GAP_SECONDS = 10;

    /**
     * What the kiosk last said, and when this node last heard anything from it ({@code lastSeenAt}); the other
     * fields are null until its first status, {@code battery} and {@code charging} also when its browser does
     * not tell.
     */
    public record Report(Instant lastSeenAt, String appVersion, Integer battery, Boolean charging) {
        boolean low() {
            return battery != null && battery < LOW_BATTERY;
        }
    }

    /** What became of a status. */
    public enum Outcome {
        /** Kept; nothing the console shows changed in a way worth telling it at once. */
        KEPT,
        /** Kept, and the ward's consoles should read the tablets again: a first status, or the battery went low or back. */
        TELL_WARD,
        /** Too many statuses from this tablet: dropped. */
        RATE_LIMITED
    }

    private final Clock clock;
    private final Map<String, Entry> tablets = new ConcurrentHashMap<>();

    public TabletHealth(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    private final class Entry {
        volatile Report report;
        final TokenBucket statuses = new TokenBucket(1.0 / STATUS_GAP_SECONDS, STATUS_BURST,
                () -> clock.millis() * 1_000_000L);

        Entry(Instant now) {
            report = new Report(now, null, null, null);
        }
    }

    /** The tablet (verified at the upgrade) sent a message, a ping included: it is seen now. */
    public void seen(String tabletId) {
        Entry e = entry(tabletId);
        if (e != null) {
            synchronized (e) {
                Report r = e.report;
                e.report = new Report(clock.instant(), r.appVersion(), r.battery(), r.charging());
            }
        }
    }

    /** The tablet's status: kept unless it comes too often, and whether its ward's consoles should hear of it. */
    public Outcome report(String tabletId, String appVersion, Integer battery, Boolean charging) {
        Entry e = entry(tabletId);
        if (e == null) {
            return Outcome.KEPT;
        }
        if (!e.statuses.tryTake()) {
            return Outcome.RATE_LIMITED;
        }
        synchronized (e) {
            Report before = e.report;
            Report now = new Report(clock.instant(), appVersion, battery, charging);
            e.report = now;
            boolean tell = !appVersion.equals(before.appVersion()) || before.low() != now.low()
                    || !Objects.equals(before.charging(), charging) || (before.battery() == null) != (battery == null);
            return tell ? Outcome.TELL_WARD : Outcome.KEPT;
        }
    }

    /** What is known of the tablet on this node, if anything. */
    public Optional<Report> of(String tabletId) {
        Entry e = tablets.get(tabletId);
        return e == null ? Optional.empty() : Optional.of(e.report);
    }

    private Entry entry(String tabletId) {
        Entry e = tablets.get(tabletId);
        if (e != null || tablets.size() >= MAX_TABLETS) {
            return e;
        }
        return tablets.computeIfAbsent(tabletId, id -> new Entry(clock.instant()));
    }
}
