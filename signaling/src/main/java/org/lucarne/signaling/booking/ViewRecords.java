package org.lucarne.signaling.booking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.lucarne.signaling.api.ApiCall;
import org.lucarne.signaling.audit.AuditEvent;
import org.lucarne.signaling.audit.AuditTrail;

/**
 * Records a session's look at something (a visit, a ward's week) once in {@link #RECORDED_FOR}: the
 * console refreshes what it shows, and the trail records views, not refreshes. Bounded in memory.
 */
final class ViewRecords {
    static final Duration RECORDED_FOR = Duration.ofMinutes(15);

    private final AuditTrail audit;
    /** session token hash | what → already recorded within {@link #RECORDED_FOR}. */
    private final Cache<String, Boolean> recorded;

    ViewRecords(AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.recorded = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(RECORDED_FOR)
                .ticker(() -> clock.millis() * 1_000_000L).build();
    }

    void viewed(ApiCall call, String what, Supplier<AuditEvent> event) {
        if (recorded.asMap().putIfAbsent(call.session().tokenHash() + "|" + what, Boolean.TRUE) == null) {
            audit.record(event.get());
        }
    }
}
