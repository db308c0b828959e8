package org.hpo4j.benchmarks;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.hpo4j.space.Configuration;

/**
 * A multi-fidelity benchmark problem: minimised, with a known (or reference) optimum, a budget
 * range {@code [minBudget, maxBudget]} ({@code maxBudget / 81} unless the problem says otherwise:
 * Hyperband with eta = 3 and five rungs) and a noise-free true value at the full budget against which
 * regret is measured.
 */
public interface BenchmarkProblem extends MultiFidelityProblem {

    /**
     * The observed value of {@code configuration} at {@code budget}.
     *
     * @param random the evaluation's own random stream; only noisy problems draw from it
     * @throws IllegalArgumentException for a budget outside {@code [minBudget, maxBudget]}
     */
    double evaluate(Configuration configuration, double budget, RandomGenerator random);

    /** The value at the full budget without noise. */
    double trueValue(Configuration configuration);

    /**
     * The smallest true value over the space ({@code reference/optima.json}), or for
     * LCBench the reference optimum of {@code lcbench/optima.json}.
     */
    double optimum();

    /**
     * What a user would get from {@code configuration}: its score on held-out test data at the full
     * budget, reported beside regret for the incumbent; empty for problems without test data (all
     * but LCBench, whose score is {@code test_balanced_accuracy} at epoch 52).
     */
    default OptionalDouble testScore(Configuration configuration) {
        return OptionalDouble.empty();
    }

    /**
     * True value minus optimum; never negative where the optimum is exact, negative where an
     * optimizer beats a reference optimum (LCBench), reported as it is.
     */
    default double regret(Configuration configuration) {
        return trueValue(configuration) - optimum();
    }
}
