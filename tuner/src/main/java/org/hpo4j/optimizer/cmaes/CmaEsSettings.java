package org.hpo4j.optimizer.cmaes;

/**
 * Tuning of {@link CmaEs}.
 *
 * @param initialSigma the initial step size in the unit encoding, in {@code (0, 1]}
 * @param populationSize the first run's population size lambda, or 0 for Hansen's default
 *     {@code 4 + floor(3 ln n)}
 * @param restarts whether to restart with a doubled population (IPOP) when the search has
 *     converged or stalled; without, the optimizer keeps sampling its converged distribution
 */
public record CmaEsSettings(double initialSigma, int populationSize, boolean restarts) {

    public CmaEsSettings {
        if (!(initialSigma > 0 && initialSigma <= 1)) {
            throw new IllegalArgumentException("initialSigma must be in (0, 1], got " + initialSigma);
        }
        if (populationSize != 0 && populationSize < 2) {
            throw new IllegalArgumentException("populationSize must be at least 2 (or 0 for the default), got "
                    + populationSize);
        }
    }

    /** Step size 1/6 of the range (as Optuna), default population, IPOP restarts. */
    public static CmaEsSettings defaults() {
        return new CmaEsSettings(1.0 / 6, 0, true);
    }
}
