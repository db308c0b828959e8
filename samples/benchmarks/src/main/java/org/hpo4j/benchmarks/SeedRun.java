package org.hpo4j.benchmarks;

import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;

/**
 * Drives one optimizer through ask/tell on one problem of one objective with one simulated worker
 * ({@link CheckpointRun}: ask, evaluate, tell, until the cumulative cost reaches the maximum),
 * recording the incumbent's regret and test score at each checkpoint cost. If an optimizer finishes
 * before the maximum cost, later checkpoints get its final incumbent.
 */
public final class SeedRun {
    private SeedRun() {
    }

    /**
     * Runs {@code optimizerName} on {@code problem} with {@code seed}.
     *
     * @param checkpoints ascending costs, each at most {@code maxCost}
     * @throws IllegalStateException when the optimizer asks to wait while no job is outstanding:
     *     with one worker it would wait forever
     */
    public static SeedOutcome run(BenchmarkProblem problem, String optimizerName, long seed,
                                  double maxCost, double[] checkpoints) {
        Fidelity fidelity = new Fidelity(problem.minBudget(), problem.maxBudget());
        return run(problem, Optimizers.create(optimizerName, problem.space(), fidelity, seed), optimizerName, seed,
                maxCost, checkpoints);
    }

    /**
     * Runs an optimizer built elsewhere (with {@code seed} or not); {@code seed} derives the
     * evaluations' random streams and {@code optimizerName} names it in errors.
     */
    public static SeedOutcome run(BenchmarkProblem problem, Optimizer optimizer, String optimizerName, long seed,
                                  double maxCost, double[] checkpoints) {
        IncumbentTracker incumbent = new IncumbentTracker();
        double[] regrets = new double[checkpoints.length];
        double[] testScores = new double[checkpoints.length];
        CheckpointRun.Totals totals = CheckpointRun.run(problem, optimizer, optimizerName, seed, maxCost, checkpoints,
                new CheckpointRun.Steps() {
                    @Override
                    public Result evaluate(Job job) {
                        return Result.of(problem.evaluate(job.configuration(), job.budget(),
                                EvaluationStreams.forJob(seed, job.id())));
                    }

                    @Override
                    public void evaluated(Job job, double effectiveBudget, Result result) {
                        incumbent.offer(job.configuration(), effectiveBudget, result.isFailure() ? Double.NaN : result.value());
                    }

                    @Override
                    public void checkpoint(int index) {
                        record(problem, incumbent, index, regrets, testScores);
                    }
                });
        return new SeedOutcome(regrets, totals.overheadNanos(), totals.evaluations(), totals.cost(), testScores);
    }

    private static void record(BenchmarkProblem problem, IncumbentTracker incumbent, int checkpoint, double[] regrets,
                               double[] testScores) {
        regrets[checkpoint] = regretOf(problem, incumbent);
        testScores[checkpoint] = incumbent.configuration() == null ? Double.NaN
                : problem.testScore(incumbent.configuration()).orElse(Double.NaN);
    }

    private static double regretOf(BenchmarkProblem problem, IncumbentTracker incumbent) {
        // no successful evaluation yet: nothing is known, report NaN rather than invent a value
        return incumbent.configuration() == null ? Double.NaN : problem.regret(incumbent.configuration());
    }
}
