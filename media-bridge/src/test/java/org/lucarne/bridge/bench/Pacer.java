package org.lucarne.bridge.bench;

import java.util.PriorityQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One thread sends every leg's media on schedule: each stream's frames at their own interval,
 * streams started at spread-out phases so that a hundred peers do not burst in the same
 * millisecond. A frame sent more than a millisecond after its time counts as late: many late
 * frames mean this machine could not generate the load, and the run says so.
 */
final class Pacer implements AutoCloseable {
    private static final long LATE_NANOS = 1_000_000L;

    private record Due(long at, PeerLeg leg, SyntheticStream stream) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            return Long.compare(at, o.at);
        }
    }

    private final PriorityQueue<Due> queue = new PriorityQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private long sent;
    private long sentForwarded;
    private long late;
    private long failed;

    Pacer() {
        thread = new Thread(this::run, "bench-pacer");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /**
     * Starts sending {@code leg}'s audio and video, the first frames {@code phaseNanos} from now
     * (simulcast layers in the same instant, as one encoder sends each frame on every layer).
     */
    synchronized void add(PeerLeg leg, long phaseNanos) {
        long now = System.nanoTime();
        for (SyntheticStream s : leg.streams()) {
            queue.add(new Due(now + phaseNanos % s.shape.frameNanos(), leg, s));
        }
        LockSupport.unpark(thread);
    }

    synchronized void remove(PeerLeg leg) {
        queue.removeIf(d -> d.leg == leg);
    }

    /**
     * Packets sent, frames sent late, sends that failed and packets sent of the streams an SFU is
     * expected to forward ({@link SyntheticStream#forwarded}), since the start or the last reset.
     */
    synchronized long[] countsAndReset() {
        long[] c = {sent, late, failed, sentForwarded};
        sent = 0;
        sentForwarded = 0;
        late = 0;
        failed = 0;
        return c;
    }

    private void run() {
        while (running) {
            Due next;
            long now = System.nanoTime();
            synchronized (this) {
                next = queue.peek();
                if (next != null && next.at <= now) {
                    queue.poll();
                    queue.add(new Due(next.at + next.stream.shape.frameNanos(), next.leg, next.stream));
                    if (now - next.at > LATE_NANOS) {
                        late++;
                    }
                } else {
                    next = next == null ? null : new Due(next.at, null, null);
                }
            }
            if (next == null) {
                LockSupport.parkNanos(1_000_000L);
            } else if (next.leg == null) {
                LockSupport.parkNanos(Math.min(next.at - now, 1_000_000L));
            } else {
                send(next);
            }
        }
    }

    private void send(Due due) {
        byte[][] frame = due.stream.nextFrame(System.nanoTime());
        int ok = 0;
        for (byte[] packet : frame) {
            if (due.leg.sendRtp(packet)) {
                ok++;
            }
        }
        synchronized (this) {
            sent += ok;
            if (due.stream.forwarded) {
                sentForwarded += ok;
            }
            failed += frame.length - ok;
        }
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
