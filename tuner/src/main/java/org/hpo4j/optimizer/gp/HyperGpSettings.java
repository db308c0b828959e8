package org.hpo4j.optimizer.gp;

/**
 * Tuning of {@link HyperGp}.
 *
 * @param initialPoints results (at any budget) from the prior before the model proposes, at least 2
 * @param randomCandidates candidates from the prior scored by expected improvement per proposal
 * @param localCandidates candidates drawn around the best modelled configurations per proposal
 * @param refinementSteps local search steps on the best candidates' expected improvement
 * @param refitGrowth the hyperparameters are refitted when the number of results has grown by this
 *     factor since the last fit (at least 1)
 * @param maxModelPoints largest number of results in the GP (the window); bounds the cost of a
 *     proposal
 * @param maxFitPoints largest number of results the hyperparameter fit looks at
 */
public record HyperGpSettings(int initialPoints, int randomCandidates, int localCandidates, int refinementSteps,
                              double refitGrowth, int maxModelPoints, int maxFitPoints) {

    public HyperGpSettings {
        GpSettings.checkSearch(initialPoints, randomCandidates, localCandidates, refinementSteps, refitGrowth);
        if (maxModelPoints < initialPoints || maxFitPoints < initialPoints) {
            throw new IllegalArgumentException("maxModelPoints (" + maxModelPoints + ") and maxFitPoints ("
                    + maxFitPoints + ") must be at least initialPoints (" + initialPoints + ")");
        }
    }

    /** As {@link GpSettings#refitDue(int, int)}, with this {@link #refitGrowth()}. */
    boolean refitDue(int results, int lastFit) {
        return GpSettings.refitDue(results, lastFit, refitGrowth);
    }

    /**
     * 10 initial points, 200 random and 100 local candidates, 48 refinement steps, refit on 20%
     * growth, at most 128 results in the GP and 100 in the fit.
     */
    public static HyperGpSettings defaults() {
        return new HyperGpSettings(10, 200, 100, 48, 1.2, 128, 100);
    }
}
