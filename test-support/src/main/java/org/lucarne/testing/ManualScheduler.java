package org.lucarne.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ScheduledExecutorService} whose time is a {@link ManualClock}: nothing runs until the
 * test calls {@link #advance} (or {@link #advanceTo}, or {@link #runDue}), which moves the clock
 * and runs every task that falls due, in time order (tasks due at the same instant in the order
 * they were scheduled), on the caller's thread. Each task runs with the clock at its due time, and
 * a task that schedules another sees it run within the same advance if it falls due in time.
 *
 * <p>As the JDK's {@code ScheduledThreadPoolExecutor}: {@link #execute} and {@code submit} are due
 * at once (they run at the next advance or {@link #runDue}); a task that throws completes its
 * future with the exception (also kept in {@link #failures()}, for a test to check), and a periodic
 * task that throws stops; {@link #shutdown} refuses new tasks, cancels periodic ones and lets the
 * delayed ones run when due; {@link #shutdownNow} drops them all.
 *
 * <p>Thread-safe: the code under test may schedule and cancel from any thread. One thread
 * advances at a time, and a task may not advance the scheduler it runs on. Moving the clock by
 * itself ({@link ManualClock#advance}) runs nothing: call {@link #runDue} after.
 */
public final class ManualScheduler implements ScheduledExecutorService {
    private final ManualClock clock;
    private final Object lock = new Object();
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private final List<Throwable> failures = new ArrayList<>();
    private long sequence;
    private boolean shutdown;
    private Thread advancing;

    public ManualScheduler(ManualClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A scheduler on a fresh clock standing at the real current instant. */
    public static ManualScheduler startingNow() {
        return new ManualScheduler(ManualClock.startingNow());
    }

    public ManualClock clock() {
        return clock;
    }

    // --- the test's hand

    /**
     * Moves the clock forward by {@code by}, running every task due up to the new instant (its end
     * included), each at its due time.
     *
     * @return how many tasks ran
     */
    public int advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward here, not by " + by);
        }
        return advanceTo(clock.instant().plus(by));
    }

    /**
     * Moves the clock forward to {@code target}, running every task due up to it, each at its due time.
     *
     * @return how many tasks ran
     */
    public int advanceTo(Instant target) {
        Objects.requireNonNull(target, "target");
        if (target.isBefore(clock.instant())) {
            throw new IllegalArgumentException("cannot advance back to " + target + ": the clock reads " + clock.instant());
        }
        enter();
        int ran = 0;
        try {
            Task<?> next;
            while ((next = pollDueBy(target)) != null) {
                if (next.due.isAfter(clock.instant())) {
                    clock.set(next.due);
                }
                next.run();
                ran++;
            }
            if (clock.instant().isBefore(target)) {
                clock.set(target);
            }
        } finally {
            leave();
        }
        return ran;
    }

    /**
     * Runs the tasks due at the clock's current instant (those due earlier included, and those they
     * schedule with no delay), without moving the clock.
     *
     * @return how many tasks ran
     */
    public int runDue() {
        return advanceTo(clock.instant());
    }

    /** How many tasks wait to run (cancelled ones are gone at once). */
    public int pending() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** When the next task falls due, if any waits. */
    public Optional<Instant> nextDue() {
        synchronized (lock) {
            return Optional.ofNullable(queue.peek()).map(t -> t.due);
        }
    }

    /** What the tasks that failed threw, in the order they ran. */
    public List<Throwable> failures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    private void enter() {
        synchronized (lock) {
            if (advancing == Thread.currentThread()) {
                throw new IllegalStateException("a task may not advance the scheduler it runs on");
            }
            if (advancing != null) {
                throw new IllegalStateException("the scheduler is advanced from " + advancing.getName()
                        + " already; advance it from one thread at a time");
            }
            advancing = Thread.currentThread();
        }
    }

    private void leave() {
        synchronized (lock) {
            advancing = null;
        }
    }

    private Task<?> pollDueBy(Instant target) {
        synchronized (lock) {
            Task<?> head = queue.peek();
            if (head == null || head.due.isAfter(target)) {
                return null;
            }
            return queue.poll();
        }
    }

    // --- ScheduledExecutorService

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        Objects.requireNonNull(command, "command");
        return enqueue(new Task<Void>(Executors.callable(command, null), due(delay, unit), null, false));
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        Objects.requireNonNull(callable, "callable");
        return enqueue(new Task<>(callable, due(delay, unit), null, false));
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return periodic(command, initialDelay, period, unit, true);
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return periodic(command, initialDelay, delay, unit, false);
    }

    private ScheduledFuture<?> periodic(Runnable command, long initialDelay, long period, TimeUnit unit,
                                        boolean fixedRate) {
        Objects.requireNonNull(command, "command");
        if (period <= 0) {
            throw new IllegalArgumentException("a period must be positive, not " + period + " " + unit);
        }
        return enqueue(new Task<Void>(Executors.callable(command, null), due(initialDelay, unit),
                Duration.ofNanos(unit.toNanos(period)), fixedRate));
    }

    /** Due at once: runs at the next {@link #advance} or {@link #runDue}. */
    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public Future<?> submit(Runnable task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> Future<T> submit(Runnable task, T result) {
        Objects.requireNonNull(task, "task");
        return schedule(Executors.callable(task, result), 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public <T> Future<T> submit(Callable<T> task) {
        return schedule(task, 0, TimeUnit.NANOSECONDS);
    }

    /** Refused: it would wait for tasks that only the test's hand can run. */
    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        throw blocking("invokeAll");
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw blocking("invokeAll");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) {
        throw blocking("invokeAny");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit) {
        throw blocking("invokeAny");
    }

    private static UnsupportedOperationException blocking(String method) {
        return new UnsupportedOperationException(method + " would wait for tasks that run only when the test"
                + " advances the scheduler; submit them and advance instead");
    }

    /** Refuses new tasks; periodic ones are cancelled, delayed ones still run when the test advances to them. */
    @Override
    public void shutdown() {
        List<Task<?>> periodic = new ArrayList<>();
        synchronized (lock) {
            shutdown = true;
            queue.stream().filter(Task::isPeriodic).forEach(periodic::add);
        }
        periodic.forEach(t -> t.cancel(false));
    }

    /** Refuses new tasks and drops every waiting one. */
    @Override
    public List<Runnable> shutdownNow() {
        List<Task<?>> dropped;
        synchronized (lock) {
            shutdown = true;
            dropped = new ArrayList<>(queue);
            queue.clear();
        }
        dropped.sort(null);
        dropped.forEach(t -> t.cancel(false));
        return new ArrayList<>(dropped);
    }

    @Override
    public boolean isShutdown() {
        synchronized (lock) {
            return shutdown;
        }
    }

    @Override
    public boolean isTerminated() {
        synchronized (lock) {
            return shutdown && queue.isEmpty() && advancing == null;
        }
    }

    /** Does not wait: nothing here runs by itself. Tells whether it is terminated already. */
    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    // --- tasks

    private Instant due(long delay, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return clock.instant().plusNanos(Math.max(0, unit.toNanos(delay)));
    }

    private <V> Task<V> enqueue(Task<V> task) {
        synchronized (lock) {
            if (shutdown) {
                throw new RejectedExecutionException("the scheduler is shut down");
            }
            task.sequence = sequence++;
            queue.add(task);
        }
        return task;
    }

    /** Puts a periodic task back for its next run; false when it is cancelled or the scheduler shut down. */
    private boolean requeue(Task<?> task) {
        synchronized (lock) {
            if (shutdown || task.isCancelled()) {
                return false;
            }
            task.sequence = sequence++;
            queue.add(task);
            return true;
        }
    }

    private void failed(Throwable t) {
        synchronized (lock) {
            failures.add(t);
        }
    }

    /** A task and its future, as the JDK's ScheduledFutureTask: due at an instant, maybe periodic. */
    private final class Task<V> extends FutureTask<V> implements RunnableScheduledFuture<V> {
        private volatile Instant due;
        private final Duration period;
        private final boolean fixedRate;
        private long sequence;

        Task(Callable<V> callable, Instant due, Duration period, boolean fixedRate) {
            super(callable);
            this.due = due;
            this.period = period;
            this.fixedRate = fixedRate;
        }

        @Override
        public boolean isPeriodic() {
            return period != null;
        }

        @Override
        public void run() {
            if (!isPeriodic()) {
                super.run();
                return;
            }
            if (runAndReset()) {
                // Fixed rate: from the planned time; fixed delay: from the end of this run (the clock, moved by no one).
                due = fixedRate ? due.plus(period) : clock.instant().plus(period);
                requeue(this);
            }
        }

        @Override
        protected void setException(Throwable t) {
            failed(t);
            super.setException(t);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            synchronized (lock) {
                queue.remove(this);
            }
            return cancelled;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            if (other == this) {
                return 0;
            }
            if (other instanceof ManualScheduler.Task<?> t) {
                int byDue = due.compareTo(t.due);
                return byDue != 0 ? byDue : Long.compare(sequence, t.sequence);
            }
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }

        @Override
        public String toString() {
            return "task due " + due + (isPeriodic() ? " every " + period : "");
        }
    }
}
