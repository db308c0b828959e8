package org.hpo4j.store;

import org.hpo4j.optimizer.Result;

/**
 * One attempt at a job: a worker claimed it and, perhaps, stored an outcome.
 *
 * @param jobId the job
 * @param attempt which attempt (1 for the first claim)
 * @param worker who claimed it
 * @param startedAt when it was claimed (epoch ms)
 * @param finishedAt when the worker stored its outcome (epoch ms), 0 while none
 * @param result the value or the failure the worker stored, {@code null} while none (the attempt
 *     runs, or its worker died)
 * @param counted whether that outcome became the job's result; false for a late result of an
 *     attempt that had been handed out again
 * @param abandoned whether the attempt's lease ran out with no outcome (its worker died or lost
 *     the database) and the job was handed out again; {@code finishedAt} is then when that was
 *     noticed. A result that still arrives later replaces this with its outcome, not counted.
 */
public record StoredAttempt(int jobId, int attempt, String worker, long startedAt, long finishedAt, Result result,
                            boolean counted, boolean abandoned) {

    /** An attempt that was not abandoned. */
    public StoredAttempt(int jobId, int attempt, String worker, long startedAt, long finishedAt, Result result,
                         boolean counted) {
        this(jobId, attempt, worker, startedAt, finishedAt, result, counted, false);
    }
}
