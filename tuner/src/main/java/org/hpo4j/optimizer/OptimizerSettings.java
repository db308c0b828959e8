package org.hpo4j.optimizer;

/**
 * What every optimizer is built from besides the space: the budget range, Hyperband's eta, the
 * seed and an optional bound on Hyperband iterations.
 *
 * @param minBudget smallest budget handed to an evaluation, positive
 * @param maxBudget largest budget, greater than {@code minBudget}; optimizers without fidelity run
 *     every job at it
 * @param eta the reduction factor of successive halving, at least 2
 * @param seed fixes every random choice
 * @param maxIterations number of Hyperband iterations (every bracket once each) after which
 *     bracket-based optimizers are finished; 0 for no bound
 */
public record OptimizerSettings(double minBudget, double maxBudget, double eta, long seed, int maxIterations) {

    public OptimizerSettings {
        if (!(minBudget > 0)) {
            throw new IllegalArgumentException("minBudget must be positive, got " + minBudget);
        }
        if (!(minBudget < maxBudget)) {
            throw new IllegalArgumentException("minBudget (" + minBudget + ") must be less than maxBudget (" + maxBudget + ")");
        }
        if (!(eta >= 2)) {
            throw new IllegalArgumentException("eta must be at least 2, got " + eta);
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
    }

    /** Settings with eta 3 and no bound on iterations. */
    public static OptimizerSettings of(double minBudget, double maxBudget, long seed) {
        return new OptimizerSettings(minBudget, maxBudget, 3, seed, 0);
    }

    /** The same settings with another seed. */
    public OptimizerSettings withSeed(long newSeed) {
        return new OptimizerSettings(minBudget, maxBudget, eta, newSeed, maxIterations);
    }

    /** The same settings bounded to {@code iterations} Hyperband iterations. */
    public OptimizerSettings withMaxIterations(int iterations) {
        return new OptimizerSettings(minBudget, maxBudget, eta, seed, iterations);
    }
}
