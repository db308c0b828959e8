package org.hpo4j.benchmarks;

import org.hpo4j.space.Configuration;

/**
 * HpBandSter's incumbent rule (samples/benchmarks/README.md): the configuration with the best observed value among
 * the evaluations at the highest budget reached so far. The first evaluation at a new, higher
 * budget becomes the incumbent whatever its value.
 */
final class IncumbentTracker {
    /** Budgets closer than this (relative) are the same rung, whatever rounding produced them. */
    private static final double SAME_BUDGET = 1e-9;

    private double budget;
    private double value = Double.POSITIVE_INFINITY;
    private Configuration configuration;

    /** Takes one finished evaluation into account; failures ({@code NaN}) never become incumbent. */
    void offer(Configuration evaluated, double evaluatedBudget, double observed) {
        if (Double.isNaN(observed)) {
            return;
        }
        // budgets are positive; those within SAME_BUDGET of each other are one rung
        if (configuration == null || evaluatedBudget > budget * (1 + SAME_BUDGET)) {
            budget = evaluatedBudget;
            value = observed;
            configuration = evaluated;
        } else if (evaluatedBudget >= budget * (1 - SAME_BUDGET) && observed < value) {
            value = observed;
            configuration = evaluated;
        }
    }

    /** The incumbent, {@code null} before the first successful evaluation. */
    Configuration configuration() {
        return configuration;
    }

    /** The budget of the incumbent's rung. */
    double budget() {
        return budget;
    }

    /** The incumbent's observed value. */
    double value() {
        return value;
    }
}
