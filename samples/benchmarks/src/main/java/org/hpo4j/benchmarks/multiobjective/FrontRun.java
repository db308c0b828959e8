package org.hpo4j.benchmarks.multiobjective;

import java.util.Arrays;
import java.util.List;
import org.hpo4j.benchmarks.CheckpointRun;
import org.hpo4j.benchmarks.EvaluationStreams;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.registry.Optimizers;

/**
 * Drives one optimizer of several objectives through ask/tell on one {@link MultiObjectiveProblem}
 * with one simulated worker ({@link CheckpointRun}, as {@link org.hpo4j.benchmarks.SeedRun} for one
 * objective): ask, evaluate, tell the objective vector, until the cumulative cost (restart
 * semantics) reaches the maximum. At each checkpoint cost it takes the normalised hypervolume of the
 * {@link IncumbentFront} right after the evaluation that brought the cost to the checkpoint or
 * beyond; an optimizer that finishes early keeps its final front for the later checkpoints.
 */
public final class FrontRun {
    private FrontRun() {
    }

    /**
     * What one seed produced.
     *
     * @param hypervolumes the incumbent front's normalised hypervolume at each checkpoint
     * @param frontSizes the number of configurations of that front at each checkpoint
     * @param overheadNanos time inside {@code ask()} plus {@code tell()}, per evaluation
     * @param evaluations number of evaluations run
     * @param cost the cumulative cost at the end, in full evaluations
     */
    public record Outcome(double[] hypervolumes, int[] frontSizes, long[] overheadNanos, int evaluations, double cost) {
    }

    /**
     * Runs {@code optimizerName} on {@code problem} with {@code seed}.
     *
     * @param checkpoints ascending costs, each at most {@code maxCost}
     * @throws IllegalArgumentException when the optimizer does not handle several objectives
     * @throws IllegalStateException when the optimizer waits although nothing is outstanding
     */
    public static Outcome run(MultiObjectiveProblem problem, String optimizerName, long seed, double maxCost,
                              double[] checkpoints) {
        Optimizer optimizer = Optimizers.create(optimizerName, problem.space(),
                new Fidelity(problem.minBudget(), problem.maxBudget()), seed);
        if (!optimizer.handlesSeveralObjectives()) {
            throw new IllegalArgumentException("optimizer '" + optimizerName + "' ranks by one value and cannot run "
                    + problem.name() + ", a problem of several objectives");
        }
        IncumbentFront front = new IncumbentFront();
        double[] hypervolumes = new double[checkpoints.length];
        int[] frontSizes = new int[checkpoints.length];
        CheckpointRun.Totals totals = CheckpointRun.run(problem, optimizer, optimizerName, seed, maxCost, checkpoints,
                new CheckpointRun.Steps() {
                    private double[] observed;

                    @Override
                    public Result evaluate(Job job) {
                        observed = problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id()));
                        return Result.of(Arrays.stream(observed).boxed().toList(), List.of());
                    }

                    @Override
                    public void evaluated(Job job, double effectiveBudget, Result result) {
                        front.offer(job.configuration(), effectiveBudget, observed);
                    }

                    @Override
                    public void checkpoint(int index) {
                        hypervolumes[index] = front.hypervolume(problem);
                        frontSizes[index] = front.members().size();
                    }
                });
        return new Outcome(hypervolumes, frontSizes, totals.overheadNanos(), totals.evaluations(), totals.cost());
    }
}
