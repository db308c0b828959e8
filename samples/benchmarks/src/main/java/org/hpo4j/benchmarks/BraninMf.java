package org.hpo4j.benchmarks;

import java.util.random.RandomGenerator;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;

/**
 * branin-mf: Branin's function whose coefficients drift with the fidelity {@code z = b / 81}; at
 * {@code z = 1} it is the standard Branin function.
 */
public final class BraninMf implements BenchmarkProblem {
    /** Minimum of the standard Branin function. */
    public static final double OPTIMUM = 0.397887357729738;
    private static final double MAX_BUDGET = 81;

    private final SearchSpace space = SearchSpace.builder()
            .add(FloatParameter.uniform("x1", -5, 10))
            .add(FloatParameter.uniform("x2", 0, 15))
            .budget("budget", MAX_BUDGET / 81, MAX_BUDGET, false)
            .build();

    @Override
    public String name() {
        return "branin-mf";
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public double maxBudget() {
        return MAX_BUDGET;
    }

    @Override
    public double evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        return value(configuration.getDouble("x1"), configuration.getDouble("x2"), budget / MAX_BUDGET);
    }

    @Override
    public double trueValue(Configuration configuration) {
        return value(configuration.getDouble("x1"), configuration.getDouble("x2"), 1);
    }

    @Override
    public double optimum() {
        return OPTIMUM;
    }

    /** f(x, z) of the module README. */
    static double value(double x1, double x2, double z) {
        double a = 1;
        double r = 6;
        double s = 10;
        double b = 5.1 / (4 * Math.PI * Math.PI) - 0.01 * (1 - z);
        double c = 5 / Math.PI - 0.1 * (1 - z);
        double t = 1 / (8 * Math.PI) + 0.05 * (1 - z);
        double inner = x2 - b * x1 * x1 + c * x1 - r;
        return a * inner * inner + s * (1 - t) * Math.cos(x1) + s;
    }
}
