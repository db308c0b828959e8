package org.hpo4j.execute;

import java.nio.file.Path;
import org.hpo4j.space.Configuration;

/**
 * One evaluation to run: a job's configuration at its budget, with what its {@code TrialContext}
 * gives the objective.
 *
 * @param jobId the job's id within the study
 * @param attempt which attempt at the job this is (1 for the first; a job that was running when a
 *     study was killed runs again as attempt 2)
 * @param configuration the values to evaluate
 * @param budget the budget of the evaluation
 * @param previousBudget the budget the configuration already reached, 0 if none
 * @param seed the evaluation's own seed ({@code InProcessTrialContext.deriveSeed})
 * @param workDirectory a folder for this evaluation's files, created when the objective asks for it
 * @param checkpointDirectory the folder of the configuration's checkpoints, shared by all its
 *     evaluations; {@code null} when the study keeps no checkpoints
 * @param checkpointDigest the digest the study store recorded for the configuration's checkpoint at
 *     {@code previousBudget} ({@code CheckpointFolder#digest}); {@code null} when none was recorded,
 *     and then no checkpoint is loaded
 */
public record Task(int jobId, int attempt, Configuration configuration, double budget, double previousBudget,
                   long seed, Path workDirectory, Path checkpointDirectory, String checkpointDigest) {

    /** A task whose configuration has no recorded checkpoint to continue from. */
    public Task(int jobId, int attempt, Configuration configuration, double budget, double previousBudget,
                long seed, Path workDirectory, Path checkpointDirectory) {
        this(jobId, attempt, configuration, budget, previousBudget, seed, workDirectory, checkpointDirectory, null);
    }

    /** A task without checkpoints. */
    public Task(int jobId, int attempt, Configuration configuration, double budget, double previousBudget,
                long seed, Path workDirectory) {
        this(jobId, attempt, configuration, budget, previousBudget, seed, workDirectory, null);
    }
}
