package org.hpo4j.store;

/** Where a stored job is in its life. */
public enum JobState {
    /** Handed out by the optimizer, waiting for a worker to claim it. */
    PENDING,
    /** Claimed by a worker, which holds a lease on it. */
    RUNNING,
    /** Ended with a value. */
    FINISHED,
    /** Ended without a value; the cause is stored. */
    FAILED;

    /** Whether the job has ended (finished or failed). */
    public boolean isDone() {
        return this == FINISHED || this == FAILED;
    }
}
