package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hpo4j.optimizer.Pareto;

/**
 * The expected hypervolume improvement (Emmerich et al. 2006) of a point whose objectives are
 * independent gaussians {@code N(mean_k, sd_k^2)}, over a front below a reference point, every
 * objective minimized; exact for any number of objectives.
 *
 * <p>The region the front does not dominate (below the reference) is cut into boxes: the grid the
 * front's coordinates span in the first {@code m - 1} objectives, each cell open below in the last
 * objective up to the least last coordinate of the front points that dominate the cell's lower
 * corner in the first {@code m - 1} (the reference's when none does). A point {@code y} improves a
 * box {@code [l, u)} by the volume {@code prod_k (u_k - max(y_k, l_k))^+}, and since the objectives
 * are independent, the expectation is the product of one-dimensional expectations
 * {@code E[(u - max(Y, l))^+] = EI(u) - EI(l)}, with {@code EI(c) = E[(c - Y)^+]} the expected
 * improvement below {@code c} (0 for {@code c = -inf}). So the value is a sum over
 * {@code (n + 1)^(m - 1)} cells of products of expected improvements, {@code O(n)} per point for two
 * objectives (the strips between consecutive front points).
 */
final class ExpectedHypervolume {
    private static final double SQRT_2PI = Math.sqrt(2 * Math.PI);
    private static final int CONTINUED_FRACTION_TERMS = 60;
    private final int m;
    /** Per objective but the last: the cell boundaries, -inf first, the reference last. */
    private final double[][] cuts;
    /** The distinct upper bounds of the cells in the last objective. */
    private final double[] bounds;
    /** Per cell (mixed radix over {@link #cuts}, the first objective slowest), its index in {@link #bounds}. */
    private final int[] cellBound;

    /**
     * The improvement over {@code front} (any points; those not below {@code reference} in every
     * objective and dominated ones change nothing) below {@code reference}.
     */
    ExpectedHypervolume(List<double[]> front, double[] reference) {
        this.m = reference.length;
        List<double[]> inside = new ArrayList<>();
        for (double[] p : front) {
            boolean below = true;
            for (int k = 0; k < m; k++) {
                below &= p[k] < reference[k];
            }
            if (below) {
                inside.add(p);
            }
        }
        cuts = new double[m - 1][];
        int cells = 1;
        for (int k = 0; k < m - 1; k++) {
            int kk = k;
            double[] values = inside.stream().mapToDouble(p -> p[kk]).sorted().distinct().toArray();
            double[] c = new double[values.length + 2];
            c[0] = Double.NEGATIVE_INFINITY;
            System.arraycopy(values, 0, c, 1, values.length);
            c[c.length - 1] = reference[k];
            cuts[k] = c;
            cells *= c.length - 1;
        }
        double[] upper = new double[cells];
        int[] index = new int[m - 1];
        for (int cell = 0; cell < cells; cell++) {
            double b = reference[m - 1];
            for (double[] p : inside) {
                boolean dominatesCorner = true;
                for (int k = 0; k < m - 1 && dominatesCorner; k++) {
                    dominatesCorner = p[k] <= cuts[k][index[k]];
                }
                if (dominatesCorner) {
                    b = Math.min(b, p[m - 1]);
                }
            }
            upper[cell] = b;
            for (int k = m - 2; k >= 0; k--) {
                if (++index[k] < cuts[k].length - 1) {
                    break;
                }
                index[k] = 0;
            }
        }
        bounds = Arrays.stream(upper).sorted().distinct().toArray();
        cellBound = new int[cells];
        for (int cell = 0; cell < cells; cell++) {
            cellBound[cell] = Arrays.binarySearch(bounds, upper[cell]);
        }
    }

    /** The expected improvement of a point with independent gaussian objectives {@code N(mean_k, sd_k^2)}. */
    double value(double[] mean, double[] sd) {
        double[][] factor = new double[m - 1][];
        for (int k = 0; k < m - 1; k++) {
            double[] c = cuts[k];
            double[] f = new double[c.length - 1];
            double below = 0;
            for (int j = 0; j < f.length; j++) {
                double next = improvement(c[j + 1], mean[k], sd[k]);
                f[j] = Math.max(0, next - below);
                below = next;
            }
            factor[k] = f;
        }
        double[] last = new double[bounds.length];
        for (int j = 0; j < bounds.length; j++) {
            last[j] = improvement(bounds[j], mean[m - 1], sd[m - 1]);
        }
        return sum(factor, last, 0, 0, 1);
    }

    /** The sum over the cells below objective {@code k}'s index prefix {@code cell}, times {@code product}. */
    private double sum(double[][] factor, double[] last, int k, int cell, double product) {
        if (k == m - 1) {
            return product * last[cellBound[cell]];
        }
        double total = 0;
        double[] f = factor[k];
        for (int j = 0; j < f.length; j++) {
            if (f[j] > 0) {
                total += sum(factor, last, k + 1, cell * f.length + j, product * f[j]);
            }
        }
        return total;
    }

    /**
     * {@code E[(c - Y)^+]} for {@code Y ~ N(mean, sd^2)}: {@code sd * (u Phi(u) + phi(u))} with
     * {@code u = (c - mean) / sd}; 0 for {@code c = -inf}. It is called {@code O(n)} times per
     * candidate, so the normal tail is computed here rather than by commons-math's {@code Erf}
     * (an incomplete gamma function, an order of magnitude slower): for {@code u >= -2} by
     * Abramowitz and Stegun's 7.1.26 (absolute error below 1.5e-7 in erf, relative error below
     * 1e-4 in the result there); below, where {@code u Phi(u)} and {@code phi(u)} nearly cancel, as
     * {@code phi(u) (1 - x R(x))} with {@code x = -u} and Mills' ratio {@code R(x) = Phi(-x) / phi(x)}
     * from its continued fraction {@code 1 / (x + 1 / (x + 2 / (x + 3 / ...)))}, 60 terms from the
     * back. Beyond 12 standard deviations the tails are taken as exactly 0 and 1.
     */
    static double improvement(double c, double mean, double sd) {
        if (c == Double.NEGATIVE_INFINITY) {
            return 0;
        }
        double u = (c - mean) / sd;
        if (u < -12) {
            return 0;
        }
        if (u > 12) {
            return c - mean;
        }
        double e = Math.exp(-0.5 * u * u);
        double pdf = e / SQRT_2PI;
        if (u < -2) {
            double x = -u;
            double fraction = x;
            for (int k = CONTINUED_FRACTION_TERMS; k >= 1; k--) {
                fraction = x + k / fraction;
            }
            return Math.max(0, sd * pdf * (1 - x / fraction));
        }
        // Phi(-|u|) = 0.5 erfc(|u| / sqrt 2) = 0.5 poly(t) exp(-u^2 / 2)
        double t = 1 / (1 + 0.3275911 * Math.abs(u) / Math.sqrt(2));
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double lower = 0.5 * poly * e;
        double cdf = u < 0 ? lower : 1 - lower;
        return Math.max(0, sd * (u * cdf + pdf));
    }

    /** The hypervolume {@code y} adds to {@code front} below {@code reference}: for tests and Monte Carlo checks. */
    static double improvementOf(List<double[]> front, double[] y, double[] reference) {
        List<double[]> with = new ArrayList<>(front);
        with.add(y);
        return Pareto.hypervolume(with, reference) - Pareto.hypervolume(front, reference);
    }
}
