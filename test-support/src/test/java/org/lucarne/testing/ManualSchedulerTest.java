package org.lucarne.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {
    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private final ManualClock clock = new ManualClock(START);
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    /** What ran, each as "name@milliseconds since START". */
    private final List<String> ran = new ArrayList<>();

    private Runnable mark(String name) {
        return () -> ran.add(name + "@" + Duration.between(START, clock.instant()).toMillis());
    }

    @Test
    void aTaskRunsWhenTheTestAdvancesToItsDueTimeAndNotAMillisecondBefore() {
        scheduler.schedule(mark("ring"), 60, TimeUnit.SECONDS);
        assertEquals(0, scheduler.advance(Duration.ofSeconds(60).minusMillis(1)));
        assertEquals(List.of(), ran);
        assertEquals(START.plusSeconds(60).minusMillis(1), clock.instant(), "the clock moved all the same");
        assertEquals(1, scheduler.advance(Duration.ofMillis(1)));
        assertEquals(List.of("ring@60000"), ran);
        assertEquals(0, scheduler.pending());
    }

    @Test
    void tasksRunInTimeOrderEachWithTheClockAtItsDueTimeAndTheClockEndsAtTheTarget() {
        scheduler.schedule(mark("c"), 300, TimeUnit.MILLISECONDS);
        scheduler.schedule(mark("a"), 100, TimeUnit.MILLISECONDS);
        scheduler.schedule(mark("b1"), 200, TimeUnit.MILLISECONDS);
        scheduler.schedule(mark("b2"), 200_000, TimeUnit.MICROSECONDS);
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(List.of("a@100", "b1@200", "b2@200", "c@300"), ran, "ties in the order they were scheduled");
        assertEquals(START.plusSeconds(1), clock.instant());
    }

    @Test
    void aTaskScheduledByATaskRunsInTheSameAdvanceWhenItFallsDueInTime() {
        scheduler.schedule(() -> {
            mark("first").run();
            scheduler.schedule(mark("second"), 500, TimeUnit.MILLISECONDS);
            scheduler.schedule(mark("later"), 5, TimeUnit.SECONDS);
            scheduler.execute(mark("now"));
        }, 1, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(2));
        assertEquals(List.of("first@1000", "now@1000", "second@1500"), ran);
        assertEquals(1, scheduler.pending());
        assertEquals(START.plusSeconds(6), scheduler.nextDue().orElseThrow());
    }

    @Test
    void executeAndSubmitWaitForTheTestThenRunWithoutMovingTheClock() throws Exception {
        scheduler.execute(mark("executed"));
        Future<String> submitted = scheduler.submit(() -> "value");
        assertEquals(List.of(), ran, "nothing runs on the caller's call");
        assertFalse(submitted.isDone());
        assertEquals(2, scheduler.runDue());
        assertEquals(List.of("executed@0"), ran);
        assertEquals("value", submitted.get());
        assertEquals(START, clock.instant());
    }

    @Test
    void movingTheClockAloneRunsNothingUntilRunDue() {
        scheduler.schedule(mark("due"), 10, TimeUnit.SECONDS);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(List.of(), ran);
        scheduler.runDue();
        assertEquals(List.of("due@30000"), ran, "late, at the clock's instant: the clock never goes back");
    }

    @Test
    void aCancelledTaskNeverRunsAndLeavesTheQueue() {
        ScheduledFuture<?> grace = scheduler.schedule(mark("grace"), 30, TimeUnit.SECONDS);
        scheduler.schedule(mark("other"), 30, TimeUnit.SECONDS);
        assertEquals(2, scheduler.pending());
        assertTrue(grace.cancel(false));
        assertTrue(grace.isCancelled());
        assertEquals(1, scheduler.pending());
        scheduler.advance(Duration.ofMinutes(1));
        assertEquals(List.of("other@30000"), ran);
    }

    @Test
    void theDelayOfAWaitingTaskFollowsTheClock() {
        ScheduledFuture<?> f = scheduler.schedule(mark("x"), 10, TimeUnit.SECONDS);
        assertEquals(10_000, f.getDelay(TimeUnit.MILLISECONDS));
        clock.advance(Duration.ofSeconds(4));
        assertEquals(6_000, f.getDelay(TimeUnit.MILLISECONDS));
    }

    @Test
    void aFixedRateTaskRunsAtEachPeriodUntilCancelled() {
        ScheduledFuture<?> tick = scheduler.scheduleAtFixedRate(mark("tick"), 1, 2, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(6));
        assertEquals(List.of("tick@1000", "tick@3000", "tick@5000"), ran);
        tick.cancel(false);
        scheduler.advance(Duration.ofSeconds(6));
        assertEquals(3, ran.size());
        assertEquals(0, scheduler.pending());
    }

    @Test
    void aFixedDelayTaskCountsItsDelayFromTheEndOfEachRun() {
        scheduler.scheduleWithFixedDelay(() -> {
            mark("sweep").run();
            clock.advance(Duration.ofMillis(500)); // a run that takes half a second
        }, 0, 1, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(3));
        assertEquals(List.of("sweep@0", "sweep@1500", "sweep@3000"), ran);
    }

    @Test
    void aFailingTaskCompletesItsFutureWithTheErrorAndTheOthersStillRun() {
        IllegalStateException boom = new IllegalStateException("boom");
        ScheduledFuture<?> failing = scheduler.schedule(() -> {
            throw boom;
        }, 1, TimeUnit.SECONDS);
        ScheduledFuture<?> periodic = scheduler.scheduleAtFixedRate(() -> {
            throw boom;
        }, 1, 1, TimeUnit.SECONDS);
        scheduler.schedule(mark("after"), 2, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of("after@2000"), ran);
        ExecutionException e = assertThrows(ExecutionException.class, failing::get);
        assertEquals(boom, e.getCause());
        assertTrue(periodic.isDone(), "a periodic task that throws stops");
        assertEquals(List.of(boom, boom), scheduler.failures());
    }

    @Test
    void shutdownRefusesNewTasksCancelsPeriodicOnesAndLetsDelayedOnesRun() {
        ScheduledFuture<?> tick = scheduler.scheduleAtFixedRate(mark("tick"), 1, 1, TimeUnit.SECONDS);
        scheduler.schedule(mark("delayed"), 3, TimeUnit.SECONDS);
        scheduler.shutdown();
        assertTrue(scheduler.isShutdown());
        assertTrue(tick.isCancelled());
        assertFalse(scheduler.isTerminated(), "a delayed task still waits");
        RejectedExecutionException refused = assertThrows(RejectedExecutionException.class,
                () -> scheduler.execute(mark("late")));
        assertTrue(refused.getMessage().contains("shut down"), refused.getMessage());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of("delayed@3000"), ran);
        assertTrue(scheduler.isTerminated());
        assertTrue(scheduler.awaitTermination(1, TimeUnit.MILLISECONDS));
    }

    @Test
    void shutdownNowDropsEveryWaitingTaskAndReturnsThem() {
        scheduler.schedule(mark("a"), 1, TimeUnit.SECONDS);
        ScheduledFuture<?> b = scheduler.schedule(mark("b"), 2, TimeUnit.SECONDS);
        List<Runnable> dropped = scheduler.shutdownNow();
        assertEquals(2, dropped.size());
        assertTrue(b.isCancelled());
        assertTrue(scheduler.isTerminated());
        scheduler.advance(Duration.ofSeconds(5));
        assertEquals(List.of(), ran);
        assertThrows(RejectedExecutionException.class, () -> scheduler.schedule(mark("c"), 1, TimeUnit.SECONDS));
    }

    @Test
    void aTaskMayNotAdvanceTheSchedulerItRunsOn() {
        ScheduledFuture<?> nested = scheduler.schedule(() -> scheduler.advance(Duration.ofSeconds(1)), 0,
                TimeUnit.SECONDS);
        scheduler.runDue();
        ExecutionException e = assertThrows(ExecutionException.class, nested::get);
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void timeMovesOnlyForward() {
        scheduler.advance(Duration.ofSeconds(1));
        assertThrows(IllegalArgumentException.class, () -> scheduler.advance(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> scheduler.advanceTo(START));
        assertThrows(IllegalArgumentException.class,
                () -> scheduler.scheduleAtFixedRate(mark("x"), 0, 0, TimeUnit.SECONDS));
    }

    @Test
    void tasksScheduledFromOtherThreadsRunOnTheTestsThread() throws Exception {
        List<Thread> runners = new ArrayList<>();
        Thread other = new Thread(() -> {
            for (int i = 0; i < 100; i++) {
                scheduler.schedule(() -> runners.add(Thread.currentThread()), i, TimeUnit.MILLISECONDS);
            }
        });
        other.start();
        other.join();
        assertEquals(100, scheduler.advance(Duration.ofSeconds(1)));
        assertEquals(100, runners.size());
        assertTrue(runners.stream().allMatch(t -> t == Thread.currentThread()));
    }

    @Test
    void invokeAllIsRefusedWithAReason() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> scheduler.invokeAll(List.of(() -> 1)));
        assertTrue(e.getMessage().contains("advance"), e.getMessage());
    }
}
