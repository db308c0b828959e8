package org.hpo4j.execute;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The finished tasks of an {@link Executor} and the count of tasks submitted but not yet taken, so
 * that every executor enforces its parallelism and hands out completions the same way.
 */
final class CompletionQueue {
    private final int parallelism;
    private final LinkedBlockingQueue<Completion> done = new LinkedBlockingQueue<>();
    private int outstanding;

    /** A queue for an executor that runs at most {@code parallelism} tasks at once. */
    CompletionQueue(int parallelism) {
        this.parallelism = parallelism;
    }

    /** Counts one more submitted task; fails when {@code parallelism} tasks are outstanding already. */
    synchronized void reserve() {
        if (outstanding >= parallelism) {
            throw new IllegalStateException("already " + outstanding + " tasks running; parallelism is " + parallelism);
        }
        outstanding++;
    }

    /** Tasks submitted whose completion has not been taken yet. */
    synchronized int outstanding() {
        return outstanding;
    }

    /** Hands a finished task to {@link #take()} and {@link #poll(Duration)}. */
    void add(Completion completion) {
        done.add(completion);
    }

    /** Waits for the next finished task. */
    Completion take() throws InterruptedException {
        Completion c = done.take();
        taken();
        return c;
    }

    /** The next finished task, waiting at most {@code wait}; empty if none finished by then. */
    Optional<Completion> poll(Duration wait) throws InterruptedException {
        Completion c = done.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
        if (c != null) {
            taken();
        }
        return Optional.ofNullable(c);
    }

    private synchronized void taken() {
        outstanding--;
    }
}
