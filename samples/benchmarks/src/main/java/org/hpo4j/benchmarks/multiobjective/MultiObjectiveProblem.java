package org.hpo4j.benchmarks.multiobjective;

import java.util.List;
import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.MultiFidelityProblem;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.space.Configuration;

/**
 * A multi-fidelity benchmark problem of two or more objectives, all minimised, with a known (or
 * reference) Pareto front. Budgets and cost are those of single-objective problems
 * ({@link org.hpo4j.benchmarks.BenchmarkProblem}): restart semantics, every evaluation costs
 * {@code effectiveBudget(b) / maxBudget}. Quality is the {@link #hypervolume} of the true objectives
 * (at the full budget, without noise) of the incumbent front, with respect to {@link #REFERENCE}.
 */
public interface MultiObjectiveProblem extends MultiFidelityProblem {
    /** The reference point of every hypervolume: (1, 1), the corner of the unit square. */
    double[] REFERENCE = {1, 1};

    /**
     * The observed objectives of {@code configuration} at {@code budget}, in the problem's order.
     *
     * @param random the evaluation's own random stream; only noisy problems draw from it
     * @throws IllegalArgumentException for a budget outside {@code [minBudget, maxBudget]}
     */
    double[] evaluate(Configuration configuration, double budget, RandomGenerator random);

    /** The objectives at the full budget without noise. */
    double[] trueObjectives(Configuration configuration);

    /**
     * The hypervolume of the best front there is, which {@link #hypervolume} divides by: 1 where
     * the problem's own normalisation already puts the ideal point at the origin (LCBench), the
     * hypervolume of the known front otherwise.
     */
    double bestHypervolume();

    /**
     * The normalised hypervolume of points given by their true objectives: the hypervolume they
     * dominate below {@link #REFERENCE} (points not below it in every objective add nothing),
     * divided by {@link #bestHypervolume()}. 0 is nothing, 1 the best front.
     */
    default double hypervolume(List<double[]> trueObjectives) {
        return Pareto.hypervolume(trueObjectives, REFERENCE) / bestHypervolume();
    }
}
