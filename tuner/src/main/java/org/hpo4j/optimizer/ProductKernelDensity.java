package org.hpo4j.optimizer;

import java.util.Arrays;

/**
 * A multivariate kernel density estimate with a product kernel, as statsmodels'
 * {@code KDEMultivariate} computes it for BOHB: a Gaussian kernel for continuous coordinates (the
 * unit encoding of float and integer parameters) and the Aitchison-Aitken kernel for unordered
 * categorical coordinates (choice indices {@code 0..k-1}).
 *
 * <p>{@code pdf(x) = 1/n sum_i prod_j K_j(x_j, X_ij)} with {@code K_j = phi((x_j - X_ij) / h_j) / h_j}
 * for continuous and {@code K_j = 1 - h_j} if equal, {@code h_j / (k_j - 1)} otherwise, for
 * categorical coordinates. The Gaussian kernels are not truncated to the unit interval, as in
 * statsmodels; only ratios of densities matter to BOHB.
 *
 * <p>Data are kept in one row-major primitive array and {@link #pdf} allocates nothing, because
 * BOHB evaluates it {@code 2 * num_samples} times per proposal.
 */
public final class ProductKernelDensity {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    private final int n;
    private final int d;
    private final double[] data;
    private final int[] levels;
    private final double[] bandwidths;
    private final double[] inverseBandwidths;
    private final double[] sameProbability;
    private final double[] otherProbability;
    private final boolean[] continuous;
    private final double normalization;
    /** Per data point, its weight; {@code null} when every point weighs 1. */
    private final double[] weights;

    /**
     * A density with given bandwidths.
     *
     * @param rows the data, {@code n >= 1} rows of {@code d} finite coordinates
     * @param levels per coordinate: 0 for continuous, the number of choices {@code k >= 2} for a
     *     categorical coordinate, whose values are indices {@code 0..k-1}
     * @param bandwidths per coordinate, positive; for a categorical coordinate at most
     *     {@code (k - 1) / k}, where the kernel is uniform
     */
    public ProductKernelDensity(double[][] rows, int[] levels, double[] bandwidths) {
        this(rows, levels, bandwidths, null);
    }

    /**
     * A density whose data points have weights: {@code pdf(x) = sum_i w_i prod_j K_j / sum_i w_i}.
     *
     * @param weights one positive finite weight per row, or {@code null} for equal weights
     */
    public ProductKernelDensity(double[][] rows, int[] levels, double[] bandwidths, double[] weights) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("a kernel density needs at least one data point");
        }
        this.n = rows.length;
        this.d = levels.length;
        if (bandwidths.length != d) {
            throw new IllegalArgumentException("expected " + d + " bandwidths, got " + bandwidths.length);
        }
        this.levels = levels.clone();
        this.bandwidths = bandwidths.clone();
        this.data = new double[n * d];
        for (int i = 0; i < n; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException("row " + i + " has " + rows[i].length + " coordinates, expected " + d);
            }
            for (int j = 0; j < d; j++) {
                double v = rows[i][j];
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("row " + i + ", coordinate " + j + " is " + v + "; impute inactive values first");
                }
                data[i * d + j] = v;
            }
        }
        this.inverseBandwidths = new double[d];
        this.sameProbability = new double[d];
        this.otherProbability = new double[d];
        this.continuous = new boolean[d];
        double norm = 1;
        for (int j = 0; j < d; j++) {
            double h = bandwidths[j];
            if (!(h > 0) || Double.isInfinite(h)) {
                throw new IllegalArgumentException("bandwidth of coordinate " + j + " must be positive, got " + h);
            }
            if (levels[j] == 0) {
                continuous[j] = true;
                inverseBandwidths[j] = 1 / h;
                norm *= INV_SQRT_2PI / h;
            } else {
                if (levels[j] < 2) {
                    throw new IllegalArgumentException("categorical coordinate " + j + " needs at least 2 levels, got " + levels[j]);
                }
                sameProbability[j] = 1 - h;
                otherProbability[j] = h / (levels[j] - 1);
            }
        }
        double totalWeight = n;
        if (weights != null) {
            if (weights.length != n) {
                throw new IllegalArgumentException("expected " + n + " weights, got " + weights.length);
            }
            totalWeight = 0;
            for (int i = 0; i < n; i++) {
                if (!(weights[i] > 0) || Double.isInfinite(weights[i])) {
                    throw new IllegalArgumentException("weight of row " + i + " must be positive, got " + weights[i]);
                }
                totalWeight += weights[i];
            }
        }
        this.weights = weights == null ? null : weights.clone();
        this.normalization = norm / totalWeight;
    }

    /** The same data and bandwidths with weights per row ({@code null}: equal weights). */
    public ProductKernelDensity withWeights(double[] rowWeights) {
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = Arrays.copyOfRange(data, i * d, (i + 1) * d);
        }
        return new ProductKernelDensity(rows, levels, bandwidths, rowWeights);
    }

    /** The weight of data point {@code i}; 1 without weights. */
    public double weight(int i) {
        return weights == null ? 1 : weights[i];
    }

    /** Whether the data points have unequal weights. */
    public boolean isWeighted() {
        return weights != null;
    }

    /**
     * A density with statsmodels' normal-reference bandwidths,
     * {@code h_j = 1.06 * sd_j * n^(-1 / (4 + d))} (population standard deviation, for categorical
     * coordinates too), raised to at least {@code minBandwidth} as BOHB does. A categorical
     * bandwidth is also capped at {@code (k - 1) / k} (a uniform kernel), which statsmodels does not
     * do; beyond it the Aitchison-Aitken kernel would prefer the other levels to the observed one.
     */
    public static ProductKernelDensity normalReference(double[][] rows, int[] levels, double minBandwidth) {
        int n = rows.length;
        int d = levels.length;
        double factor = 1.06 * Math.pow(n, -1.0 / (4 + d));
        double[] h = new double[d];
        for (int j = 0; j < d; j++) {
            double mean = 0;
            for (double[] row : rows) {
                mean += row[j];
            }
            mean /= n;
            double ss = 0;
            for (double[] row : rows) {
                double dev = row[j] - mean;
                ss += dev * dev;
            }
            double bw = Math.max(factor * Math.sqrt(ss / n), minBandwidth);
            if (levels[j] > 0) {
                bw = Math.min(bw, (levels[j] - 1) / (double) levels[j]);
            }
            h[j] = bw;
        }
        return new ProductKernelDensity(rows, levels, h);
    }

    /** The density at {@code x} (categorical coordinates as indices). */
    public double pdf(double[] x) {
        double total = 0;
        int base = 0;
        for (int i = 0; i < n; i++, base += d) {
            double squares = 0;
            double discrete = 1;
            for (int j = 0; j < d; j++) {
                double xi = data[base + j];
                if (continuous[j]) {
                    double u = (x[j] - xi) * inverseBandwidths[j];
                    squares += u * u;
                } else {
                    discrete *= x[j] == xi ? sameProbability[j] : otherProbability[j];
                }
            }
            double k = discrete * Math.exp(-0.5 * squares);
            total += weights == null ? k : weights[i] * k;
        }
        return total * normalization;
    }

    /** Number of data points. */
    public int size() {
        return n;
    }

    /** Number of coordinates. */
    public int dimensions() {
        return d;
    }

    /** Coordinate {@code j} of data point {@code i}. */
    public double value(int i, int j) {
        return data[i * d + j];
    }

    /** The bandwidths, one per coordinate. */
    public double[] bandwidths() {
        return bandwidths.clone();
    }

    /** Bandwidth of coordinate {@code j}. */
    public double bandwidth(int j) {
        return bandwidths[j];
    }

    /** Levels per coordinate: 0 for continuous, the number of choices for categorical. */
    public int[] levels() {
        return levels.clone();
    }

    @Override
    public String toString() {
        return "ProductKernelDensity(n=" + n + ", bandwidths=" + Arrays.toString(bandwidths) + ")";
    }
}
