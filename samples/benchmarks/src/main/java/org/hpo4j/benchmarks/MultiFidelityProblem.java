package org.hpo4j.benchmarks;

import org.hpo4j.space.SearchSpace;

/**
 * What every benchmark problem has, of one objective ({@link BenchmarkProblem}) or several
 * ({@link org.hpo4j.benchmarks.multiobjective.MultiObjectiveProblem}): a name, a space whose
 * fidelity is the budget, the budget range {@code [minBudget, maxBudget]} ({@code maxBudget / 81}
 * unless the problem says otherwise: Hyperband with eta = 3 and five rungs) and the budget an
 * evaluation really uses, on which cost is charged.
 */
public interface MultiFidelityProblem {

    /** The problem's name as the module README and the runner's {@code --problems} spell it. */
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
     * rung computed as 8.999999999999996 is 9 draws; LCBench trains whole epochs); cost is charged on
     * this.
     */
    default double effectiveBudget(double budget) {
        return budget;
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
