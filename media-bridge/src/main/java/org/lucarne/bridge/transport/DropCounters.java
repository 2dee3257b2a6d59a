package org.lucarne.bridge.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Dropped-datagram counters of one transport, by reason; safe from any thread. */
final class DropCounters {
    private final LongAdder[] counts = new LongAdder[DropReason.values().length];

    DropCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(DropReason reason) {
        counts[reason.ordinal()].increment();
    }

    long get(DropReason reason) {
        return counts[reason.ordinal()].sum();
    }

    /** Every reason, in declaration order, zeros included, keyed by {@link DropReason#key()}. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (DropReason r : DropReason.values()) {
            out.put(r.key(), counts[r.ordinal()].sum());
        }
        return out;
    }
}
