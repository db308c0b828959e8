package org.hpo4j.benchmarks.misleading;

import java.util.random.RandomGenerator;

/**
 * The learning curve shared by the misleading-budget problems: validation error that falls from
 * {@link #START} towards an asymptote {@code q} with time constant {@code tau} epochs,
 * {@code q + (START - q) exp(-epochs / tau)}, observed with Gaussian noise of standard deviation
 * {@link #NOISE} drawn from the evaluation's own random stream.
 */
final class TrainingCurve {
    /** The error of the untrained network (ten balanced classes). */
    static final double START = 0.9;
    /** Standard deviation of the observation noise: seed-to-seed variation of a training run. */
    static final double NOISE = 0.001;
    /** The full budget of every misleading problem, in epochs (rungs 1, 3, 9, 27, 81). */
    static final double MAX_EPOCHS = 81;

    private TrainingCurve() {
    }

    /** The noise-free error after {@code epochs} epochs. */
    static double error(double asymptote, double tau, double epochs) {
        return asymptote + (START - asymptote) * Math.exp(-epochs / tau);
    }

    /** {@code value} as one evaluation observes it; {@code random} may be {@code null} for the noise-free value. */
    static double observe(double value, RandomGenerator random) {
        return random == null ? value : value + NOISE * random.nextGaussian();
    }
}
