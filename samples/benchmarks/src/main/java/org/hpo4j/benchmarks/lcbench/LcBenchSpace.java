package org.hpo4j.benchmarks.lcbench;

import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;

/**
 * LCBench's search space as YAHPO Gym defines it ({@code lcbench/config_space.json}; the test
 * {@code LcBenchTest} checks the two agree), with the epoch as fidelity: {@code b_max = 52},
 * {@code b_min = 52 / 27}, so Hyperband with eta = 3 has the four rungs 1.93, 5.78, 17.3 and 52,
 * run as 2, 6, 17 and 52 epochs.
 */
public final class LcBenchSpace {
    public static final String BATCH_SIZE = "batch_size";
    public static final String LEARNING_RATE = "learning_rate";
    public static final String MOMENTUM = "momentum";
    public static final String WEIGHT_DECAY = "weight_decay";
    public static final String NUM_LAYERS = "num_layers";
    public static final String MAX_UNITS = "max_units";
    public static final String MAX_DROPOUT = "max_dropout";
    public static final String EPOCH = "epoch";

    /** The full budget, in epochs. */
    public static final double MAX_EPOCHS = 52;
    /** The smallest budget: four rungs with eta = 3. */
    public static final double MIN_EPOCHS = MAX_EPOCHS / 27;

    /**
     * The lower bound of {@code learning_rate} as {@code config_space.json} spells it: the
     * round-off of 1e-4 that ConfigSpace's log transform left there. The space uses it as is, so
     * that configurations at the bound are the ones YAHPO Gym feeds.
     */
    public static final double LEARNING_RATE_LOWER = 1.0000000000000009e-4;
    /** The upper bound of {@code learning_rate} in {@code config_space.json}. */
    public static final double LEARNING_RATE_UPPER = 0.10000000000000002;

    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(IntParameter.logUniform(BATCH_SIZE, 16, 512))
            .add(FloatParameter.logUniform(LEARNING_RATE, LEARNING_RATE_LOWER, LEARNING_RATE_UPPER))
            .add(FloatParameter.uniform(MOMENTUM, 0.1, 0.99))
            .add(FloatParameter.uniform(WEIGHT_DECAY, 1e-5, 0.1))
            .add(IntParameter.uniform(NUM_LAYERS, 1, 5))
            .add(IntParameter.logUniform(MAX_UNITS, 64, 1024))
            .add(FloatParameter.uniform(MAX_DROPOUT, 0, 1))
            .budget(EPOCH, MIN_EPOCHS, MAX_EPOCHS, false)
            .build();

    private LcBenchSpace() {
    }

    /** The space (shared: search spaces are immutable). */
    public static SearchSpace space() {
        return SPACE;
    }

    /**
     * {@code learningRate} clamped into the space's bounds: a learning rate written as 1e-4 (the
     * value the space means) lies an ulp below the stored bound and is fed as the bound.
     */
    public static double clampLearningRate(double learningRate) {
        return Math.min(LEARNING_RATE_UPPER, Math.max(LEARNING_RATE_LOWER, learningRate));
    }

    /** The whole number of epochs an evaluation at {@code budget} trains: the model knows whole epochs only. */
    public static int epochs(double budget) {
        return (int) Math.round(budget);
    }
}
