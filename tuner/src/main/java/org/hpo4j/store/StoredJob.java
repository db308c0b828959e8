package org.hpo4j.store;

import java.util.List;

import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;

/**
 * A job as a store holds it.
 *
 * @param jobId the optimizer's job id
 * @param configId the configuration's identity
 * @param rung the successive-halving rung
 * @param budget the budget
 * @param previousBudget the budget the configuration already reached
 * @param configuration the configuration as {@link ConfigurationCodec} JSON
 * @param state where the job is
 * @param attempt how many times a worker claimed it (0 while never claimed); a result is accepted
 *     only for the current attempt
 * @param worker the worker of the current attempt, {@code null} if none
 * @param leaseUntil until when (epoch ms) the worker's claim holds without a heartbeat, 0 if none
 * @param handedSeq position of the hand-out in the study's event order
 * @param finishedSeq the study's event number taken when the result was stored, 0 while not done
 * @param startedAt when the current attempt started (epoch ms), 0 if none
 * @param finishedAt when it ended (epoch ms), 0 if not done
 * @param value the objective's value as it returned it (not negated), NaN unless finished
 * @param failure why it failed, {@code null} unless failed
 * @param toldSeq position of the result in the study's event order (when the coordinator told it to
 *     the optimizer), 0 while not {@linkplain StudyStore#acknowledge acknowledged}
 * @param continuedFrom the budget the objective continued from (it loaded the checkpoint saved
 *     there) and which the study charged from, 0 when it started from scratch and was charged the
 *     full budget, or while not done
 * @param stopAttempt the attempt the coordinator's curve stopper asked to stop early, 0 if none; a
 *     request for an earlier attempt does not concern the current one
 * @param objectives every objective value as returned, for a study of several objectives or with
 *     constraints; empty otherwise (then {@code value} is the one objective) and unless finished
 * @param constraints the constrained components' values as returned; empty without constraints
 */
public record StoredJob(int jobId, Job.ConfigId configId, int rung, double budget, double previousBudget,
                        String configuration, JobState state, int attempt, String worker, long leaseUntil,
                        long handedSeq, long finishedSeq, long startedAt, long finishedAt, double value,
                        String failure, long toldSeq, double continuedFrom, int stopAttempt,
                        List<Double> objectives, List<Double> constraints) {

    /** Copies the lists. */
    public StoredJob {
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
    }

    /** A job of a single-objective study (no vectors). */
    public StoredJob(int jobId, Job.ConfigId configId, int rung, double budget, double previousBudget,
                     String configuration, JobState state, int attempt, String worker, long leaseUntil,
                     long handedSeq, long finishedSeq, long startedAt, long finishedAt, double value,
                     String failure, long toldSeq, double continuedFrom, int stopAttempt) {
        this(jobId, configId, rung, budget, previousBudget, configuration, state, attempt, worker, leaseUntil,
                handedSeq, finishedSeq, startedAt, finishedAt, value, failure, toldSeq, continuedFrom, stopAttempt,
                List.of(), List.of());
    }

    /** The same job with the objective and constraint values of its result. */
    public StoredJob withValues(List<Double> objectiveValues, List<Double> constraintValues) {
        return new StoredJob(jobId, configId, rung, budget, previousBudget, configuration, state, attempt, worker,
                leaseUntil, handedSeq, finishedSeq, startedAt, finishedAt, value, failure, toldSeq, continuedFrom,
                stopAttempt, objectiveValues, constraintValues);
    }

    /** Whether the result has values beyond the one {@code value} (several objectives or constraints). */
    static boolean hasVectors(Result result) {
        return !result.isFailure() && (result.objectives().size() > 1 || !result.constraints().isEmpty());
    }

    /**
     * Whether the curve stopper asked the running attempt to stop early (for an ended job: the
     * attempt whose result counts); false while the job is pending.
     */
    public boolean stopRequested() {
        return stopAttempt != 0 && stopAttempt == attempt && state != JobState.PENDING;
    }

    /** The optimizer's job, with the configuration read back through {@code space}. */
    public Job toJob(SearchSpace space) {
        return new Job(jobId, configId, ConfigurationCodec.decode(space, configuration), budget, previousBudget, rung);
    }

    /**
     * The outcome as stored (the value not negated).
     *
     * @throws IllegalStateException when the job has not ended
     */
    public Result result() {
        if (state == JobState.FINISHED) {
            return objectives.isEmpty() ? Result.of(value) : Result.of(objectives, constraints);
        }
        if (state == JobState.FAILED) {
            return Result.failed(failure);
        }
        throw new IllegalStateException("job " + jobId + " has not ended (" + state + ")");
    }
}
