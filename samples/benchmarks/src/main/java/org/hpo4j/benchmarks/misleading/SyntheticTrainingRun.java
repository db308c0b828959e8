package org.hpo4j.benchmarks.misleading;

import java.util.random.RandomGenerator;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * What the synthetic training runs share (the misleading-budget problems and the hard ones of
 * {@code org.hpo4j.benchmarks.hard}): epochs as budget up to {@link TrainingCurve#MAX_EPOCHS}, a
 * noise-free error per configuration and epoch count, observed with Gaussian noise of a fixed
 * standard deviation ({@link TrainingCurve#NOISE} unless the problem says otherwise).
 */
public abstract class SyntheticTrainingRun implements BenchmarkProblem {
    private final String name;
    private final SearchSpace space;
    private final double optimum;
    private final double noise;

    /** A run observed with {@link TrainingCurve#NOISE}; {@code hyperparameters} is the space without its budget, which this class adds. */
    protected SyntheticTrainingRun(String name, SearchSpace.Builder hyperparameters, double optimum) {
        this(name, hyperparameters, optimum, TrainingCurve.NOISE);
    }

    /**
     * @param hyperparameters the space without its budget, which this class adds
     * @param noise the standard deviation of the observation noise; 0 for a deterministic problem
     */
    protected SyntheticTrainingRun(String name, SearchSpace.Builder hyperparameters, double optimum, double noise) {
        if (!(noise >= 0)) {
            throw new IllegalArgumentException(name + ": noise " + noise + " must be at least 0");
        }
        this.name = name;
        this.space = hyperparameters.budget("epochs", TrainingCurve.MAX_EPOCHS / 81, TrainingCurve.MAX_EPOCHS, false).build();
        this.optimum = optimum;
        this.noise = noise;
    }

    /** The noise-free error of {@code configuration} after {@code epochs} epochs. */
    protected abstract double value(Configuration configuration, double epochs);

    /** The standard deviation of the observation noise (the same at every budget). */
    public final double noise() {
        return noise;
    }

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
        double value = value(configuration, budget);
        // without a random stream (a caller that wants the noise-free value) nothing is drawn
        return noise == 0 || random == null ? value : value + noise * random.nextGaussian();
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
