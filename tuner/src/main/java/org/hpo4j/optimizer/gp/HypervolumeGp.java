package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Proposals for several objectives by expected hypervolume improvement: one Gaussian process per
 * objective and one for the constraints' violation, each with its own hyperparameters, on the
 * results of one budget; the next configuration maximizes the expected improvement of the
 * hypervolume of the feasible front ({@link ExpectedHypervolume}, exact) times the probability of
 * feasibility.
 *
 * <p><b>Scales.</b> Each objective is standardized over the results and its GP's prior mean is its
 * worst result ({@link GaussianProcess#lessWorst}; its hyperparameters are fitted on these
 * targets, as measured): at the results' mean, the variance far from
 * every result won the expected improvement there, and zdt1-mf's hypervolume at cost 30 was 0.66
 * against 0.81 (BENCHMARKS.md). The reference point is the
 * results' worst value in each objective plus a tenth of their range (the user's reference is not
 * known), so every trade-off the results span counts, the front's extremes too. Measured against a
 * reference just beyond the front's own worst values, which credits extending the front's
 * extremes less, it gave lower hypervolumes on zdt1-mf and the same on LCBench (BENCHMARKS.md).
 *
 * <p><b>Constraints.</b> With feasible and infeasible results, a GP models the violation
 * {@code log(1 + v)} (0 where feasible, continuous across the boundary where the constraints are),
 * divided by the smallest observed positive one; the probability of feasibility is the posterior
 * probability that it is below half of that. (Targets -1 for feasible and above 1 for infeasible, a
 * step at the boundary, drove the length-scales to their lower bound, and the probability back to
 * its prior between the results.) Without a feasible result the proposal maximizes that
 * probability alone.
 *
 * <p><b>Running jobs</b> are believed at the posterior mean (kriging believer): each GP is
 * conditioned on them at its mean, which shrinks the variance there, and their predicted objectives
 * join the front, so the next proposal goes elsewhere (an approximation of the noisy expected
 * hypervolume improvement of Daulton et al. 2021 for pending points).
 *
 * <p>The hyperparameters of every GP are fitted (as {@link GpOptimizer}'s) only when the caller
 * asks; in between, each proposal reuses the last fit's. The candidate search is
 * {@link GpOptimizer}'s, its local candidates around the front's points (best by rank and
 * crowding). Everything random comes from the generator given, so the proposal is a function of it
 * and the arguments.
 */
public final class HypervolumeGp {
    private static final int LOCAL_CENTRES = 5;
    private static final double REFERENCE_MARGIN = 0.1;
    private static final double VIOLATION_CAP = 1e6;
    /** A violation predicted below this (on the scale of {@link #violations}) counts as feasible. */
    private static final double FEASIBLE_BELOW = 0.5;

    private final SearchSpace space;
    private final GpSettings settings;
    private final GpFeatures features;
    private final HyperparameterFit fit;
    /** The hyperparameters of each objective's GP, then of the violation's; null before the first fit. */
    private double[][] thetas;

    /** Proposals over {@code space}, the candidate search and fit subset as {@code settings} say. */
    public HypervolumeGp(SearchSpace space, GpSettings settings) {
        this.space = space;
        this.settings = settings;
        this.features = new GpFeatures(space);
        this.fit = new HyperparameterFit(features.groups());
    }

    /**
     * A result the model learns from.
     *
     * @param configuration where it was evaluated
     * @param point its objectives (to minimize) and violation
     * @param weight 1 for an own result, the warm start's weight (in (0, 1]) for an earlier study's
     */
    public record Observation(Configuration configuration, Pareto.Point point, double weight) {
    }

    /**
     * The configuration of largest expected hypervolume improvement times probability of
     * feasibility among those {@code isNew} accepts, or null when the GPs cannot be factored or no
     * candidate is new.
     *
     * @param data successful results of one budget, at least 2, all with the same number of objectives
     * @param running configurations still being evaluated at that budget
     * @param refit whether to fit the GPs' hyperparameters (always on the first call)
     */
    public Configuration propose(List<Observation> data, List<Configuration> running, boolean refit,
                                 RandomGenerator random, Predicate<Configuration> isNew) {
        int n = data.size();
        int m = data.get(0).point().objectives().length;
        double[][] xs = new double[n][];
        double[] inflation = new double[n];
        boolean inflated = false;
        int feasible = 0;
        List<Pareto.Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Observation o = data.get(i);
            xs[i] = features.of(space.encode(o.configuration()));
            inflation[i] = 1 / o.weight() - 1;
            inflated |= inflation[i] != 0;
            feasible += o.point().feasible() ? 1 : 0;
            points.add(o.point());
        }
        boolean constrained = feasible < n;
        if (thetas == null) {
            refit = true;
            thetas = new double[m + 1][];
        }
        // the best half by rank and crowding, then an even spread, enter the models: bounds their cubic cost
        List<Integer> order = Pareto.order(points);
        double[] rank = new double[n];
        for (int r = 0; r < n; r++) {
            rank[order.get(r)] = r;
        }
        int[] subset = PointSubset.bestAndSpread(rank, n, settings.maxFitPoints(), settings.maxFitPoints() / 2);
        int s = subset.length;
        double[][] sx = new double[s][];
        double[] sc = new double[s];
        for (int j = 0; j < s; j++) {
            sx[j] = xs[subset[j]];
            sc[j] = inflation[subset[j]];
        }
        double[] noise = inflated ? sc : null;

        double[][] targets = new double[m + 1][];
        double[][] believedTargets = new double[m + 1][];
        GaussianProcess[] models = new GaussianProcess[m + 1];
        for (int k = 0; k <= m; k++) {
            if (k == m && !(constrained && feasible > 0)) {
                continue;
            }
            double[] raw = new double[n];
            for (int i = 0; i < n; i++) {
                Pareto.Point p = data.get(i).point();
                raw[i] = k < m ? p.objectives()[k] : Math.log1p(Math.min(p.violation(), VIOLATION_CAP));
            }
            // an objective's prior mean is its worst result: far from the results nothing is promised
            targets[k] = k < m ? GaussianProcess.lessWorst(GaussianProcess.standardize(raw, raw.length)) : violations(raw);
            double[] sy = new double[s];
            for (int j = 0; j < s; j++) {
                sy[j] = targets[k][subset[j]];
            }
            if (refit || thetas[k] == null) {
                double[] start = thetas[k] == null ? fit.neutral() : thetas[k];
                thetas[k] = fit.fit(features.group, sx, sy, noise, start, start);
            }
            models[k] = GaussianProcess.fit(features.group, thetas[k], sx, sy, s, noise);
            if (models[k] == null) {
                thetas[k] = fit.neutral();
                models[k] = GaussianProcess.fit(features.group, thetas[k], sx, sy, s, noise);
                if (models[k] == null) {
                    return null;
                }
            }
            believedTargets[k] = sy;
        }

        // the feasible front in standardized objectives, and the running jobs believed at their means
        List<double[]> front = new ArrayList<>();
        for (int i : Pareto.front(points)) {
            double[] y = new double[m];
            for (int k = 0; k < m; k++) {
                y[k] = targets[k][i];
            }
            front.add(y);
        }
        double[] prediction = new double[2];
        if (!running.isEmpty()) {
            List<double[]> runningFeatures = new ArrayList<>();
            for (Configuration c : running) {
                runningFeatures.add(features.of(space.encode(c)));
            }
            List<double[]> believed = new ArrayList<>();
            for (int r = 0; r < running.size(); r++) {
                believed.add(new double[m]);
            }
            for (int k = 0; k <= m; k++) {
                if (models[k] == null) {
                    continue;
                }
                double[] withBeliefs = java.util.Arrays.copyOf(believedTargets[k], s + running.size());
                GaussianProcess extended = models[k];
                for (int r = 0; r < running.size(); r++) {
                    withBeliefs[s + r] = models[k].predictMean(runningFeatures.get(r));
                    if (k < m) {
                        believed.get(r)[k] = withBeliefs[s + r];
                    }
                    extended = extended.extend(runningFeatures.get(r));
                }
                models[k] = extended.withTargets(withBeliefs);
            }
            if (feasible > 0) {
                front.addAll(believed);
            }
        }

        double[] reference = reference(targets, m);
        ExpectedHypervolume ehvi = feasible > 0 ? new ExpectedHypervolume(front, reference) : null;
        GaussianProcess[] gps = models;
        double[] mean = new double[m];
        double[] sd = new double[m];
        java.util.function.ToDoubleFunction<double[]> acquisition = unit -> {
            double[] f = features.of(unit);
            double value = 1;
            if (gps[m] != null) {
                gps[m].predict(f, prediction);
                double z = (FEASIBLE_BELOW - prediction[0]) / Math.sqrt(prediction[1]);
                value = 0.5 * Erf.erfc(-z / Math.sqrt(2));
            }
            if (ehvi != null) {
                for (int k = 0; k < m; k++) {
                    gps[k].predict(f, prediction);
                    mean[k] = prediction[0];
                    sd[k] = Math.sqrt(Math.max(prediction[1], 1e-12));
                }
                value *= ehvi.value(mean, sd);
            }
            return value;
        };
        List<double[]> centres = new ArrayList<>();
        for (int r = 0; r < Math.min(LOCAL_CENTRES, n); r++) {
            centres.add(space.encode(data.get(order.get(r)).configuration()));
        }
        AcquisitionSearch search = new AcquisitionSearch(space, random, settings.randomCandidates(),
                settings.localCandidates(), settings.refinementSteps());
        double[] unit = search.maximize(acquisition, centres, u -> isNew.test(space.decode(u)));
        return unit == null ? null : space.decode(unit);
    }

    /** Per objective, the results' worst value plus {@link #REFERENCE_MARGIN} of their range. */
    private static double[] reference(double[][] targets, int m) {
        double[] reference = new double[m];
        for (int k = 0; k < m; k++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double t : targets[k]) {
                lo = Math.min(lo, t);
                hi = Math.max(hi, t);
            }
            reference[k] = hi + REFERENCE_MARGIN * Math.max(hi - lo, 1e-3);
        }
        return reference;
    }

    /**
     * The violations {@code log(1 + v)} (0 where feasible) divided by the smallest positive one, so
     * the least infeasible result is at 1 and {@link #FEASIBLE_BELOW} is half-way to the feasible 0.
     */
    private static double[] violations(double[] raw) {
        double least = Double.POSITIVE_INFINITY;
        for (double v : raw) {
            if (v > 0) {
                least = Math.min(least, v);
            }
        }
        double[] y = new double[raw.length];
        for (int i = 0; i < raw.length; i++) {
            y[i] = raw[i] / least;
        }
        return y;
    }

}
