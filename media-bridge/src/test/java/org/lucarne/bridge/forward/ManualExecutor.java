package org.lucarne.bridge.forward;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** Workers that run nothing until the test says so, in submission order. */
final class ManualExecutor implements Executor {
    private final ArrayDeque<Runnable> pending = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        pending.add(task);
    }

    /** Runs the oldest pending task; false when there was none. */
    boolean runOne() {
        Runnable task;
        synchronized (this) {
            task = pending.poll();
        }
        if (task == null) {
            return false;
        }
        task.run();
        return true;
    }

    void runAll() {
        while (runOne()) {
            // until nothing is left, tasks queued by tasks included
        }
    }
}
