package org.lucarne.signaling.ws;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBucketTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void aFullBucketGivesItsBurstThenRefusesUntilItRefills() {
        TokenBucket b = new TokenBucket(10, 3, nanos::get);
        assertTrue(b.tryTake());
        assertTrue(b.tryTake());
        assertTrue(b.tryTake());
        assertFalse(b.tryTake());
        nanos.addAndGet(99_000_000L);
        assertFalse(b.tryTake(), "not yet one interval (100 ms at 10/s)");
        nanos.addAndGet(1_000_000L);
        assertTrue(b.tryTake());
        assertFalse(b.tryTake());
    }

    @Test
    void aLongQuietTimeRefillsToTheBurstAndNoMore() {
        TokenBucket b = new TokenBucket(10, 3, nanos::get);
        nanos.addAndGet(60_000_000_000L);
        int taken = 0;
        while (b.tryTake()) {
            taken++;
        }
        assertEquals(3, taken);
    }

    @Test
    void concurrentTakersNeverGetMoreThanTheBurst() throws InterruptedException {
        TokenBucket b = new TokenBucket(1, 1000, nanos::get); // the clock stands still: no refill
        AtomicInteger taken = new AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int k = 0; k < 1000; k++) {
                    if (b.tryTake()) {
                        taken.incrementAndGet();
                    }
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1000, taken.get());
    }
}
