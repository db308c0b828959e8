package org.hpo4j.execute;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the built-in executors share: ended tasks wait in one {@link CompletionQueue} until the run
 * takes them, and intermediate reports go to one listener.
 */
abstract class QueuedExecutor implements Executor {
    /** The ended tasks, and how many are outstanding. */
    final CompletionQueue done;
    /** Who receives intermediate reports; none until {@link #reportsTo} is called. */
    volatile ReportListener listener = (task, step, value) -> { };

    /** An executor with room for {@code capacity} outstanding tasks. */
    QueuedExecutor(int capacity) {
        this.done = new CompletionQueue(capacity);
    }

    @Override
    public int outstanding() {
        return done.outstanding();
    }

    @Override
    public Completion take() throws InterruptedException {
        return done.take();
    }

    @Override
    public Optional<Completion> poll(Duration wait) throws InterruptedException {
        return done.poll(wait);
    }

    @Override
    public void reportsTo(ReportListener reportListener) {
        this.listener = Objects.requireNonNull(reportListener, "listener");
    }
}
