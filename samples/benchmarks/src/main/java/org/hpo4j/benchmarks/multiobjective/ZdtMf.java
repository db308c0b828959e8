package org.hpo4j.benchmarks.multiobjective;

import java.util.random.RandomGenerator;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;

/**
 * zdt1-mf: ZDT1's convex front (Zitzler, Deb, Thiele 2000) with a distance function whose optimum
 * moves with the fidelity {@code z = b / 81}, so that small budgets point away from the front. Five
 * parameters {@code x1 .. x5} in [0, 1]:
 *
 * <pre>
 * c_i(z) = 0.5 + 0.3 (1 - z) (-1)^i                          i = 2 .. 5
 * g(x, z) = 1 + 2 mean_{i=2..5} (2 (x_i - c_i(z)))^2
 * f1 = x1
 * f2 = g (1 - sqrt(x1 / g))
 * </pre>
 *
 * At the full budget the front is {@code x2 .. x5 = 0.5} ({@code g = 1}): {@code f2 = 1 - sqrt(f1)},
 * {@code f1} in [0, 1], whose hypervolume below (1, 1) is {@code 2 / 3}; hypervolumes are divided by
 * it. At the smallest budget the distance optimum lies 0.296 from the true one in every coordinate,
 * so a configuration best at budget 1 has {@code g = 1.70} at 81.
 */
public final class ZdtMf implements MultiObjectiveProblem {
    /** The hypervolume of the true front {@code f2 = 1 - sqrt(f1)} below (1, 1). */
    public static final double FRONT_HYPERVOLUME = 2.0 / 3;
    private static final double MAX_BUDGET = 81;
    private static final int DISTANCE_PARAMETERS = 4;
    private static final double SHIFT = 0.3;

    private final SearchSpace space;

    /** The problem. */
    public ZdtMf() {
        SearchSpace.Builder builder = SearchSpace.builder();
        for (int i = 1; i <= DISTANCE_PARAMETERS + 1; i++) {
            builder.add(FloatParameter.uniform("x" + i, 0, 1));
        }
        space = builder.budget("budget", MAX_BUDGET / 81, MAX_BUDGET, false).build();
    }

    @Override
    public String name() {
        return "zdt1-mf";
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
    public double[] evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        return objectives(coordinates(configuration), budget / MAX_BUDGET);
    }

    @Override
    public double[] trueObjectives(Configuration configuration) {
        return objectives(coordinates(configuration), 1);
    }

    @Override
    public double bestHypervolume() {
        return FRONT_HYPERVOLUME;
    }

    private double[] coordinates(Configuration configuration) {
        double[] x = new double[DISTANCE_PARAMETERS + 1];
        for (int i = 0; i < x.length; i++) {
            x[i] = configuration.getDouble("x" + (i + 1));
        }
        return x;
    }

    /** (f1, f2) of the class comment, {@code x[0]} being {@code x1}. */
    static double[] objectives(double[] x, double z) {
        double sum = 0;
        for (int i = 2; i <= DISTANCE_PARAMETERS + 1; i++) {
            double centre = 0.5 + SHIFT * (1 - z) * (i % 2 == 0 ? 1 : -1);
            double d = 2 * (x[i - 1] - centre);
            sum += d * d;
        }
        double g = 1 + 2 * sum / DISTANCE_PARAMETERS;
        double f1 = x[0];
        return new double[] {f1, g * (1 - Math.sqrt(f1 / g))};
    }
}
