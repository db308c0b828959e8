package org.hpo4j.execute;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs evaluations, up to {@link #parallelism()} at once, and hands back their outcomes in the
 * order they end. Whatever the objective does (throw, return NaN, hang, exhaust memory, end its
 * JVM), the task completes with a result or a failure and the executor stays usable.
 *
 * <p>Used from one coordinating thread: {@link #submit} and {@link #take} are not meant to be called
 * concurrently with each other.
 */
public interface Executor extends AutoCloseable {

    /** How many tasks may run at once. */
    int parallelism();

    /** Tasks submitted and not yet taken back. */
    int outstanding();

    /**
     * Starts a task.
     *
     * @throws IllegalStateException when {@link #parallelism()} tasks are already outstanding
     */
    void submit(Task task);

    /** Waits for the next task to end. */
    Completion take() throws InterruptedException;

    /** Waits at most {@code timeout} for the next task to end. */
    Optional<Completion> poll(Duration timeout) throws InterruptedException;

    /**
     * Asks the running task of job {@code jobId} to stop early: its {@code TrialContext.shouldStop()}
     * becomes true, and an objective that checks it returns. Nothing happens when the task is not
     * running (any more).
     */
    default void requestStop(int jobId) {
    }

    /** Sets who receives intermediate reports (none by default). */
    void reportsTo(ReportListener listener);

    /** Stops every worker; tasks still running are abandoned. */
    @Override
    void close();
}
