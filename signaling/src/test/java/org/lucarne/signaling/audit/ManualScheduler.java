package org.lucarne.signaling.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.lucarne.signaling.invite.MutableClock;

/**
 * A scheduler that runs nothing by itself: {@link #advance} moves the clock and runs, on the test's
 * thread, every task that falls due on the way, at its time. No thread, no waiting.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final MutableClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long order;
    private boolean shutdown;

    ManualScheduler(MutableClock clock) {
        this.clock = clock;
    }

    /** Moves the clock by {@code by}, running each task due on the way at its due time. */
    void advance(Duration by) {
        Instant target = clock.instant().plus(by);
        while (true) {
            Task<?> next;
            synchronized (this) {
                next = queue.peek();
                if (next == null || next.due.isAfter(target)) {
                    break;
                }
                queue.poll();
            }
            if (next.due.isAfter(clock.instant())) {
                clock.set(next.due);
            }
            next.runOnce();
        }
        clock.set(target);
    }

    /** Tasks still waiting to run (periodic ones included, cancelled ones not). */
    synchronized int pending() {
        return (int) queue.stream().filter(t -> !t.isCancelled()).count();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(new Task<>(() -> {
            command.run();
            return null;
        }, due(delay, unit), null, false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(new Task<>(callable, due(delay, unit), null, false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(new Task<>(() -> {
            command.run();
            return null;
        }, due(initialDelay, unit), Duration.ofNanos(unit.toNanos(period)), true));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(new Task<>(() -> {
            command.run();
            return null;
        }, due(initialDelay, unit), Duration.ofNanos(unit.toNanos(delay)), false));
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
        shutdown = true;
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> left = new ArrayList<>(queue);
        queue.clear();
        return left;
    }

    @Override
    public synchronized boolean isShutdown() {
        return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
        return shutdown && queue.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private Instant due(long delay, TimeUnit unit) {
        return clock.instant().plusNanos(unit.toNanos(delay));
    }

    private synchronized <V> Task<V> add(Task<V> task) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        task.order = order++;
        queue.add(task);
        return task;
    }

    private final class Task<V> implements ScheduledFuture<V>, Runnable {
        private final Callable<V> work;
        private final Duration period;
        private final boolean fixedRate;
        private Instant due;
        private long order;
        private boolean cancelled;
        private boolean done;
        private V result;
        private Throwable failure;

        Task(Callable<V> work, Instant due, Duration period, boolean fixedRate) {
            this.work = work;
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        @Override
        public void run() {
            runOnce();
        }

        void runOnce() {
            if (isCancelled()) {
                return;
            }
            try {
                V v = work.call();
                if (period == null) {
                    finish(v, null);
                    return;
                }
            } catch (Exception | Error e) {
                finish(null, e); // like a real scheduler, a failed periodic task runs no more
                return;
            }
            synchronized (ManualScheduler.this) {
                if (!cancelled && !shutdown) {
                    due = (fixedRate ? due : clock.instant()).plus(period);
                    order = ManualScheduler.this.order++;
                    queue.add(this);
                }
            }
        }

        private synchronized void finish(V v, Throwable t) {
            result = v;
            failure = t;
            done = true;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due).toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            Task<?> other = (Task<?>) o;
            int c = due.compareTo(other.due);
            return c != 0 ? c : Long.compare(order, other.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            synchronized (ManualScheduler.this) {
                if (done) {
                    return false;
                }
                cancelled = true;
                queue.remove(this);
                return true;
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (ManualScheduler.this) {
                return cancelled;
            }
        }

        @Override
        public synchronized boolean isDone() {
            return done || isCancelled();
        }

        @Override
        public synchronized V get() throws ExecutionException {
            if (!done) {
                throw new IllegalStateException("not run yet: advance the scheduler first");
            }
            if (failure != null) {
                throw new ExecutionException(failure);
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
