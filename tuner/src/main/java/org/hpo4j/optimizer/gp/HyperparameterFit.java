package org.hpo4j.optimizer.gp;

import java.util.Arrays;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Fits the hyperparameters of a {@link GaussianProcess} (log length-scale per group, log signal
 * variance, log noise variance) by maximizing the log marginal likelihood plus a weak log-normal
 * prior around neutral values, which keeps fits on few points sane. Nelder-Mead within box bounds
 * (a quadratic penalty outside them), from each start given.
 */
final class HyperparameterFit {
    private static final double LOG_MIN_SCALE = Math.log(0.02);
    private static final double LOG_MAX_SCALE = Math.log(20);
    private static final double LOG_MIN_SIGNAL = Math.log(0.05);
    private static final double LOG_MAX_SIGNAL = Math.log(20);
    private static final double LOG_MIN_NOISE = Math.log(1e-6);
    private static final double LOG_MAX_NOISE = Math.log(1);
    private static final int EVALUATIONS = 250;

    private final int groups;

    /** A fit for {@code groups} length-scale groups. */
    HyperparameterFit(int groups) {
        this.groups = groups;
    }

    /** Length-scales 0.5, signal variance 1, noise variance 1e-3. */
    double[] neutral() {
        double[] t = new double[groups + 2];
        Arrays.fill(t, 0, groups, Math.log(0.5));
        t[groups] = 0;
        t[groups + 1] = Math.log(1e-3);
        return t;
    }

    /**
     * The best hyperparameters found from {@code starts} for points {@code xs} with standardized
     * targets {@code ys}; {@code inflation} as in {@link GaussianProcess#fit} (null: none).
     * Returns {@code fallback} when no start gives a finite likelihood.
     */
    double[] fit(int[] group, double[][] xs, double[] ys, double[] inflation, double[] fallback, double[]... starts) {
        double[] neutral = neutral();
        double[][] best = {fallback.clone()};
        double[] bestValue = {Double.NEGATIVE_INFINITY};
        ObjectiveFunction objective = new ObjectiveFunction(t -> {
            double[] clamped = clamp(t);
            double penalty = 0;
            for (int i = 0; i < t.length; i++) {
                penalty += 10 * (t[i] - clamped[i]) * (t[i] - clamped[i]);
            }
            double value = GaussianProcess.logMarginalLikelihood(group, clamped, xs, ys, xs.length, inflation)
                    + logPrior(clamped, neutral) - penalty;
            if (value > bestValue[0]) {
                bestValue[0] = value;
                best[0] = clamped;
            }
            return Double.isFinite(value) ? value : -1e300;
        });
        for (double[] start : starts) {
            try {
                new SimplexOptimizer(1e-6, 1e-8).optimize(new MaxEval(EVALUATIONS), objective,
                        GoalType.MAXIMIZE, new InitialGuess(start), new NelderMeadSimplex(start.length, 0.7));
            } catch (TooManyEvaluationsException e) {
                // the best point seen so far is kept by the objective
            }
        }
        return best[0];
    }

    /** Log-normal prior around the neutral hyperparameters: wide for scales, wider for the noise. */
    private static double logPrior(double[] t, double[] neutral) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double sd = i == t.length - 1 ? 3 : 1.5;
            double z = (t[i] - neutral[i]) / sd;
            s -= 0.5 * z * z;
        }
        return s;
    }

    private double[] clamp(double[] t) {
        double[] c = t.clone();
        for (int i = 0; i < groups; i++) {
            c[i] = Math.min(LOG_MAX_SCALE, Math.max(LOG_MIN_SCALE, c[i]));
        }
        c[groups] = Math.min(LOG_MAX_SIGNAL, Math.max(LOG_MIN_SIGNAL, c[groups]));
        c[groups + 1] = Math.min(LOG_MAX_NOISE, Math.max(LOG_MIN_NOISE, c[groups + 1]));
        return c;
    }
}
