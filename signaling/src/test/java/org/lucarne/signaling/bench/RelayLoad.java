package org.lucarne.signaling.bench;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import org.lucarne.testing.Percentiles;

/**
 * The paced run: for {@code seconds}, {@code rate} envelopes a second, each from a random device to another of its
 * circle, and interleaved with them (half an interval later) {@code rate} pings a second, each from a random
 * device, over the same sockets of the same server. The ping → pong round trip is the same-run baseline: what the
 * server, the sockets and this client cost a message that touches neither the relay nor the database.
 */
final class RelayLoad {
    /** What one run measured; latencies in nanoseconds. */
    record Result(long envelopesSent, long delivered, long pingsSent, long pongs, long errors, double seconds,
                  Percentiles envelope, Percentiles ping) {
        double deliveredPerSecond() {
            return delivered / seconds;
        }
    }

    private final long[] latencies;
    private final AtomicLong deliveredCount = new AtomicLong();
    private final AtomicLongArray pingSentAt;
    private final AtomicLongArray pongLatency;
    private final AtomicLong pongCount = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    private RelayLoad(int expected) {
        latencies = new long[expected];
        pingSentAt = new AtomicLongArray(expected);
        pongLatency = new AtomicLongArray(expected);
    }

    static Result run(List<RelayDevice> all, int rate, int seconds, long seed) throws InterruptedException {
        int expected = Math.multiplyExact(rate, seconds) + 1;
        RelayLoad load = new RelayLoad(expected);
        all.forEach(d -> d.countInto(load));
        Random random = new Random(seed);
        long half = TimeUnit.SECONDS.toNanos(1) / rate / 2;
        long start = System.nanoTime();
        long stop = start + TimeUnit.SECONDS.toNanos(seconds);
        int envelopes = 0;
        int pings = 0;
        for (long due = start; due < stop && envelopes < expected; due += 2 * half) {
            pace(due);
            RelayDevice from = all.get(random.nextInt(all.size()));
            from.send(from.envelopeTo(anotherOfItsCircle(from, random)), load);
            envelopes++;
            pace(due + half);
            RelayDevice pinger = all.get(random.nextInt(all.size()));
            load.pingSentAt.set(pings, System.nanoTime());
            pinger.send(RelayDevice.ping(pings), load);
            pings++;
        }
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((load.deliveredCount.get() < envelopes || load.pongCount.get() < pings) && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        all.forEach(d -> d.countInto(null));
        int delivered = (int) Math.min(load.deliveredCount.get(), expected);
        long[] pongs = new long[pings];
        int p = 0;
        for (int i = 0; i < pings; i++) {
            long l = load.pongLatency.get(i);
            if (l > 0) {
                pongs[p++] = l;
            }
        }
        long[] delivery;
        synchronized (load.latencies) {
            delivery = java.util.Arrays.copyOf(load.latencies, delivered);
        }
        return new Result(envelopes, load.deliveredCount.get(), pings, p, load.errors.get(), elapsed,
                Percentiles.of(delivery), Percentiles.of(java.util.Arrays.copyOf(pongs, p)));
    }

    private static void pace(long due) {
        long wait = due - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait); // paced, without holding a core
        }
    }

    private static RelayDevice anotherOfItsCircle(RelayDevice from, Random random) {
        int self = java.util.Arrays.asList(from.circle).indexOf(from);
        int pick = random.nextInt(from.circle.length - 1);
        return from.circle[pick >= self ? pick + 1 : pick];
    }

    void delivered(long nanos) {
        synchronized (latencies) {
            long n = deliveredCount.getAndIncrement();
            if (n < latencies.length) {
                latencies[(int) n] = nanos;
            }
        }
    }

    void ponged(long seq, long now) {
        if (seq < 0 || seq >= pingSentAt.length() || !pongLatency.compareAndSet((int) seq, 0, now - pingSentAt.get((int) seq))) {
            errors.incrementAndGet();
            return;
        }
        pongCount.incrementAndGet();
    }

    void failed() {
        errors.incrementAndGet();
    }
}
