package org.hpo4j.benchmarks.hard;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.benchmarks.SeedOutcome;
import org.hpo4j.benchmarks.SeedRun;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * A diagnostic: a problem of the runner whose evaluations fail at random, whatever the
 * configuration (as when machines are lost), to measure what an optimizer's handling of failures
 * costs where failures say nothing about the configuration (the opposite of
 * {@code diverging-training}). Prints the median regret at cost 10, 30 and 100 per optimizer.
 *
 * <p>{@code java -cp hpo4j-benchmarks.jar org.hpo4j.benchmarks.hard.RandomFailures <problem> <rate> <seeds> <optimizers>},
 * for example {@code branin-mf 0.15 8 hyper-gp,gp}.
 */
public final class RandomFailures implements BenchmarkProblem {
    private static final double[] COSTS = {10, 30, 100};

    private final BenchmarkProblem problem;
    private final double rate;

    /** {@code problem} with a share {@code rate} of its evaluations failing. */
    public RandomFailures(BenchmarkProblem problem, double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate " + rate + " must be in [0, 1)");
        }
        this.problem = problem;
        this.rate = rate;
    }

    @Override
    public String name() {
        return problem.name() + " failing " + rate;
    }

    @Override
    public SearchSpace space() {
        return problem.space();
    }

    @Override
    public double maxBudget() {
        return problem.maxBudget();
    }

    @Override
    public double minBudget() {
        return problem.minBudget();
    }

    @Override
    public double effectiveBudget(double budget) {
        return problem.effectiveBudget(budget);
    }

    @Override
    public double evaluate(Configuration configuration, double budget, RandomGenerator random) {
        double value = problem.evaluate(configuration, budget, random);
        // drawn after the problem's own noise, so the values that do not fail are the problem's
        return random.nextDouble() < rate ? Double.NaN : value;
    }

    @Override
    public double trueValue(Configuration configuration) {
        return problem.trueValue(configuration);
    }

    @Override
    public double optimum() {
        return problem.optimum();
    }

    /** Runs the diagnostic; arguments as in the class comment. */
    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: RandomFailures <problem> <rate> <seeds> <optimizer,...>");
        }
        RandomFailures failing = new RandomFailures(Problems.byName(args[0]), Double.parseDouble(args[1]));
        int seeds = Integer.parseInt(args[2]);
        for (String optimizer : args[3].split(",")) {
            double[][] regrets = new double[COSTS.length][seeds];
            for (int seed = 0; seed < seeds; seed++) {
                SeedOutcome outcome = SeedRun.run(failing, optimizer, seed, COSTS[COSTS.length - 1], COSTS);
                for (int k = 0; k < COSTS.length; k++) {
                    regrets[k][seed] = outcome.regrets()[k];
                }
            }
            StringBuilder line = new StringBuilder(failing.name() + " / " + optimizer + ", median regret at cost 10 / 30 / 100:");
            for (double[] atCost : regrets) {
                Arrays.sort(atCost);
                line.append(String.format(" %.3g", (atCost[(seeds - 1) / 2] + atCost[seeds / 2]) / 2));
            }
            System.out.println(line);
        }
    }
}
