package org.lucarne.bridge.forward;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One endpoint's work, run in order on a shared {@link Executor}: at most one task of the queue
 * runs at a time, and a drain gives its worker back after {@link #BATCH} tasks so that one busy
 * endpoint cannot hold a worker while others wait. Bounded: {@link #offer} refuses when full,
 * never blocks.
 *
 * <p>After {@link #close()} returns no task of this queue runs or starts: close waits for the one
 * that may be running (a single packet's work) and discards the rest.
 */
final class SerialQueue {
    static final int BATCH = 64;

    private final Executor workers;
    private final int capacity;
    private final Consumer<RuntimeException> onError;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean closed;

    /** @param onError told of a task that threw (a bug, never input): the queue goes on */
    SerialQueue(Executor workers, int capacity, Consumer<RuntimeException> onError) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
        }
        this.workers = workers;
        this.capacity = capacity;
        this.onError = onError;
    }

    /** Queues a task; false when the queue is full or closed (the caller counts the drop). */
    boolean offer(Runnable task) {
        if (closed) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        tasks.add(task);
        schedule();
        return true;
    }

    int size() {
        return size.get();
    }

    void close() {
        closed = true;
        running.lock();
        try {
            tasks.clear();
            size.set(0);
        } finally {
            running.unlock();
        }
    }

    private void schedule() {
        if (!closed && scheduled.compareAndSet(false, true)) {
            try {
                workers.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The workers are shutting down: the bridge is stopping, nothing left to run.
                scheduled.set(false);
                close();
            }
        }
    }

    private void drain() {
        running.lock();
        try {
            for (int done = 0; done < BATCH && !closed; done++) {
                Runnable task = tasks.poll();
                if (task == null) {
                    break;
                }
                size.decrementAndGet();
                try {
                    task.run();
                } catch (RuntimeException e) {
                    onError.accept(e);
                }
            }
        } finally {
            running.unlock();
            scheduled.set(false);
        }
        if (!tasks.isEmpty()) {
            schedule();
        }
    }
}
