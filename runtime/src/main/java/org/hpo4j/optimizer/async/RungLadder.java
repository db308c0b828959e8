package org.hpo4j.optimizer.async;

import org.hpo4j.optimizer.OptimizerSettings;

/**
 * The budgets of successive halving as Hyperband lays them out: {@code maxBudget / eta^k} for
 * {@code k = sMax, ..., 1, 0}, where {@code sMax} is the largest {@code k} with
 * {@code maxBudget / eta^k >= minBudget}. Bracket {@code s} starts at level {@code sMax - s} and
 * climbs to the maximum budget in {@code s + 1} rungs.
 */
final class RungLadder {
    /** Tolerance for {@code log(max/min)/log(eta)} landing a hair below an integer. */
    private static final double LOG_SLACK = 1e-9;

    private final double[] budgets;
    private final double eta;

    RungLadder(OptimizerSettings settings) {
        this.eta = settings.eta();
        int sMax = (int) Math.floor(Math.log(settings.maxBudget() / settings.minBudget()) / Math.log(eta) + LOG_SLACK);
        budgets = new double[sMax + 1];
        for (int level = 0; level <= sMax; level++) {
            // divide by an exact power rather than multiply by eta^-k: 729 / 3^4 is exactly 9,
            // 729 * 3^-4 is not
            budgets[level] = settings.maxBudget() / Math.pow(eta, sMax - level);
        }
        // the bottom level may undershoot minBudget by the slack only; never hand out less
        budgets[0] = Math.max(budgets[0], settings.minBudget());
    }

    /** The most aggressive bracket, the number of promotions from the smallest budget to the largest. */
    int sMax() {
        return budgets.length - 1;
    }

    double eta() {
        return eta;
    }

    /** The budget of rung {@code rung} of bracket {@code bracket}. */
    double budget(int bracket, int rung) {
        return budgets[sMax() - bracket + rung];
    }

    /**
     * Hyperband's number of configurations in bracket {@code s} of one iteration, as HpBandSter
     * computes it: {@code floor((sMax + 1) / (s + 1)) * eta^s}, which gives each bracket about the
     * same total budget. (The paper's {@code ceil((sMax + 1) / (s + 1) * eta^s)} differs slightly;
     * we follow the reference implementation, like the synchronous Hyperband.)
     */
    int hyperbandBracketSize(int bracket) {
        return (int) Math.floor(Math.floor((sMax() + 1.0) / (bracket + 1)) * Math.pow(eta, bracket) + LOG_SLACK);
    }
}
