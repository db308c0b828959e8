package org.hpo4j.optimizer.tpe;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;

/**
 * A one-dimensional density over the unit interval built from weighted observations plus a prior,
 * as TPE uses for {@code l(x)} and {@code g(x)}: a mixture of truncated gaussians for numeric
 * parameters (bandwidths from the distances to the neighbouring observations, clipped as Optuna
 * does), or weighted counts for a categorical parameter.
 */
final class ParzenEstimator {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final int choices;
    // numeric: mixture components
    private final double[] mus;
    private final double[] sigmas;
    private final double[] cumulative;
    /** log weight - log sigma - log of the truncation mass, per component. */
    private final double[] logScale;
    // categorical: probability per choice
    private final double[] probabilities;
    /** Reused by {@link #logDensity}; estimators are used by one optimizer, never concurrently. */
    private final double[] scratch;

    private ParzenEstimator(int choices, double[] mus, double[] sigmas, double[] cumulative,
                            double[] logScale, double[] probabilities) {
        this.choices = choices;
        this.mus = mus;
        this.sigmas = sigmas;
        this.cumulative = cumulative;
        this.logScale = logScale;
        this.probabilities = probabilities;
        this.scratch = mus == null ? null : new double[mus.length];
    }

    /**
     * A mixture over observations {@code xs[0..n)} in {@code [0, 1]} with weights {@code ws}, plus
     * the prior N(0.5, 1) with weight {@code priorWeight}.
     */
    static ParzenEstimator numeric(double[] xs, double[] ws, int n, double priorWeight) {
        int m = n + 1;
        double[] mus = new double[m];
        double[] weights = new double[m];
        System.arraycopy(xs, 0, mus, 0, n);
        System.arraycopy(ws, 0, weights, 0, n);
        mus[n] = 0.5;
        weights[n] = priorWeight;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(mus[a], mus[b]));
        double[] sigmas = new double[m];
        // bandwidth: the larger gap to a neighbour; the outermost centres only look inwards
        // (Optuna's consider_endpoints = false), a single centre spans the interval
        for (int r = 0; r < m; r++) {
            double x = mus[order[r]];
            if (m >= 2 && r == 0) {
                sigmas[order[r]] = mus[order[1]] - x;
            } else if (m >= 2 && r == m - 1) {
                sigmas[order[r]] = x - mus[order[m - 2]];
            } else {
                double left = r == 0 ? 0 : mus[order[r - 1]];
                double right = r == m - 1 ? 1 : mus[order[r + 1]];
                sigmas[order[r]] = Math.max(x - left, right - x);
            }
        }
        double minSigma = 1.0 / Math.min(100.0, 1.0 + m);
        double total = 0;
        for (int i = 0; i < m; i++) {
            sigmas[i] = Math.min(1.0, Math.max(minSigma, sigmas[i]));
            total += weights[i];
        }
        sigmas[n] = 1.0;
        double[] cumulative = new double[m];
        double[] logScale = new double[m];
        double acc = 0;
        for (int i = 0; i < m; i++) {
            double w = weights[i] / total;
            acc += w;
            cumulative[i] = acc;
            double mass = phi((1 - mus[i]) / sigmas[i]) - phi(-mus[i] / sigmas[i]);
            logScale[i] = Math.log(w) - Math.log(sigmas[i]) - Math.log(Math.max(mass, 1e-300));
        }
        return new ParzenEstimator(0, mus, sigmas, cumulative, logScale, null);
    }

    /**
     * Weighted counts over {@code k} choices: observation {@code i} adds {@code ws[i]} to its
     * choice {@code cs[i]}, the prior adds {@code priorWeight / k} to each.
     */
    static ParzenEstimator categorical(int[] cs, double[] ws, int n, int k, double priorWeight) {
        double[] p = new double[k];
        double total = priorWeight;
        for (int j = 0; j < k; j++) {
            p[j] = priorWeight / k;
        }
        for (int i = 0; i < n; i++) {
            p[cs[i]] += ws[i];
            total += ws[i];
        }
        double[] cumulative = new double[k];
        double acc = 0;
        for (int j = 0; j < k; j++) {
            p[j] /= total;
            acc += p[j];
            cumulative[j] = acc;
        }
        return new ParzenEstimator(k, null, null, cumulative, null, p);
    }

    private static double phi(double z) {
        return 0.5 * (1 + Erf.erf(z / Math.sqrt(2)));
    }

    boolean isCategorical() {
        return choices > 0;
    }

    /** A draw: a unit coordinate, or a choice index for categorical estimators. */
    double sample(RandomGenerator random) {
        int c = pick(random.nextDouble());
        if (isCategorical()) {
            return c;
        }
        // rejection from the untruncated gaussian; the acceptance is at least 1/3 because every
        // centre lies in [0, 1] and no bandwidth exceeds 1
        for (int t = 0; t < 100; t++) {
            double x = mus[c] + sigmas[c] * random.nextGaussian();
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return Math.min(1, Math.max(0, mus[c]));
    }

    private int pick(double u) {
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The log density at a unit coordinate, or the log probability of a choice index. */
    double logDensity(double x) {
        if (isCategorical()) {
            return Math.log(probabilities[(int) x]);
        }
        double max = Double.NEGATIVE_INFINITY;
        double[] terms = scratch;
        for (int i = 0; i < mus.length; i++) {
            double z = (x - mus[i]) / sigmas[i];
            terms[i] = logScale[i] - 0.5 * z * z;
            max = Math.max(max, terms[i]);
        }
        double sum = 0;
        for (double t : terms) {
            sum += Math.exp(t - max);
        }
        return max + Math.log(sum) - LOG_SQRT_2PI;
    }
}
