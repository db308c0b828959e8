package org.hpo4j.execute;

import org.hpo4j.optimizer.Result;

/**
 * A task that ended.
 *
 * @param task the task
 * @param result the objective's value as it returned it (not negated for maximization), or the
 *     failure with its cause
 * @param worker who ran it (a thread or a worker process)
 * @param startedAt when the evaluation started (epoch ms)
 * @param finishedAt when it ended (epoch ms)
 * @param continuedFrom the budget of the checkpoint the objective loaded and continued from; 0 when
 *     it started from scratch
 */
public record Completion(Task task, Result result, String worker, long startedAt, long finishedAt,
                         double continuedFrom) {

    /** A completion of an evaluation that started from scratch. */
    public Completion(Task task, Result result, String worker, long startedAt, long finishedAt) {
        this(task, result, worker, startedAt, finishedAt, 0);
    }
}
