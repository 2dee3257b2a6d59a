package org.lucarne.signaling.ws;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the signaling socket, for operators and for tests that must see a refusal happen. */
public final class SignalingStats {
    private final LongAdder refusedOrigin = new LongAdder();
    private final LongAdder refusedRate = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    void upgradeRefusedOrigin() {
        refusedOrigin.increment();
    }

    void upgradeRefusedRate() {
        refusedRate.increment();
    }

    void protocolError() {
        protocolErrors.increment();
    }

    void messageRateLimited() {
        rateLimited.increment();
    }

    public long upgradesRefusedForOrigin() {
        return refusedOrigin.sum();
    }

    public long upgradesRefusedForRate() {
        return refusedRate.sum();
    }

    public long protocolErrors() {
        return protocolErrors.sum();
    }

    public long messagesRateLimited() {
        return rateLimited.sum();
    }
}
