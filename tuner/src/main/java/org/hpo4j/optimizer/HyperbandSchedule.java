package org.hpo4j.optimizer;

import java.util.Arrays;

/**
 * The brackets of Hyperband (Li et al. 2018) for a budget range and a reduction factor eta.
 *
 * <p>{@code s_max = floor(log_eta(max / min))}; bracket {@code s} (from {@code s_max} down to 0)
 * starts {@code n = ceil((s_max + 1) / (s + 1) * eta^s)} configurations at budget
 * {@code max * eta^-s}, and rung {@code i} keeps {@code floor(n * eta^-i)} of them at budget
 * {@code max * eta^(i - s)}. Powers of eta are built by repeated multiplication and compared with a
 * relative tolerance, so that e.g. {@code log_3(81)} is 4 and not 3.9999999999999996.
 */
public final class HyperbandSchedule {

    /** How many configurations a bracket starts. */
    public enum Sizing {
        /** Li et al.: {@code ceil((s_max + 1) / (s + 1) * eta^s)}. */
        LI,
        /**
         * HpBandSter 0.7.4: {@code floor((s_max + 1) / (s + 1)) * eta^s}, slightly fewer
         * configurations in the middle brackets (27 instead of 34 for (1, 81, 3)).
         */
        HPBANDSTER
    }

    private static final double TOLERANCE = 1e-9;

    private final double minBudget;
    private final double maxBudget;
    private final double eta;
    private final int sMax;
    private final int[][] sizes;
    private final double[][] budgets;

    private HyperbandSchedule(double minBudget, double maxBudget, double eta, Sizing sizing) {
        this.minBudget = minBudget;
        this.maxBudget = maxBudget;
        this.eta = eta;
        int s = 0;
        double power = 1;
        while (minBudget * power * eta <= maxBudget * (1 + TOLERANCE)) {
            s++;
            power *= eta;
        }
        this.sMax = s;
        this.sizes = new int[sMax + 1][];
        this.budgets = new double[sMax + 1][];
        for (int b = 0; b <= sMax; b++) {
            double etaS = power(b);
            long n0;
            if (sizing == Sizing.LI) {
                double x = (sMax + 1) * etaS / (b + 1);
                n0 = (long) Math.ceil(x * (1 - TOLERANCE));
            } else {
                n0 = ((sMax + 1) / (b + 1)) * Math.round(etaS);
                if (Math.abs(etaS - Math.rint(etaS)) > TOLERANCE * etaS) {
                    n0 = (long) Math.floor(((sMax + 1) / (b + 1)) * etaS * (1 + TOLERANCE));
                }
            }
            sizes[b] = new int[b + 1];
            budgets[b] = new double[b + 1];
            for (int i = 0; i <= b; i++) {
                long ni = (long) Math.floor(n0 / power(i) * (1 + TOLERANCE));
                sizes[b][i] = (int) Math.max(1, ni);
                budgets[b][i] = maxBudget / power(b - i);
            }
        }
    }

    /** The schedule of Li et al. for a budget range and eta. */
    public static HyperbandSchedule of(Fidelity fidelity, HyperbandSettings settings) {
        return of(fidelity.minBudget(), fidelity.maxBudget(), settings.eta(), Sizing.LI);
    }

    /**
     * The schedule for a budget range, a reduction factor and a sizing rule.
     *
     * @throws IllegalArgumentException for a non-positive {@code minBudget}, {@code maxBudget <=
     *     minBudget} or {@code eta < 2}
     */
    public static HyperbandSchedule of(double minBudget, double maxBudget, double eta, Sizing sizing) {
        if (!(minBudget > 0) || !(maxBudget > minBudget) || Double.isInfinite(maxBudget)) {
            throw new IllegalArgumentException("budgets must satisfy 0 < minBudget < maxBudget < inf, got minBudget "
                    + minBudget + ", maxBudget " + maxBudget);
        }
        if (!(eta >= 2) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("eta must be at least 2, got " + eta);
        }
        return new HyperbandSchedule(minBudget, maxBudget, eta, sizing);
    }

    private double power(int k) {
        double p = 1;
        for (int i = 0; i < k; i++) {
            p *= eta;
        }
        return p;
    }

    /** The largest bracket index, {@code floor(log_eta(max / min))}. */
    public int sMax() {
        return sMax;
    }

    /** Number of brackets in one Hyperband iteration, {@code s_max + 1}. */
    public int bracketsPerIteration() {
        return sMax + 1;
    }

    /** The reduction factor. */
    public double eta() {
        return eta;
    }

    /** The smallest budget asked for. */
    public double minBudget() {
        return minBudget;
    }

    /** The largest budget. */
    public double maxBudget() {
        return maxBudget;
    }

    /** Number of configurations per rung of bracket {@code s}, rung 0 first. */
    public int[] rungSizes(int s) {
        return sizes[checkBracket(s)].clone();
    }

    /** Budget per rung of bracket {@code s}, rung 0 first; the last is {@code maxBudget}. */
    public double[] rungBudgets(int s) {
        return budgets[checkBracket(s)].clone();
    }

    /**
     * The budget one iteration spends (every bracket once, every rung full), in the budget's own
     * units; divide by {@link #maxBudget()} for full evaluations.
     */
    public double iterationBudget() {
        double total = 0;
        for (int s = 0; s <= sMax; s++) {
            for (int i = 0; i < sizes[s].length; i++) {
                total += sizes[s][i] * budgets[s][i];
            }
        }
        return total;
    }

    private int checkBracket(int s) {
        if (s < 0 || s > sMax) {
            throw new IllegalArgumentException("bracket " + s + " is outside 0.." + sMax);
        }
        return s;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("HyperbandSchedule(eta=" + eta + ", sMax=" + sMax + ")");
        for (int s = sMax; s >= 0; s--) {
            b.append(" s=").append(s).append(' ').append(Arrays.toString(sizes[s])).append('@')
                    .append(Arrays.toString(budgets[s]));
        }
        return b.toString();
    }
}
