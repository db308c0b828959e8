package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The rung reliability of Hyper-Tune (Li et al. 2022), model-based: how far each budget level's
 * ranking of configurations can be trusted about the largest budget's, and the bracket shares of
 * {@link org.hpo4j.optimizer.async.WeightedBrackets} that follow from it. {@link MultiFidelityGp}
 * (hyper-gp) measures it with its joint GP's hyperparameters.
 *
 * <p>Take the largest budget with at least {@link #MIN_LEVEL_POINTS} results ("reference"). A GP on
 * its results ranks them with a Kendall tau {@code tau_ref} between leave-one-out predictions and
 * the values; for each smaller budget {@code k}, a GP on that budget's results alone ranks the
 * reference budget's configurations with {@code tau_k}. The reliability of {@code k} is
 * {@code tau_k / max(tau_ref, 0.2)}, clipped to [0, 1] and shrunk towards
 * {@link #PRIOR_RELIABILITY} by {@link #PRIOR_PAIRS} pseudo-observations; while the reference is
 * below the full budget, it is multiplied by {@link #PRIOR_RELIABILITY} once more for the
 * reference's own, unmeasured, link to the full budget (budgets that agree with each other may all
 * mislead about the full one). Unmeasured budgets have {@link #PRIOR_RELIABILITY}: no evidence is
 * not trust, so a bracket that starts below the full budget has to earn its share (Hyperband
 * trusts every budget until the end). A bracket that starts at budget {@code k} relies on every
 * budget from {@code k} up, so its weight is the square of the smallest reliability among them; the
 * full-budget bracket has weight 1. Equal weights are Hyperband's split of the budget; budgets that
 * mislead lose their brackets, down to only full-budget evaluations.
 */
public final class RungReliability {
    /** Results a budget needs before its ranking is measured. */
    public static final int MIN_LEVEL_POINTS = 6;
    /** Pseudo-observations at {@link #PRIOR_RELIABILITY} that shrink a reliability measured on few configurations. */
    public static final double PRIOR_PAIRS = 4;
    /**
     * The reliability of a link between two budgets before it is measured, and what a measured one
     * is shrunk towards: without evidence a small budget is as likely to mislead as to agree, so
     * the full-budget bracket gets half of the budget from the start instead of after the first
     * measurement.
     */
    public static final double PRIOR_RELIABILITY = 0.5;
    /** Most configurations of one budget that a measurement looks at (the best third and an even spread). */
    static final int RELIABILITY_POINTS = 100;

    private RungReliability() {
    }

    /** The GP input of a configuration's unit encoding at a budget level. */
    @FunctionalInterface
    interface LevelInput {
        double[] of(double[] unit, int level);
    }

    /** {@code levels} levels at {@link #PRIOR_RELIABILITY}, the last (the full budget) at 1. */
    public static double[] unmeasured(int levels) {
        double[] r = new double[levels];
        Arrays.fill(r, PRIOR_RELIABILITY);
        r[levels - 1] = 1;
        return r;
    }

    /**
     * The wanted share of the budget per bracket {@code s} (index {@code s}, {@code s_max = } the
     * number of levels - 1), from the reliabilities of the levels (smallest budget first), as the
     * class comment says.
     */
    public static double[] bracketShares(double[] reliability) {
        int top = reliability.length - 1;
        double[] shares = new double[top + 1];
        for (int s = 0; s <= top; s++) {
            shares[s] = bracketWeight(reliability, top - s);
        }
        return shares;
    }

    /** The weight of the bracket that starts at level {@code k}. */
    static double bracketWeight(double[] reliability, int k) {
        int top = reliability.length - 1;
        double least = 1;
        for (int j = k; j < top; j++) {
            least = Math.min(least, reliability[j]);
        }
        return least * least;
    }

    /**
     * The reliabilities of the class comment.
     *
     * @param own the study's own results per level, smallest budget first (the last level is the full budget)
     * @param factor a GP conditioned on the given results alone, or null if it cannot be factored
     * @param input the GP's input for a configuration at a level
     */
    static double[] measure(List<List<ModelPoint>> own, Function<List<ModelPoint>, GaussianProcess> factor, LevelInput input) {
        int top = own.size() - 1;
        double[] r = unmeasured(top + 1);
        int reference = -1;
        for (int k = top; k >= 1 && reference < 0; k--) {
            if (own.get(k).size() >= MIN_LEVEL_POINTS) {
                reference = k;
            }
        }
        if (reference < 0) {
            return r;
        }
        List<ModelPoint> targets = ModelPoint.bestAndSpread(own.get(reference), RELIABILITY_POINTS);
        GaussianProcess model = factor.apply(targets);
        if (model == null) {
            return r;
        }
        double[] values = new double[targets.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = targets.get(i).value();
        }
        double tauTop = kendallTau(model.leaveOneOutMeans(ModelPoint.standardized(targets)), values);
        double scale = Math.max(tauTop, 0.2);
        int m = targets.size();
        // a reference below the full budget has an unmeasured link to it, which the smaller budgets inherit
        double toTop = reference < top ? PRIOR_RELIABILITY : 1;
        for (int k = 0; k < reference; k++) {
            List<ModelPoint> points = ModelPoint.bestAndSpread(own.get(k), RELIABILITY_POINTS);
            if (points.size() < MIN_LEVEL_POINTS) {
                continue;
            }
            GaussianProcess below = factor.apply(points);
            if (below == null) {
                continue;
            }
            double[] predicted = new double[m];
            for (int i = 0; i < m; i++) {
                predicted[i] = below.predictMean(input.of(targets.get(i).unit(), k));
            }
            double measured = Math.min(1, Math.max(0, kendallTau(predicted, values) / scale));
            r[k] = toTop * (m * measured + PRIOR_PAIRS * PRIOR_RELIABILITY) / (m + PRIOR_PAIRS);
        }
        return r;
    }

    /** The own results (weight 1) among {@code points}. */
    static List<ModelPoint> own(List<ModelPoint> points) {
        List<ModelPoint> own = new ArrayList<>();
        for (ModelPoint p : points) {
            if (p.own()) {
                own.add(p);
            }
        }
        return own;
    }

    /** Kendall's tau-a of two equally long sequences: (concordant - discordant) / pairs. */
    static double kendallTau(double[] a, double[] b) {
        long score = 0;
        long pairs = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                score += (long) Math.signum(a[i] - a[j]) * (long) Math.signum(b[i] - b[j]);
                pairs++;
            }
        }
        return pairs == 0 ? 0 : (double) score / pairs;
    }
}
