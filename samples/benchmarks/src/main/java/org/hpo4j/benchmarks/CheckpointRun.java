package org.hpo4j.benchmarks;

import java.util.Arrays;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;

/**
 * The one run loop of the benchmark runner, for problems of one objective ({@link SeedRun}) and of
 * several ({@code FrontRun}): one simulated worker asks, evaluates and tells until the cumulative
 * cost reaches the maximum, timing {@code ask()} and {@code tell()}, and lets the caller record
 * its figures at each checkpoint cost.
 *
 * <p>Cost uses restart semantics, as HpBandSter evaluates: every evaluation costs
 * {@code b / b_max} full evaluations, also when it continues a configuration promoted from a lower
 * budget. The figures at a checkpoint cost {@code c} are taken right after the evaluation that
 * brought the cumulative cost to {@code c} or beyond (that evaluation included). If an optimizer
 * finishes before the maximum cost, later checkpoints get the figures of its end.
 */
public final class CheckpointRun {
    /** Cumulative costs within this (relative) of a checkpoint count as having reached it. */
    private static final double COST_SLACK = 1e-9;

    private CheckpointRun() {
    }

    /** What a run does with its problem's evaluations. */
    public interface Steps {
        /** Evaluates {@code job}: the result to tell the optimizer. */
        Result evaluate(Job job);

        /** Takes the evaluation of {@code job}, told already, at its effective budget into account. */
        void evaluated(Job job, double effectiveBudget, Result result);

        /** Records the figures of checkpoint {@code index}. */
        void checkpoint(int index);
    }

    /**
     * What the loop measured.
     *
     * @param overheadNanos time inside {@code ask()} plus {@code tell()}, per evaluation
     * @param evaluations number of evaluations run
     * @param cost the cumulative cost at the end, in full evaluations
     */
    public record Totals(long[] overheadNanos, int evaluations, double cost) {
    }

    /**
     * Runs {@code optimizer} on {@code problem} until {@code maxCost}.
     *
     * @param checkpoints ascending costs, each at most {@code maxCost}
     * @param optimizerName and {@code seed}: for the error message
     * @throws IllegalStateException when the optimizer asks to wait while no job is outstanding:
     *     with one worker it would wait forever
     */
    public static Totals run(MultiFidelityProblem problem, Optimizer optimizer, String optimizerName, long seed,
                             double maxCost, double[] checkpoints, Steps steps) {
        long[] overhead = new long[1024];
        int evaluations = 0;
        int next = 0;
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
            Result result = steps.evaluate(job);
            long t2 = System.nanoTime();
            optimizer.tell(job, result);
            long t3 = System.nanoTime();
            if (evaluations == overhead.length) {
                overhead = Arrays.copyOf(overhead, overhead.length * 2);
            }
            overhead[evaluations++] = (t1 - t0) + (t3 - t2);
            double budget = problem.effectiveBudget(job.budget());
            spentBudget += budget;
            steps.evaluated(job, budget, result);
            while (next < checkpoints.length && spentBudget / maxBudget >= checkpoints[next] * (1 - COST_SLACK)) {
                steps.checkpoint(next++);
            }
        }
        while (next < checkpoints.length) {
            steps.checkpoint(next++);
        }
        return new Totals(Arrays.copyOf(overhead, evaluations), evaluations, spentBudget / maxBudget);
    }
}
