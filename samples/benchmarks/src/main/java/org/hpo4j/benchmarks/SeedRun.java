package org.hpo4j.benchmarks;

import java.util.Arrays;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;

/**
 * Drives one optimizer through ask/tell on one problem with one simulated worker: ask, evaluate,
 * tell, until the cumulative cost reaches the maximum.
 *
 * <p>Cost uses restart semantics, as HpBandSter evaluates: every evaluation costs
 * {@code b / b_max} full evaluations, also when it continues a configuration promoted from a lower
 * budget. The regret at a checkpoint cost {@code c} is the regret of the incumbent right after the
 * evaluation that brought the cumulative cost to {@code c} or beyond (that evaluation included).
 * If an optimizer finishes before the maximum cost, later checkpoints get its final incumbent.
 */
public final class SeedRun {
    /** Cumulative costs within this (relative) of a checkpoint count as having reached it. */
    private static final double COST_SLACK = 1e-9;

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
        long[] overhead = new long[1024];
        int evaluations = 0;
        int nextCheckpoint = 0;
        // cost is accumulated in budget units and divided once, so 81 evaluations at 1/81 make exactly 1
        double spentBudget = 0;
        double maxBudget = problem.maxBudget();
        while (spentBudget / maxBudget < maxCost * (1 - COST_SLACK)) {
            long t0 = System.nanoTime();
            Ask asked = optimizer.ask();
            long t1 = System.nanoTime();
            if (asked.isFinished()) {
                break;
            }
            if (!(asked instanceof Ask.Run run)) {
                throw new IllegalStateException("optimizer '" + optimizerName + "' on " + problem.name() + " (seed "
                        + seed + ") asks to wait after " + evaluations + " evaluations although none is outstanding");
            }
            Job job = run.job();
            double value = problem.evaluate(job.configuration(), job.budget(), EvaluationStreams.forJob(seed, job.id()));
            long t2 = System.nanoTime();
            optimizer.tell(job, Result.of(value));
            long t3 = System.nanoTime();
            if (evaluations == overhead.length) {
                overhead = Arrays.copyOf(overhead, overhead.length * 2);
            }
            overhead[evaluations++] = (t1 - t0) + (t3 - t2);
            double budget = problem.effectiveBudget(job.budget());
            spentBudget += budget;
            incumbent.offer(job.configuration(), budget, value);
            while (nextCheckpoint < checkpoints.length
                    && spentBudget / maxBudget >= checkpoints[nextCheckpoint] * (1 - COST_SLACK)) {
                record(problem, incumbent, nextCheckpoint++, regrets, testScores);
            }
        }
        while (nextCheckpoint < checkpoints.length) {
            record(problem, incumbent, nextCheckpoint++, regrets, testScores);
        }
        return new SeedOutcome(regrets, Arrays.copyOf(overhead, evaluations), evaluations, spentBudget / maxBudget,
                testScores);
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
