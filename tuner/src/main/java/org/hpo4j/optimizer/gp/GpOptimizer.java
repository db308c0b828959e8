package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.OutstandingJobs;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Bayesian optimization with a Gaussian process, every job at the maximum budget.
 *
 * <p>The first {@link GpSettings#initialPoints()} configurations come from the prior. Then a GP
 * with a Matern 5/2 kernel and one length-scale per parameter (ARD) models the standardized
 * results over the features of {@link GpFeatures} (unit encoding, one-hot categoricals, inactive
 * parameters at a constant). Its hyperparameters (length-scales, signal and noise variance) are
 * fitted by maximizing the log marginal likelihood plus a weak log-normal prior (which keeps fits
 * on few points sane), with Nelder-Mead from the previous fit and from a neutral start. They are
 * refitted only when the data have grown by {@link GpSettings#refitGrowth()}; in between, new
 * results extend the Cholesky factor in {@code O(n^2)}.
 *
 * <p>The next configuration maximizes expected improvement over random candidates from the prior
 * and candidates around the best results, followed by a short local search on the best few.
 * Candidates are decoded and re-encoded, so they respect conditions. Jobs still running enter the
 * model as a constant liar (the mean of the results), which keeps parallel proposals apart. Failed
 * configurations are believed at the model's mean (their variance goes, their value stays what the
 * results around them say) and expected improvement is multiplied by the chance that a run
 * succeeds ({@link FailureModel}), so the proposals leave a region where runs fail, such as learning
 * rates that diverge. No configuration is proposed twice.
 *
 * <p>A model built with {@link Hyperparameters} taken from another one's {@link #hyperparameters()}
 * never fits its own: it uses those (the targets are standardized, so they carry over to data of
 * the same space with a similar spread), which saves the fit when many short-lived models are built
 * on nearly the same results.
 */
public final class GpOptimizer implements Optimizer, org.hpo4j.optimizer.WarmStartable {
    private static final int LOCAL_CENTRES = 5;

    private final SearchSpace space;
    private final double budget;
    private final GpSettings gp;
    private final RandomGenerator random;
    private final GpFeatures features;
    private final int[] group;
    private final HyperparameterFit fit;
    private final AcquisitionSearch search;

    private final OutstandingJobs<double[]> outstanding = new OutstandingJobs<>();
    /** Every configuration handed out, so none is proposed twice. */
    private final Set<Configuration> proposed = new HashSet<>();
    /** Where runs fail. */
    private final FailureModel outcomes = new FailureModel();
    private final List<double[]> units = new ArrayList<>();
    private final List<double[]> inputs = new ArrayList<>();
    private double[] values = new double[16];
    /** Per observation, the inflation of its noise (see {@link GaussianProcess}): 0 for own, {@code 1/w - 1} for priors. */
    private double[] inflations = new double[16];
    private int nextId;

    private double[] theta;
    /** Hyperparameters given at construction and never refitted. */
    private final boolean fixed;
    /** Whether {@link #theta} comes from a fit or was given (rather than the neutral start). */
    private boolean fitted;
    private int lastFitSize;
    private GaussianProcess model;

    /** GP-based optimization with {@link GpSettings#defaults()}. */
    public GpOptimizer(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, GpSettings.defaults());
    }

    /** GP-based optimization over {@code space}. */
    public GpOptimizer(SearchSpace space, Fidelity fidelity, long seed, GpSettings gp) {
        this(space, fidelity, seed, gp, null);
    }

    /**
     * GP-based optimization over {@code space} with the GP's hyperparameters fixed to
     * {@code hyperparameters} (from {@link #hyperparameters()} of a model on the same space); null
     * fits them as the other constructors do.
     *
     * @throws IllegalArgumentException if {@code hyperparameters} belong to a space of another shape
     */
    public GpOptimizer(SearchSpace space, Fidelity fidelity, long seed, GpSettings gp, Hyperparameters hyperparameters) {
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.gp = gp;
        this.random = new MersenneTwister(seed);
        this.features = new GpFeatures(space);
        this.group = features.group;
        this.fit = new HyperparameterFit(features.groups());
        this.search = new AcquisitionSearch(space, random, gp.randomCandidates(), gp.localCandidates(),
                gp.refinementSteps());
        this.theta = fit.neutral();
        this.fixed = hyperparameters != null;
        if (fixed) {
            if (hyperparameters.theta.length != theta.length) {
                throw new IllegalArgumentException("hyperparameters hold " + hyperparameters.theta.length
                        + " values, the GP of this search space needs " + theta.length);
            }
            this.theta = hyperparameters.theta.clone();
            this.fitted = true;
        }
    }

    /**
     * The hyperparameters of the GP's last fit (or those given at construction), to build another
     * model on the same space without fitting; empty before the first proposal from the model.
     */
    public Optional<Hyperparameters> hyperparameters() {
        return fitted ? Optional.of(new Hyperparameters(theta.clone())) : Optional.empty();
    }

    @Override
    public Ask ask() {
        double[] unit = units.size() < gp.initialPoints() ? null : proposeFromModel();
        Configuration config = unit == null ? space.sample(random::nextDouble) : space.decode(unit);
        proposed.add(config);
        int id = nextId++;
        outstanding.put(id, space.encode(config));
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), config, budget, 0, 0));
    }

    @Override
    public void tell(Job job, Result result) {
        double[] x = outstanding.told(job);
        outcomes.add(features.of(x), result.isFailure());
        if (result.isFailure()) {
            return;
        }
        observe(x, result.value(), 0);
    }

    private void observe(double[] x, double value, double inflation) {
        if (units.size() == values.length) {
            values = Arrays.copyOf(values, 2 * values.length);
            inflations = Arrays.copyOf(inflations, 2 * inflations.length);
        }
        values[units.size()] = value;
        inflations[units.size()] = inflation;
        units.add(x);
        inputs.add(features.of(x));
    }

    /**
     * Adds earlier evaluations as observations with noise raised so that each counts {@code weight}
     * of an own one (see {@link GaussianProcess}); they count towards the initial points. Every job
     * runs at the full budget, so only the observations at the largest budget among them are used.
     */
    @Override
    public void warmStart(List<org.hpo4j.optimizer.PriorObservation> observations, double weight) {
        org.hpo4j.optimizer.WarmStartable.checkWeight(weight);
        double top = observations.stream().mapToDouble(o -> o.budget()).max().orElse(Double.NaN);
        for (org.hpo4j.optimizer.PriorObservation o : observations) {
            if (o.budget() == top) {
                observe(space.encode(o.configuration()), o.value(), 1 / weight - 1);
            }
        }
    }

    /** The standardized results, in the order told. */
    private double[] standardized(int count) {
        return GaussianProcess.standardize(values, count);
    }

    /** The inflations of the observations, null when every one is an own evaluation. */
    private double[] inflations() {
        for (int i = 0; i < units.size(); i++) {
            if (inflations[i] != 0) {
                return Arrays.copyOf(inflations, units.size());
            }
        }
        return null;
    }

    private void updateModel() {
        int n = units.size();
        double[] y = standardized(n);
        if (model == null || !fixed && gp.refitDue(n, lastFitSize)) {
            if (!fixed) {
                fitHyperparameters(y);
                fitted = true;
            }
            lastFitSize = n;
            model = GaussianProcess.fit(group, theta, inputs.toArray(new double[0][]), y, n, inflations());
            if (model == null) {
                theta = fit.neutral();
                fitted = false;
                model = GaussianProcess.fit(group, theta, inputs.toArray(new double[0][]), y, n, inflations());
            }
            return;
        }
        for (int i = model.size(); i < n; i++) {
            model = model.extend(inputs.get(i), inflations[i]);
        }
        model.withTargets(y);
    }

    private void fitHyperparameters(double[] y) {
        int n = y.length;
        int[] subset = fitSubset(n);
        double[][] xs = new double[subset.length][];
        double[] ys = new double[subset.length];
        double[] cs = new double[subset.length];
        boolean inflated = false;
        for (int i = 0; i < subset.length; i++) {
            xs[i] = inputs.get(subset[i]);
            ys[i] = y[subset[i]];
            cs[i] = inflations[subset[i]];
            inflated |= cs[i] != 0;
        }
        // the previous fit is a good start once the data have settled; early on, try a neutral one too
        double[][] starts = lastFitSize < 3 * gp.initialPoints()
                ? new double[][] {theta.clone(), fit.neutral()} : new double[][] {theta.clone()};
        theta = fit.fit(group, xs, ys, inflated ? cs : null, theta, starts);
    }

    /** All points, or the best fifth plus an even spread of the rest when there are too many. */
    private int[] fitSubset(int n) {
        return PointSubset.bestAndSpread(values, n, gp.maxFitPoints(), gp.maxFitPoints() / 5);
    }

    private double[] proposeFromModel() {
        updateModel();
        if (model == null) {
            // the kernel matrix could not be factored even with jitter: draw from the prior
            return null;
        }
        int n = units.size();
        double[] y = standardized(n);
        double incumbent = Double.POSITIVE_INFINITY;
        for (double v : y) {
            incumbent = Math.min(incumbent, v);
        }
        GaussianProcess believed = model;
        List<double[]> failures = outcomes.recentFailures();
        if (!outstanding.isEmpty() || !failures.isEmpty()) {
            // running jobs: constant liar at the mean of the results (0 after standardizing);
            // failures: believed at the model's mean, so expected improvement does not return to them
            // for their variance (WindowedGp.believing)
            double[] withLies = Arrays.copyOf(y, n + outstanding.size() + failures.size());
            for (double[] running : outstanding.values()) {
                believed = believed.extend(features.of(running));
            }
            int i = n + outstanding.size();
            for (double[] x : failures) {
                withLies[i++] = model.predictMean(x);
                believed = believed.extend(x);
            }
            believed.withTargets(withLies);
        }
        Acquisition acquisition = new Acquisition(believed, incumbent, outcomes.chance(group, theta));
        List<double[]> centres = new ArrayList<>();
        for (int i : bestObservations(Math.min(LOCAL_CENTRES, n))) {
            centres.add(units.get(i));
        }
        // null (every candidate already proposed, in a tiny space): ask() draws from the prior
        return search.maximize(acquisition::value, centres, this::isNew);
    }

    private boolean isNew(double[] unit) {
        return !proposed.contains(space.decode(unit));
    }

    private int[] bestObservations(int k) {
        Integer[] order = new Integer[units.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = order[i];
        }
        return out;
    }

    /** Expected improvement below the incumbent, on the standardized scale. */
    private final class Acquisition {
        private final GaussianProcess process;
        private final double incumbent;
        /** The chance of success, null while nothing failed. */
        private final FailureModel.Chance success;
        private final double[] prediction = new double[2];

        Acquisition(GaussianProcess process, double incumbent, FailureModel.Chance success) {
            this.process = process;
            this.incumbent = incumbent;
            this.success = success;
        }

        double value(double[] unit) {
            double[] x = features.of(unit);
            process.predict(x, prediction);
            double improvement = expectedImprovement(incumbent, prediction[0], Math.sqrt(prediction[1]));
            return success == null ? improvement : improvement * success.of(x);
        }
    }

    /**
     * A GP's fitted hyperparameters (log length-scale per parameter group, log signal variance, log
     * noise variance), opaque: only to be handed to another {@link GpOptimizer} on the same space.
     */
    public static final class Hyperparameters {
        private final double[] theta;

        private Hyperparameters(double[] theta) {
            this.theta = theta;
        }
    }

    /** Expected improvement of a gaussian N(mean, sd^2) below {@code incumbent}. */
    static double expectedImprovement(double incumbent, double mean, double sd) {
        return AcquisitionSearch.expectedImprovement(incumbent, mean, sd);
    }
}
