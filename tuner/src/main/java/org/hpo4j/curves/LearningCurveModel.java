package org.hpo4j.curves;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Extrapolates a partial learning curve, in the style of Domhan et al. 2015 ("Speeding up automatic
 * hyperparameter optimization of deep neural networks by extrapolation of learning curves").
 *
 * <p>Each {@link CurveFamily} is fitted by Levenberg-Marquardt least squares from a few starting
 * points; the families are combined with weights {@code exp(-BIC / 2)} (normalized), a cheap
 * stand-in for the paper's MCMC over a weighted combination. Each family predicts a gaussian at
 * the final step whose variance holds the residual noise and the parameters' uncertainty; the
 * prediction is the weighted mixture. Families whose fit fails, or whose prediction lies far
 * outside the observed range (more than ten ranges away), are left out.
 */
public final class LearningCurveModel {
    private static final int MAX_EVALUATIONS = 400;
    /** Least-squares runs per family, from its best-fitting starting points. */
    private static final int STARTS = 2;

    private final Set<CurveFamily> families;

    /** A model over every family. */
    public LearningCurveModel() {
        this(EnumSet.allOf(CurveFamily.class));
    }

    /** A model over the given families. */
    public LearningCurveModel(Set<CurveFamily> families) {
        if (families.isEmpty()) {
            throw new IllegalArgumentException("families must not be empty");
        }
        this.families = EnumSet.copyOf(families);
    }

    /**
     * Fits the partial curve and predicts its value at {@code finalStep}.
     *
     * @param steps the steps of the observations (e.g. epochs), increasing, positive
     * @param values the observed values, finite
     * @param finalStep the step to predict, at least the last observed one
     * @return the prediction; {@link Prediction#isEmpty()} when no family could be fitted (e.g. too
     *     few points: a family needs one more point than it has parameters)
     * @throws IllegalArgumentException naming the bad input
     */
    public Prediction predict(double[] steps, double[] values, double finalStep) {
        check(steps, values, finalStep);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double range = Math.max(hi - lo, 1e-12 * Math.max(1, Math.abs(hi)));
        List<CurveFit> fits = new ArrayList<>();
        for (CurveFamily family : families) {
            if (steps.length < family.parameterCount() + 1) {
                continue;
            }
            CurveFit fit = fit(family, steps, values);
            if (fit == null) {
                continue;
            }
            double at = fit.value(finalStep);
            double var = fit.predictiveVariance(finalStep);
            if (Double.isFinite(at) && Double.isFinite(var) && at > lo - 10 * range && at < hi + 10 * range) {
                fits.add(fit);
            }
        }
        if (fits.isEmpty()) {
            return Prediction.empty(finalStep);
        }
        double minBic = Double.POSITIVE_INFINITY;
        for (CurveFit f : fits) {
            minBic = Math.min(minBic, f.bic());
        }
        double[] weights = new double[fits.size()];
        double[] means = new double[fits.size()];
        double[] sds = new double[fits.size()];
        double total = 0;
        // a floor on the spread keeps a perfect fit from claiming certainty
        double minSd = 1e-6 * Math.max(range, Math.abs(hi));
        for (int k = 0; k < fits.size(); k++) {
            CurveFit f = fits.get(k);
            weights[k] = Math.exp(-0.5 * (f.bic() - minBic));
            total += weights[k];
            means[k] = f.value(finalStep);
            sds[k] = Math.max(minSd, Math.sqrt(f.predictiveVariance(finalStep)));
        }
        for (int k = 0; k < weights.length; k++) {
            weights[k] /= total;
        }
        return new Prediction(finalStep, List.copyOf(fits), weights, means, sds);
    }

    private static void check(double[] steps, double[] values, double finalStep) {
        if (steps.length != values.length) {
            throw new IllegalArgumentException("steps has " + steps.length + " entries but values has " + values.length);
        }
        for (int i = 0; i < steps.length; i++) {
            if (!(steps[i] > 0) || Double.isInfinite(steps[i])) {
                throw new IllegalArgumentException("steps[" + i + "] = " + steps[i] + " must be positive and finite");
            }
            if (i > 0 && !(steps[i] > steps[i - 1])) {
                throw new IllegalArgumentException("steps must increase, but steps[" + i + "] = " + steps[i]
                        + " follows " + steps[i - 1]);
            }
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("values[" + i + "] = " + values[i] + " must be finite");
            }
        }
        if (steps.length > 0 && !(finalStep >= steps[steps.length - 1])) {
            throw new IllegalArgumentException("finalStep " + finalStep + " is before the last observed step "
                    + steps[steps.length - 1]);
        }
    }

    /** The best of the family's least-squares fits from its starting points, or null. */
    static CurveFit fit(CurveFamily family, double[] xs, double[] ys) {
        int n = xs.length;
        int p = family.parameterCount();
        MultivariateJacobianFunction model = point -> {
            double[] theta = point.toArray();
            double[] f = new double[n];
            double[][] j = new double[n][p];
            for (int i = 0; i < n; i++) {
                f[i] = finite(family.value(xs[i], theta));
            }
            for (int k = 0; k < p; k++) {
                double h = 1e-7 * (1 + Math.abs(theta[k]));
                double[] shifted = theta.clone();
                shifted[k] += h;
                for (int i = 0; i < n; i++) {
                    j[i][k] = (finite(family.value(xs[i], shifted)) - f[i]) / h;
                }
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(f, false), new Array2DRowRealMatrix(j, false));
        };
        // least squares only from the starts that already fit best: most of the cost is here
        List<double[]> starts = new ArrayList<>();
        for (double[] start : family.guesses(xs, ys)) {
            if (allFinite(start) && Double.isFinite(squaredError(family, start, xs, ys))) {
                starts.add(start);
            }
        }
        starts.sort((a, b) -> Double.compare(squaredError(family, a, xs, ys), squaredError(family, b, xs, ys)));
        LeastSquaresOptimizer.Optimum best = null;
        for (double[] start : starts.subList(0, Math.min(STARTS, starts.size()))) {
            LeastSquaresProblem problem = new LeastSquaresBuilder()
                    .start(start).model(model).target(ys)
                    .maxEvaluations(MAX_EVALUATIONS).maxIterations(MAX_EVALUATIONS)
                    .lazyEvaluation(false).build();
            try {
                LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer()
                        .withCostRelativeTolerance(1e-9).withParameterRelativeTolerance(1e-9).optimize(problem);
                if (Double.isFinite(o.getCost()) && (best == null || o.getCost() < best.getCost())) {
                    best = o;
                }
            } catch (IllegalStateException | IllegalArgumentException e) {
                // no convergence from this start (commons-math's exceptions derive from these)
            }
        }
        if (best == null) {
            return null;
        }
        double rss = best.getCost() * best.getCost();
        double noise = rss / Math.max(1, n - p);
        double[][] covariance;
        try {
            covariance = best.getCovariances(1e-14).scalarMultiply(noise).getData();
        } catch (IllegalStateException | IllegalArgumentException e) {
            return null;
        }
        if (!allFinite(best.getPoint().toArray())) {
            return null;
        }
        double bic = n * Math.log(Math.max(rss / n, 1e-300)) + p * Math.log(n);
        return new CurveFit(family, best.getPoint().toArray(), noise, bic, covariance);
    }

    private static double squaredError(CurveFamily family, double[] theta, double[] xs, double[] ys) {
        double s = 0;
        for (int i = 0; i < xs.length; i++) {
            double d = family.value(xs[i], theta) - ys[i];
            s += d * d;
        }
        return s;
    }

    private static double finite(double v) {
        return Double.isFinite(v) ? v : 1e10;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
