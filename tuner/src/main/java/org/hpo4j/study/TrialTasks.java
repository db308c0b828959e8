package org.hpo4j.study;

import java.nio.file.Path;
import org.hpo4j.execute.Task;
import org.hpo4j.objective.CheckpointRoot;
import org.hpo4j.objective.InProcessTrialContext;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.SearchSpace;

/**
 * The task that runs a job of a study, the same wherever it runs (this process or a
 * {@link org.hpo4j.distributed.RemoteWorker}): the evaluation's seed derived from the study's, the
 * budget rounded for integer budgets, the job's work folder and its configuration's checkpoint folder.
 */
public final class TrialTasks {
    private final long seed;
    private final boolean integerBudget;

    /** Tasks of a study seeded with {@code seed} over {@code space}. */
    public TrialTasks(long seed, SearchSpace space) {
        this.seed = seed;
        this.integerBudget = space.budget().map(b -> b.integer()).orElse(false);
    }

    /** The budget an evaluation is given: rounded when the space's budget is an integer. */
    public double effectiveBudget(double budget) {
        return integerBudget ? Math.round(budget) : budget;
    }

    /**
     * The task of attempt {@code attempt} at {@code job}.
     *
     * @param workRoot the study's folder; the job's is {@code <it>/job-<id>}
     * @param checkpointRoot the study's checkpoint folder; {@code null} when it keeps no checkpoints
     */
    public Task task(Job job, int attempt, Path workRoot, Path checkpointRoot) {
        return task(job, attempt, workRoot, checkpointRoot, null);
    }

    /**
     * The task of attempt {@code attempt} at {@code job}, which may continue from the checkpoint its
     * configuration saved at the job's previous budget if the file has {@code checkpointDigest}
     * ({@link CheckpointDigests#expected}; {@code null}: nothing is loaded).
     */
    public Task task(Job job, int attempt, Path workRoot, Path checkpointRoot, String checkpointDigest) {
        return new Task(job.id(), attempt, job.configuration(), effectiveBudget(job.budget()),
                effectiveBudget(job.previousBudget()), InProcessTrialContext.deriveSeed(seed, job.id()),
                workRoot.resolve("job-" + job.id()),
                checkpointRoot == null ? null : CheckpointRoot.of(checkpointRoot, job.configId()), checkpointDigest);
    }
}
