package org.hpo4j.optimizer.gp;

import java.util.Arrays;

/**
 * A zero-mean Gaussian process with a Matern 5/2 ARD kernel over feature vectors, conditioned on
 * points with (normalized) targets.
 *
 * <p>Hyperparameters {@code theta}: the log length-scale of each feature group, then the log signal
 * variance, then the log noise variance. The Cholesky factor is kept as lower-triangular rows of
 * growing length, so {@link #extend} adds a point in {@code O(n^2)} and shares the rows it already
 * has; {@link #withTargets} re-solves for new targets in {@code O(n^2)}.
 *
 * <p>A point may carry an inflation {@code c >= 0}: its observation noise is raised by
 * {@code c * signalVariance}. Warm-start priors of weight {@code w} get {@code c = 1/w - 1}, so a
 * lone prior moves the posterior mean at its location by the fraction {@code w} of what an own
 * observation would.
 */
final class GaussianProcess {
    private static final double SQRT5 = Math.sqrt(5);
    private static final double[] JITTER = {1e-8, 1e-6, 1e-4, 1e-2};

    private final int[] group;
    private final double[] theta;
    private final double[] inverseSquaredScale;
    private final double signalVariance;
    private final double noiseVariance;
    private final double[][] xs;
    private final double[][] lower;
    private final int n;
    private final double jitter;
    /** Per point, the factor on the signal variance added to its noise; null when all are 0. */
    private final double[] inflation;
    private double[] alpha;

    private GaussianProcess(int[] group, double[] theta, double[][] xs, double[][] lower, int n, double jitter,
                            double[] inflation) {
        this.group = group;
        this.theta = theta;
        int groups = theta.length - 2;
        this.inverseSquaredScale = new double[groups];
        for (int g = 0; g < groups; g++) {
            inverseSquaredScale[g] = Math.exp(-2 * theta[g]);
        }
        this.signalVariance = Math.exp(theta[groups]);
        this.noiseVariance = Math.exp(theta[groups + 1]);
        this.xs = xs;
        this.lower = lower;
        this.n = n;
        this.jitter = jitter;
        this.inflation = inflation;
    }

    /**
     * Conditions on {@code xs[0..n)} with targets {@code ys}.
     *
     * @return the process, or null if the kernel matrix is not positive definite even with jitter
     */
    static GaussianProcess fit(int[] group, double[] theta, double[][] xs, double[] ys, int n) {
        return fit(group, theta, xs, ys, n, null);
    }

    /**
     * Conditions on {@code xs[0..n)} with targets {@code ys}, the noise of point {@code i} raised by
     * {@code inflation[i] * signalVariance} ({@code inflation} null: none raised).
     *
     * @return the process, or null if the kernel matrix is not positive definite even with jitter
     */
    static GaussianProcess fit(int[] group, double[] theta, double[][] xs, double[] ys, int n, double[] inflation) {
        double[] inflated = inflation == null ? null : Arrays.copyOf(inflation, n);
        GaussianProcess shape = new GaussianProcess(group, theta, xs, null, n, 0, inflated);
        double[][] k = shape.kernelMatrix(xs, n);
        if (inflated != null) {
            for (int i = 0; i < n; i++) {
                k[i][i] += inflated[i] * shape.signalVariance;
            }
        }
        for (double jitter : JITTER) {
            double[][] rows = cholesky(k, n, shape.noiseVariance + jitter);
            if (rows != null) {
                GaussianProcess gp = new GaussianProcess(group, theta, Arrays.copyOf(xs, n), rows, n, jitter, inflated);
                gp.solve(ys);
                return gp;
            }
        }
        return null;
    }

    /**
     * The log marginal likelihood of targets {@code ys} at {@code xs[0..n)} under {@code theta};
     * negative infinity when the kernel matrix cannot be factored.
     */
    static double logMarginalLikelihood(int[] group, double[] theta, double[][] xs, double[] ys, int n) {
        return logMarginalLikelihood(group, theta, xs, ys, n, null);
    }

    /** {@link #logMarginalLikelihood(int[], double[], double[][], double[], int)} with inflated noise. */
    static double logMarginalLikelihood(int[] group, double[] theta, double[][] xs, double[] ys, int n,
                                        double[] inflation) {
        GaussianProcess gp = fit(group, theta, xs, ys, n, inflation);
        if (gp == null) {
            return Double.NEGATIVE_INFINITY;
        }
        double fitTerm = 0;
        double logDet = 0;
        for (int i = 0; i < n; i++) {
            fitTerm += ys[i] * gp.alpha[i];
            logDet += Math.log(gp.lower[i][i]);
        }
        return -0.5 * fitTerm - logDet - 0.5 * n * Math.log(2 * Math.PI);
    }

    /**
     * The lower Cholesky factor of {@code k + diagonal * I} as rows of growing length, or null if
     * the matrix is not (numerically) positive definite. Written out on primitive arrays because
     * the hyperparameter fit factors hundreds of matrices per refit.
     */
    static double[][] cholesky(double[][] k, int n, double diagonal) {
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] li = new double[i + 1];
            double[] ki = k[i];
            for (int j = 0; j < i; j++) {
                double[] lj = l[j];
                double s = ki[j];
                for (int m = 0; m < j; m++) {
                    s -= li[m] * lj[m];
                }
                li[j] = s / lj[j];
            }
            double d = ki[i] + diagonal;
            for (int m = 0; m < i; m++) {
                d -= li[m] * li[m];
            }
            if (!(d > 1e-14 * (ki[i] + diagonal))) {
                return null;
            }
            li[i] = Math.sqrt(d);
            l[i] = li;
        }
        return l;
    }

    private double[][] kernelMatrix(double[][] points, int count) {
        double[][] k = new double[count][count];
        for (int i = 0; i < count; i++) {
            k[i][i] = signalVariance;
            for (int j = 0; j < i; j++) {
                k[i][j] = kernel(points[i], points[j]);
                k[j][i] = k[i][j];
            }
        }
        return k;
    }

    double kernel(double[] a, double[] b) {
        double r2 = 0;
        for (int c = 0; c < a.length; c++) {
            double d = a[c] - b[c];
            r2 += d * d * inverseSquaredScale[group[c]];
        }
        double r = Math.sqrt(r2);
        return signalVariance * (1 + SQRT5 * r + 5.0 / 3.0 * r2) * Math.exp(-SQRT5 * r);
    }

    int size() {
        return n;
    }

    /** This process with one more point; call {@link #withTargets} before predicting. */
    GaussianProcess extend(double[] x) {
        return extend(x, 0);
    }

    /** This process with one more point whose noise is raised by {@code c * signalVariance}. */
    GaussianProcess extend(double[] x, double c) {
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = kernel(xs[i], x);
        }
        double[] row = new double[n + 1];
        double[] l = forward(k);
        System.arraycopy(l, 0, row, 0, n);
        double rest = signalVariance * (1 + c) + noiseVariance + jitter - dot(l, l);
        // a point (almost) equal to an earlier one: keep the factor valid with the smallest jitter
        row[n] = Math.sqrt(Math.max(rest, JITTER[0]));
        double[][] rows = Arrays.copyOf(lower, n + 1);
        rows[n] = row;
        double[][] points = Arrays.copyOf(xs, n + 1);
        points[n] = x;
        double[] inflated = null;
        if (inflation != null || c != 0) {
            inflated = inflation == null ? new double[n + 1] : Arrays.copyOf(inflation, n + 1);
            inflated[n] = c;
        }
        return new GaussianProcess(group, theta, points, rows, n + 1, jitter, inflated);
    }

    /** The hyperparameters this process was built with. */
    double[] theta() {
        return theta.clone();
    }

    /** Sets the targets of the points, in order; {@code ys.length >= size()}. */
    GaussianProcess withTargets(double[] ys) {
        solve(ys);
        return this;
    }

    private void solve(double[] ys) {
        double[] z = forward(Arrays.copyOf(ys, n));
        double[] a = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int j = i + 1; j < n; j++) {
                s -= lower[j][i] * a[j];
            }
            a[i] = s / lower[i][i];
        }
        alpha = a;
    }

    /** Solves {@code L z = b}. */
    private double[] forward(double[] b) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = lower[i];
            double s = b[i];
            for (int j = 0; j < i; j++) {
                s -= row[j] * z[j];
            }
            z[i] = s / row[i];
        }
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * The first {@code count} of {@code values} standardized to mean 0 and spread 1 (spread 1 when
     * all are equal): the targets every GP of this package is conditioned on, so that the fitted
     * signal variance and the prior on it mean the same for any data.
     */
    static double[] standardize(double[] values, int count) {
        double mean = 0;
        for (int i = 0; i < count; i++) {
            mean += values[i];
        }
        mean /= count;
        double var = 0;
        for (int i = 0; i < count; i++) {
            var += (values[i] - mean) * (values[i] - mean);
        }
        double sd = Math.sqrt(var / count);
        if (!(sd > 1e-12)) {
            sd = 1;
        }
        double[] y = new double[count];
        for (int i = 0; i < count; i++) {
            y[i] = (values[i] - mean) / sd;
        }
        return y;
    }

    /**
     * {@code targets} less their largest value, in place: conditioned on them, a zero-mean process
     * has the worst result as its prior mean, so far from every result it predicts the worst value
     * seen and expected improvement there comes from the variance alone (De Ath et al. 2020).
     */
    static double[] lessWorst(double[] targets) {
        double worst = Double.NEGATIVE_INFINITY;
        for (double v : targets) {
            worst = Math.max(worst, v);
        }
        for (int i = 0; i < targets.length; i++) {
            targets[i] -= worst;
        }
        return targets;
    }

    /** The posterior mean at {@code x}, without the variance's {@code O(n^2)} solve. */
    double predictMean(double[] x) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += kernel(xs[i], x) * alpha[i];
        }
        return mean;
    }

    /**
     * The posterior mean at each point given all the other points (leave-one-out), from the closed
     * form {@code y_i - alpha_i / (K^-1)_ii}; {@code ys} are the targets {@link #withTargets} set.
     * Costs one inversion of the Cholesky factor, {@code O(n^3 / 6)}.
     */
    double[] leaveOneOutMeans(double[] ys) {
        // (K^-1)_ii = sum over j of (L^-1)_ji^2; column i of L^-1 solves L c = e_i
        double[] diagonal = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(c, 0);
            c[i] = 1 / lower[i][i];
            double sum = c[i] * c[i];
            for (int j = i + 1; j < n; j++) {
                double[] row = lower[j];
                double s = 0;
                for (int m = i; m < j; m++) {
                    s -= row[m] * c[m];
                }
                c[j] = s / row[j];
                sum += c[j] * c[j];
            }
            diagonal[i] = sum;
        }
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            means[i] = ys[i] - alpha[i] / diagonal[i];
        }
        return means;
    }

    /** The posterior mean and variance (of the latent function) at {@code x}, into {@code out}. */
    void predict(double[] x, double[] out) {
        double[] k = new double[n];
        double mean = 0;
        for (int i = 0; i < n; i++) {
            k[i] = kernel(xs[i], x);
            mean += k[i] * alpha[i];
        }
        double[] v = forward(k);
        out[0] = mean;
        out[1] = Math.max(signalVariance - dot(v, v), 1e-12);
    }
}
