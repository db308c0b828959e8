package org.hpo4j.benchmarks;

import java.util.List;
import java.util.random.RandomGenerator;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * conditional-mf: a synthetic training run with a categorical optimizer, a log-scale learning
 * rate, a momentum that exists only for SGD, integer depth and log-scale width, and dropout. The
 * budget is epochs ({@code b_max = 81}); low dropout converges faster, so the ranking at few epochs
 * differs from the ranking at 81.
 */
public final class ConditionalMf implements BenchmarkProblem {
    /**
     * The value at b = 81 of adam, lr 1e-3, 3 layers, width 256, dropout 0.19981734308808652,
     * computed numerically ({@code reference/optima.json}).
     */
    public static final double OPTIMUM = 0.050005848272251734;
    private static final double MAX_BUDGET = 81;

    private final SearchSpace space = SearchSpace.builder()
            .add(CategoricalParameter.of("optimizer", List.of("sgd", "adam", "rmsprop")))
            .add(FloatParameter.logUniform("lr", 1e-5, 1))
            .add(FloatParameter.uniform("momentum", 0, 0.99).when(Condition.equalTo("optimizer", "sgd")))
            .add(IntParameter.uniform("layers", 1, 5))
            .add(IntParameter.logUniform("width", 16, 1024))
            .add(FloatParameter.uniform("dropout", 0, 0.8))
            .budget("epochs", MAX_BUDGET / 81, MAX_BUDGET, false)
            .build();

    @Override
    public String name() {
        return "conditional-mf";
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
        return value(configuration, budget);
    }

    @Override
    public double trueValue(Configuration configuration) {
        return value(configuration, MAX_BUDGET);
    }

    @Override
    public double optimum() {
        return OPTIMUM;
    }

    /** f(config, b) of the module README. */
    static double value(Configuration c, double epochs) {
        String optimizer = c.getString("optimizer");
        double lr = c.getDouble("lr");
        if (lr >= 0.5) {
            return 1.0; // diverges
        }
        double dropout = c.getDouble("dropout");
        double q = asymptote(optimizer, lr, optimizer.equals("sgd") ? c.getDouble("momentum") : 0.9,
                c.getLong("layers"), c.getLong("width"), dropout);
        return q + (0.5 - q) * Math.exp(-epochs / (6 * (1 + dropout)));
    }

    /** q of the module README: the error the run converges to. */
    static double asymptote(String optimizer, double lr, double momentum, long layers, long width, double dropout) {
        double bestLr;
        double floor;
        switch (optimizer) {
            case "sgd":
                bestLr = 1e-1;
                floor = 0.06;
                break;
            case "adam":
                bestLr = 1e-3;
                floor = 0.05;
                break;
            case "rmsprop":
                bestLr = 3e-4;
                floor = 0.08;
                break;
            default:
                throw new IllegalArgumentException("conditional-mf: unknown optimizer '" + optimizer + "'");
        }
        double lrGap = Math.log10(lr) - Math.log10(bestLr);
        double widthGap = Math.log(width) / Math.log(2) - 8;
        return floor
                + 0.08 * lrGap * lrGap
                + (optimizer.equals("sgd") ? 0.10 * (momentum - 0.9) * (momentum - 0.9) : 0)
                + 0.02 * (layers - 3) * (layers - 3)
                + 0.03 * widthGap * widthGap / 4
                + 0.15 * (dropout - 0.2) * (dropout - 0.2);
    }
}
