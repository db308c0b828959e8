package org.hpo4j.benchmarks.misleading;

/**
 * The learning curve shared by the synthetic training runs: validation error that falls from
 * {@link #START} towards an asymptote {@code q} with time constant {@code tau} epochs,
 * {@code q + (START - q) exp(-epochs / tau)}, observed (by {@link SyntheticTrainingRun}) with
 * Gaussian noise drawn from the evaluation's own random stream, of standard deviation {@link #NOISE}
 * for the misleading problems.
 */
public final class TrainingCurve {
    /** The error of the untrained network (ten balanced classes). */
    public static final double START = 0.9;
    /** Standard deviation of the observation noise: seed-to-seed variation of a training run. */
    public static final double NOISE = 0.001;
    /** The full budget of every misleading problem, in epochs (rungs 1, 3, 9, 27, 81). */
    public static final double MAX_EPOCHS = 81;

    private TrainingCurve() {
    }

    /** The noise-free error after {@code epochs} epochs. */
    public static double error(double asymptote, double tau, double epochs) {
        return asymptote + (START - asymptote) * Math.exp(-epochs / tau);
    }
}
