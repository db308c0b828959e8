package org.hpo4j.benchmarks;

import java.util.List;
import java.util.random.RandomGenerator;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;

/**
 * counting-ones (BOHB paper): eight binary categoricals and eight continuous parameters; each
 * continuous {@code x_j} counts through the mean of {@code b} Bernoulli({@code x_j}) draws, so low
 * budgets are noisy. The budget is a number of draws, {@code b_max = 729}.
 */
public final class CountingOnes implements BenchmarkProblem {
    /** {@code -(8 ones + 8 certain successes)}. */
    public static final double OPTIMUM = -16.0;
    private static final int MAX_DRAWS = 729;
    private static final int CATEGORICALS = 8;
    private static final int CONTINUOUS = 8;

    private final SearchSpace space;

    /** The problem with its space {@code c1..c8 in {"0","1"}}, {@code x1..x8 in [0, 1]}. */
    public CountingOnes() {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 1; i <= CATEGORICALS; i++) {
            b.add(CategoricalParameter.of("c" + i, List.of("0", "1")));
        }
        for (int j = 1; j <= CONTINUOUS; j++) {
            b.add(FloatParameter.uniform("x" + j, 0, 1));
        }
        space = b.budget("draws", MAX_DRAWS / 81, MAX_DRAWS, true).build();
    }

    @Override
    public String name() {
        return "counting-ones";
    }

    @Override
    public SearchSpace space() {
        return space;
    }

    @Override
    public double maxBudget() {
        return MAX_DRAWS;
    }

    @Override
    public double minBudget() {
        // integer division: the rungs are exactly 9, 27, 81, 243, 729 draws
        return MAX_DRAWS / 81;
    }

    @Override
    public double effectiveBudget(double budget) {
        return draws(budget);
    }

    /**
     * The number of draws for a budget: the nearest integer, so that a rung computed in floating
     * point as 8.999999999999996 is 9 draws, not 8.
     */
    public static int draws(double budget) {
        return (int) Math.round(budget);
    }

    @Override
    public double evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        int n = draws(budget);
        double sum = ones(configuration);
        for (int j = 1; j <= CONTINUOUS; j++) {
            double p = configuration.getDouble("x" + j);
            int successes = 0;
            for (int k = 0; k < n; k++) {
                if (random.nextDouble() < p) {
                    successes++;
                }
            }
            sum += (double) successes / n;
        }
        return -sum;
    }

    @Override
    public double trueValue(Configuration configuration) {
        double sum = ones(configuration);
        for (int j = 1; j <= CONTINUOUS; j++) {
            sum += configuration.getDouble("x" + j);
        }
        return -sum;
    }

    @Override
    public double optimum() {
        return OPTIMUM;
    }

    private static double ones(Configuration configuration) {
        double sum = 0;
        for (int i = 1; i <= CATEGORICALS; i++) {
            sum += Integer.parseInt(configuration.getString("c" + i));
        }
        return sum;
    }
}
