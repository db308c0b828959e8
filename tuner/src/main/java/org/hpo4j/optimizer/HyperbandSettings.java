package org.hpo4j.optimizer;

/**
 * The settings of the optimizers that run successive-halving brackets (successive halving,
 * Hyperband, BOHB, their asynchronous variants, hyper-gp, MO-ASHA, ParEGO).
 *
 * @param eta the reduction factor of successive halving: a rung keeps the best {@code 1/eta} and
 *     gives them {@code eta} times the budget; at least 2
 * @param maxIterations number of Hyperband iterations (every bracket once each) after which the
 *     optimizer is finished; 0 for no bound
 */
public record HyperbandSettings(double eta, int maxIterations) {
    /** The eta of {@link #defaults()}. */
    public static final double DEFAULT_ETA = 3;

    public HyperbandSettings {
        if (!(eta >= 2) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be at least 2, got " + eta);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
    }

    /** Eta 3, no bound on iterations. */
    public static HyperbandSettings defaults() {
        return new HyperbandSettings(DEFAULT_ETA, 0);
    }

    /** The same settings bounded to {@code iterations} Hyperband iterations. */
    public HyperbandSettings withMaxIterations(int iterations) {
        return new HyperbandSettings(eta, iterations);
    }
}
