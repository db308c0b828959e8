package org.hpo4j.optimizer.gp;

/**
 * Tuning of {@link GpOptimizer}.
 *
 * @param initialPoints results from the prior before the model is used, at least 2
 * @param randomCandidates candidates from the prior scored by expected improvement per ask
 * @param localCandidates candidates drawn around the best observations per ask
 * @param refinementSteps local search steps on the best candidates' expected improvement
 * @param refitGrowth the length-scales are refitted when the number of results has grown by this
 *     factor since the last fit (at least 1; 1 refits on every new result)
 * @param maxFitPoints largest number of results the length-scale fit looks at; beyond it a fixed
 *     subset (the best fifth and an even spread of the rest) keeps the cubic cost bounded
 */
public record GpSettings(int initialPoints, int randomCandidates, int localCandidates, int refinementSteps,
                         double refitGrowth, int maxFitPoints) {

    public GpSettings {
        checkSearch(initialPoints, randomCandidates, localCandidates, refinementSteps, refitGrowth);
        if (maxFitPoints < initialPoints) {
            throw new IllegalArgumentException("maxFitPoints (" + maxFitPoints + ") must be at least initialPoints ("
                    + initialPoints + ")");
        }
    }

    /** The checks {@code GpSettings} and {@link HyperGpSettings} share: the proposal search and the refit rule. */
    static void checkSearch(int initialPoints, int randomCandidates, int localCandidates, int refinementSteps,
                            double refitGrowth) {
        if (initialPoints < 2) {
            throw new IllegalArgumentException("initialPoints must be at least 2, got " + initialPoints);
        }
        if (randomCandidates < 1 || localCandidates < 0 || refinementSteps < 0) {
            throw new IllegalArgumentException("randomCandidates must be at least 1, localCandidates and"
                    + " refinementSteps at least 0; got " + randomCandidates + ", " + localCandidates + ", "
                    + refinementSteps);
        }
        if (!(refitGrowth >= 1)) {
            throw new IllegalArgumentException("refitGrowth must be at least 1, got " + refitGrowth);
        }
    }

    /**
     * Whether hyperparameters last fitted on {@code lastFit} results are due for a refit now that
     * there are {@code results}: they have grown, and by at least {@link #refitGrowth()}.
     */
    public boolean refitDue(int results, int lastFit) {
        return refitDue(results, lastFit, refitGrowth);
    }

    /** The refit rule {@code GpSettings} and {@link HyperGpSettings} share. */
    static boolean refitDue(int results, int lastFit, double refitGrowth) {
        return results > lastFit && results >= Math.ceil(lastFit * refitGrowth);
    }

    /**
     * 10 initial points, 500 random and 100 local candidates, 60 refinement steps, refit on 20%
     * growth, at most 100 points in the fit.
     */
    public static GpSettings defaults() {
        return new GpSettings(10, 500, 100, 60, 1.2, 100);
    }

    /** The same settings with another largest number of results in a fit. */
    public GpSettings withMaxFitPoints(int n) {
        return new GpSettings(initialPoints, randomCandidates, localCandidates, refinementSteps, refitGrowth, n);
    }

    /** The same settings with another number of initial points. */
    public GpSettings withInitialPoints(int n) {
        return new GpSettings(n, randomCandidates, localCandidates, refinementSteps, refitGrowth, maxFitPoints);
    }
}
