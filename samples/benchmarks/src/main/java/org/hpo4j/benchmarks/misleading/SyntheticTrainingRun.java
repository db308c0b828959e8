package org.hpo4j.benchmarks.misleading;

import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * What the misleading-budget problems share: epochs as budget up to {@link TrainingCurve#MAX_EPOCHS},
 * a noise-free error per configuration and epoch count, observed with {@link TrainingCurve}'s noise.
 */
abstract class SyntheticTrainingRun implements BenchmarkProblem {
    private final String name;
    private final SearchSpace space;
    private final double optimum;

    /** @param hyperparameters the space without its budget, which this class adds */
    SyntheticTrainingRun(String name, SearchSpace.Builder hyperparameters, double optimum) {
        this.name = name;
        this.space = hyperparameters.budget("epochs", TrainingCurve.MAX_EPOCHS / 81, TrainingCurve.MAX_EPOCHS, false).build();
        this.optimum = optimum;
    }

    /** The noise-free error of {@code configuration} after {@code epochs} epochs. */
    abstract double value(Configuration configuration, double epochs);

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final SearchSpace space() {
        return space;
    }

    @Override
    public final double maxBudget() {
        return TrainingCurve.MAX_EPOCHS;
    }

    @Override
    public final double evaluate(Configuration configuration, double budget, RandomGenerator random) {
        checkBudget(budget);
        return TrainingCurve.observe(value(configuration, budget), random);
    }

    @Override
    public final double trueValue(Configuration configuration) {
        return value(configuration, TrainingCurve.MAX_EPOCHS);
    }

    @Override
    public final double optimum() {
        return optimum;
    }
}
