package org.hpo4j.benchmarks;

import java.util.random.RandomGenerator;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;

/**
 * hartmann6-mf: the six-dimensional Hartmann function on {@code [0, 1]^6} whose weights shrink by
 * {@code 0.1 (1 - z)} at lower fidelity {@code z = b / 81}.
 */
public final class Hartmann6Mf implements BenchmarkProblem {
    /** Minimum of the standard Hartmann-6 function. */
    public static final double OPTIMUM = -3.322368011391339;
    private static final double MAX_BUDGET = 81;
    private static final double[] ALPHA = {1.0, 1.2, 3.0, 3.2};
    private static final double[][] A = {
            {10, 3, 17, 3.5, 1.7, 8},
            {0.05, 10, 17, 0.1, 8, 14},
            {3, 3.5, 1.7, 10, 17, 8},
            {17, 8, 0.05, 10, 0.1, 14}};
    private static final double[][] P = {
            {1312, 1696, 5569, 124, 8283, 5886},
            {2329, 4135, 8307, 3736, 1004, 9991},
            {2348, 1451, 3522, 2883, 3047, 6650},
            {4047, 8828, 8732, 5743, 1091, 381}};
    private static final String[] NAMES = {"x1", "x2", "x3", "x4", "x5", "x6"};
    /** The centres are {@code 1e-4 P}, each product computed once as it was inside the formula. */
    private static final MultiFidelityHartmann FUNCTION = new MultiFidelityHartmann(ALPHA, A, scaled(P));

    private final SearchSpace space;

    private static double[][] scaled(double[][] integers) {
        double[][] out = new double[integers.length][];
        for (int i = 0; i < integers.length; i++) {
            out[i] = new double[integers[i].length];
            for (int j = 0; j < out[i].length; j++) {
                out[i][j] = 1e-4 * integers[i][j];
            }
        }
        return out;
    }

    /** The problem with its space {@code x1..x6 in [0, 1]}. */
    public Hartmann6Mf() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (String n : NAMES) {
            b.add(FloatParameter.uniform(n, 0, 1));
        }
        space = b.budget("budget", MAX_BUDGET / 81, MAX_BUDGET, false).build();
    }

    @Override
    public String name() {
        return "hartmann6-mf";
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
        return value(point(configuration), budget / MAX_BUDGET);
    }

    @Override
    public double trueValue(Configuration configuration) {
        return value(point(configuration), 1);
    }

    @Override
    public double optimum() {
        return OPTIMUM;
    }

    private static double[] point(Configuration configuration) {
        double[] x = new double[NAMES.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = configuration.getDouble(NAMES[j]);
        }
        return x;
    }

    /** f(x, z) of the module README. */
    static double value(double[] x, double z) {
        return FUNCTION.value(x, z);
    }
}
