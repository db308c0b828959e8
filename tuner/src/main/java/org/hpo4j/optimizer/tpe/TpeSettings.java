package org.hpo4j.optimizer.tpe;

/**
 * Tuning of {@link TreeParzenEstimator}; the defaults are Optuna's.
 *
 * @param startupTrials results needed before the model is used; until then configurations are
 *     drawn from the prior
 * @param candidates candidates drawn from {@code l(x)} per parameter, the best ratio
 *     {@code l(x)/g(x)} wins
 * @param gammaFraction fraction of the observations that form the good group {@code l(x)}
 * @param gammaCap largest size of the good group
 * @param priorWeight weight of the prior (uniform over the unit interval, or over the choices) in
 *     every estimator, relative to one observation
 * @param constantLiar whether jobs still running enter the bad group {@code g(x)}, so that
 *     parallel workers spread out instead of proposing near one another
 */
public record TpeSettings(int startupTrials, int candidates, double gammaFraction, int gammaCap,
                          double priorWeight, boolean constantLiar) {

    public TpeSettings {
        if (startupTrials < 1) {
            throw new IllegalArgumentException("startupTrials must be at least 1, got " + startupTrials);
        }
        if (candidates < 1) {
            throw new IllegalArgumentException("candidates must be at least 1, got " + candidates);
        }
        if (!(gammaFraction > 0 && gammaFraction < 1)) {
            throw new IllegalArgumentException("gammaFraction must be in (0, 1), got " + gammaFraction);
        }
        if (gammaCap < 1) {
            throw new IllegalArgumentException("gammaCap must be at least 1, got " + gammaCap);
        }
        if (!(priorWeight > 0) || Double.isInfinite(priorWeight)) {
            throw new IllegalArgumentException("priorWeight must be positive, got " + priorWeight);
        }
    }

    /**
     * Optuna's defaults: 10 start-up trials, 24 candidates, good group
     * {@code min(ceil(0.1 n), 25)}, prior weight 1, no constant liar.
     */
    public static TpeSettings defaults() {
        return new TpeSettings(10, 24, 0.1, 25, 1.0, false);
    }

    /** The paper's split (Bergstra et al. 2011): the best 15% without a cap. */
    public TpeSettings withPaperGamma() {
        return new TpeSettings(startupTrials, candidates, 0.15, Integer.MAX_VALUE, priorWeight, constantLiar);
    }

    /** The same settings with the constant liar on or off. */
    public TpeSettings withConstantLiar(boolean on) {
        return new TpeSettings(startupTrials, candidates, gammaFraction, gammaCap, priorWeight, on);
    }

    /** Size of the good group among {@code n} observations, at least 1. */
    public int goodCount(int n) {
        return (int) Math.max(1, Math.min((long) gammaCap, (long) Math.ceil(gammaFraction * n)));
    }
}
