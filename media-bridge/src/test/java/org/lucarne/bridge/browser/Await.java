package org.lucarne.bridge.browser;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a state of the pages, with a bound, polling: never a fixed sleep for an outcome. */
final class Await {
    private Await() {
    }

    /** Returns once {@code condition} holds; after {@code bound} fails with {@code what} and the diagnosis. */
    static void until(String what, Duration bound, BooleanSupplier condition, Supplier<String> diagnosis) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("within " + bound.toSeconds() + " s, not true: " + what + "\n" + diagnosis.get());
            }
            try {
                Thread.sleep(100); // polling interval, not a wait for an outcome
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what);
            }
        }
    }

    /**
     * Returns once {@code condition} has held at every poll for {@code hold}; after {@code bound}
     * fails as {@link #until} does.
     */
    static void held(String what, Duration bound, Duration hold, BooleanSupplier condition, Supplier<String> diagnosis) {
        long[] since = {System.nanoTime()};
        until(what + ", for " + hold.toSeconds() + " s", bound, () -> {
            long now = System.nanoTime();
            if (!condition.getAsBoolean()) {
                since[0] = now;
            }
            return now - since[0] >= hold.toNanos();
        }, diagnosis);
    }
}
