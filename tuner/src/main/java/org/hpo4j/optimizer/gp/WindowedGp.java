package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Gaussian process over a bounded window of {@link ModelPoint}s, for {@link MultiFidelityGp}: its
 * hyperparameters are refitted when the results have grown by a factor, new results are added to
 * the Cholesky factor in {@code O(n^2)}, and once a quarter of the window is new the owner chooses
 * the window again and it is refactored. Targets are the window's values standardized, less the
 * worst of them where the prior mean is the worst result.
 */
final class WindowedGp {
    private final int[] group;
    private final HyperparameterFit fit;
    private final HyperGpSettings settings;
    /** Whether the prior mean is the worst result in the window rather than the results' mean. */
    private final boolean worstAsPriorMean;
    private final List<ModelPoint> fresh = new ArrayList<>();
    private double[] theta;
    private int lastFit;
    private List<ModelPoint> window = List.of();
    private GaussianProcess model;
    private int appended;

    /**
     * A GP over results whose inputs have length-scale groups {@code group} ({@code groups} of
     * them); its prior mean is the worst result in the window if {@code worstAsPriorMean}, else
     * the results' mean.
     */
    WindowedGp(int[] group, int groups, HyperGpSettings settings, boolean worstAsPriorMean) {
        this.worstAsPriorMean = worstAsPriorMean;
        this.group = group;
        this.fit = new HyperparameterFit(groups);
        this.settings = settings;
        this.theta = fit.neutral();
    }

    /** Queues a new result; {@link #extend} adds it to the factor, {@link #rebuild} drops the queue. */
    void offer(ModelPoint p) {
        fresh.add(p);
    }

    /** Whether the hyperparameters are due for a refit, with {@code results} results in all. */
    boolean stale(int results) {
        return model == null || settings.refitDue(results, lastFit);
    }

    /** Whether so much is new that the window should be chosen again. */
    boolean crowded() {
        return appended + fresh.size() > Math.max(8, window.size() / 4);
    }

    /** Fits the hyperparameters on (a subset of) {@code points}. */
    void refit(List<ModelPoint> points, int results) {
        List<ModelPoint> subset = ModelPoint.bestAndSpread(points, settings.maxFitPoints());
        if (!subset.isEmpty()) {
            double[][] xs = new double[subset.size()][];
            double[] cs = new double[subset.size()];
            boolean inflated = false;
            for (int i = 0; i < xs.length; i++) {
                xs[i] = subset.get(i).input();
                cs[i] = subset.get(i).inflation();
                inflated |= cs[i] != 0;
            }
            double[][] starts = lastFit < 3 * settings.initialPoints()
                    ? new double[][] {theta.clone(), fit.neutral()} : new double[][] {theta.clone()};
            theta = fit.fit(group, xs, ModelPoint.standardized(subset), inflated ? cs : null, theta, starts);
        }
        lastFit = results;
    }

    /** Conditions on {@code points} (the new window) with the current hyperparameters. */
    void rebuild(List<ModelPoint> points) {
        window = points;
        fresh.clear();
        appended = 0;
        model = factor(points, theta);
        if (model == null) {
            theta = fit.neutral();
            model = factor(points, theta);
        }
    }

    /** Adds the queued results that {@code include} accepts to the factor. */
    void extend(Predicate<ModelPoint> include) {
        if (model == null) {
            fresh.clear();
            return;
        }
        List<ModelPoint> extended = new ArrayList<>(window);
        for (ModelPoint p : fresh) {
            if (include.test(p)) {
                model = model.extend(p.input(), p.inflation());
                extended.add(p);
                appended++;
            }
        }
        fresh.clear();
        window = extended;
    }

    /** The modelled points, in the factor's order. */
    List<ModelPoint> window() {
        return window;
    }

    /** The current hyperparameters. */
    double[] theta() {
        return theta;
    }

    /** The GP with its targets set, or null before the first {@link #rebuild} or when it could not be factored. */
    GaussianProcess model() {
        if (model != null) {
            model.withTargets(targets());
        }
        return model;
    }

    /**
     * The GP with every running job added as a "Kriging believer" (its posterior mean as value):
     * the mean stays, the variance there goes, so parallel proposals keep apart. Failed
     * configurations ({@link MultiFidelityGp} passes them with the running jobs) are believed the
     * same way: their variance goes, so expected improvement does not return to them for the
     * variance a left-out failure keeps, and their value stays what the results around them say. (Believed at the results' mean where that is worse, a configuration
     * that failed at random counted as mediocre at the full budget: with 15 % of the evaluations
     * failing at random, hyper-gp's median regret on branin-mf at cost 30 went from 0.002 to 0.57;
     * 8 seeds.)
     */
    GaussianProcess believing(Collection<double[]> running) {
        if (model == null) {
            return null;
        }
        double[] y = targets();
        GaussianProcess base = model.withTargets(y);
        if (running.isEmpty()) {
            return base;
        }
        double[] withBelieved = Arrays.copyOf(y, y.length + running.size());
        int i = y.length;
        GaussianProcess believed = base;
        for (double[] x : running) {
            withBelieved[i++] = base.predictMean(x);
        }
        for (double[] x : running) {
            believed = believed.extend(x);
        }
        return believed.withTargets(withBelieved);
    }

    /**
     * The window's standardized values; with the worst result as the prior mean, less the largest
     * of them, so that far from the results the GP predicts the worst value seen, not their average.
     */
    private double[] targets() {
        double[] y = ModelPoint.standardized(window);
        return worstAsPriorMean ? GaussianProcess.lessWorst(y) : y;
    }

    /** A GP on {@code points} alone with hyperparameters {@code hyperparameters}; null if none or not factorable. */
    GaussianProcess factor(List<ModelPoint> points, double[] hyperparameters) {
        if (points.isEmpty()) {
            return null;
        }
        double[][] xs = new double[points.size()][];
        double[] inflation = new double[points.size()];
        boolean inflated = false;
        for (int i = 0; i < xs.length; i++) {
            xs[i] = points.get(i).input();
            inflation[i] = points.get(i).inflation();
            inflated |= inflation[i] != 0;
        }
        return GaussianProcess.fit(group, hyperparameters, xs, ModelPoint.standardized(points), xs.length,
                inflated ? inflation : null);
    }
}
