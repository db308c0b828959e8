package org.hpo4j.benchmarks;

import java.util.OptionalDouble;
import java.util.random.RandomGenerator;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * A multi-fidelity benchmark problem: minimised, with a known (or reference) optimum, a budget
 * range {@code [minBudget, maxBudget]} ({@code maxBudget / 81} unless the problem says otherwise:
 * Hyperband with eta = 3 and five rungs) and a noise-free true value at the full budget against which
 * regret is measured.
 */
public interface BenchmarkProblem {

    /** The problem's name as PROBLEMS.md and the runner's {@code --problems} spell it. */
    String name();

    /** The hyperparameters, with the budget as the space's fidelity. */
    SearchSpace space();

    /** The full budget {@code b_max}. */
    double maxBudget();

    /** The smallest budget, {@code b_max / 81}. */
    default double minBudget() {
        return maxBudget() / 81;
    }

    /**
     * The budget an evaluation at {@code budget} really uses. It differs from {@code budget} only
     * where the budget is a count (counting-ones rounds to the nearest whole number of draws, so a
     * rung computed as 8.999999999999996 is 9 draws); cost is charged on this.
     */
    default double effectiveBudget(double budget) {
        return budget;
    }

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
     * The smallest true value over the space (PROBLEMS.md, {@code reference/optima.json}), or for
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

    /** Rejects budgets outside the problem's range, with a small tolerance for rounding. */
    default void checkBudget(double budget) {
        double slack = 1e-9 * maxBudget();
        if (!(budget >= minBudget() - slack && budget <= maxBudget() + slack)) {
            throw new IllegalArgumentException(name() + ": budget " + budget + " is outside ["
                    + minBudget() + ", " + maxBudget() + "]");
        }
    }
}
