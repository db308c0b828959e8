package org.hpo4j.benchmarks;

/**
 * A Hartmann function with a fidelity: {@code -sum_i (alpha_i - 0.1 (1 - z)) exp(-sum_j A_ij (x_j - P_ij)^2)},
 * so every weight shrinks by {@code 0.1 (1 - z)} at fidelity {@code z = b / b_max} in (0, 1]
 * ({@code hartmann6-mf} and the three relevant parameters of {@code sparse-30d}).
 */
public final class MultiFidelityHartmann {
    private final double[] alpha;
    private final double[][] a;
    private final double[][] p;

    /**
     * @param alpha the four weights
     * @param a the four rows of scales, one per dimension
     * @param p the four rows of centres in [0, 1], one per dimension
     */
    public MultiFidelityHartmann(double[] alpha, double[][] a, double[][] p) {
        if (alpha.length != a.length || a.length != p.length) {
            throw new IllegalArgumentException("Hartmann: " + alpha.length + " weights, " + a.length + " rows of scales and "
                    + p.length + " rows of centres");
        }
        this.alpha = alpha.clone();
        this.a = a.clone();
        this.p = p.clone();
    }

    /** The value at {@code x} (one coordinate per dimension) and fidelity {@code z}. */
    public double value(double[] x, double z) {
        double sum = 0;
        for (int i = 0; i < alpha.length; i++) {
            double exponent = 0;
            for (int j = 0; j < x.length; j++) {
                double d = x[j] - p[i][j];
                exponent += a[i][j] * d * d;
            }
            sum += (alpha[i] - 0.1 * (1 - z)) * Math.exp(-exponent);
        }
        return -sum;
    }
}
