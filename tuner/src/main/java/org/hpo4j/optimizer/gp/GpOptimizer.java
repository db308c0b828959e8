package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import org.apache.commons.math3.exception.TooManyEvaluationsException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.OutstandingJobs;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
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
 * evaluations rank behind every value and never enter the model; no configuration is proposed
 * twice, so a failed one is not proposed again.
 */
public final class GpOptimizer implements Optimizer, org.hpo4j.optimizer.WarmStartable {
    private static final int LOCAL_CENTRES = 5;
    private static final int REFINED = 3;
    private static final double LOCAL_SIGMA = 0.05;
    private static final double LOG_MIN_SCALE = Math.log(0.02);
    private static final double LOG_MAX_SCALE = Math.log(20);
    private static final double LOG_MIN_SIGNAL = Math.log(0.05);
    private static final double LOG_MAX_SIGNAL = Math.log(20);
    private static final double LOG_MIN_NOISE = Math.log(1e-6);
    private static final double LOG_MAX_NOISE = Math.log(1);
    private static final int FIT_EVALUATIONS = 250;

    private final SearchSpace space;
    private final double budget;
    private final GpSettings gp;
    private final RandomGenerator random;
    private final GpFeatures features;
    private final int[] group;

    private final OutstandingJobs<double[]> outstanding = new OutstandingJobs<>();
    /** Every configuration handed out, so none is proposed twice (failures are not in the model). */
    private final Set<Configuration> proposed = new HashSet<>();
    private final List<double[]> units = new ArrayList<>();
    private final List<double[]> inputs = new ArrayList<>();
    private double[] values = new double[16];
    /** Per observation, the inflation of its noise (see {@link GaussianProcess}): 0 for own, {@code 1/w - 1} for priors. */
    private double[] inflations = new double[16];
    private int nextId;

    private double[] theta;
    private int lastFitSize;
    private GaussianProcess model;

    /** GP-based optimization with {@link GpSettings#defaults()}. */
    public GpOptimizer(SearchSpace space, OptimizerSettings settings) {
        this(space, settings, GpSettings.defaults());
    }

    /** GP-based optimization over {@code space}. */
    public GpOptimizer(SearchSpace space, OptimizerSettings settings, GpSettings gp) {
        this.space = space;
        this.budget = settings.maxBudget();
        this.gp = gp;
        this.random = new MersenneTwister(settings.seed());
        this.features = new GpFeatures(space);
        this.group = features.group;
        this.theta = neutralTheta();
    }

    private double[] neutralTheta() {
        double[] t = new double[features.groups() + 2];
        Arrays.fill(t, 0, features.groups(), Math.log(0.5));
        t[features.groups()] = 0;
        t[features.groups() + 1] = Math.log(1e-3);
        return t;
    }

    @Override
    public Optional<Job> ask() {
        double[] unit = units.size() < gp.initialPoints() ? null : proposeFromModel();
        Configuration config = unit == null ? space.sample(random::nextDouble) : space.decode(unit);
        proposed.add(config);
        int id = nextId++;
        outstanding.put(id, space.encode(config));
        return Optional.of(new Job(id, new Job.ConfigId(id, 0, 0), config, budget, 0, 0));
    }

    @Override
    public void tell(Job job, Result result) {
        double[] x = outstanding.told(job);
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
        if (model == null || n >= Math.ceil(lastFitSize * gp.refitGrowth()) && n > lastFitSize) {
            fitHyperparameters(y);
            lastFitSize = n;
            model = GaussianProcess.fit(group, theta, inputs.toArray(new double[0][]), y, n, inflations());
            if (model == null) {
                theta = neutralTheta();
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
        double[] fitInflation = inflated ? cs : null;
        double[] neutral = neutralTheta();
        double[][] best = {theta.clone()};
        double[] bestValue = {Double.NEGATIVE_INFINITY};
        ObjectiveFunction objective = new ObjectiveFunction(t -> {
            double[] clamped = clamp(t);
            double penalty = 0;
            for (int i = 0; i < t.length; i++) {
                penalty += 10 * (t[i] - clamped[i]) * (t[i] - clamped[i]);
            }
            double value = GaussianProcess.logMarginalLikelihood(group, clamped, xs, ys, xs.length, fitInflation)
                    + logPrior(clamped, neutral) - penalty;
            if (value > bestValue[0]) {
                bestValue[0] = value;
                best[0] = clamped;
            }
            return Double.isFinite(value) ? value : -1e300;
        });
        // the previous fit is a good start once the data have settled; early on, try a neutral one too
        double[][] starts = lastFitSize < 3 * gp.initialPoints()
                ? new double[][] {theta.clone(), neutral} : new double[][] {theta.clone()};
        for (double[] start : starts) {
            try {
                new SimplexOptimizer(1e-6, 1e-8).optimize(new MaxEval(FIT_EVALUATIONS), objective,
                        GoalType.MAXIMIZE, new InitialGuess(start), new NelderMeadSimplex(start.length, 0.7));
            } catch (TooManyEvaluationsException e) {
                // the best point seen so far is kept by the objective
            }
        }
        theta = best[0];
    }

    /** Log-normal prior around the neutral hyperparameters: wide for scales, wider for the noise. */
    private double logPrior(double[] t, double[] neutral) {
        double s = 0;
        for (int i = 0; i < t.length; i++) {
            double sd = i == t.length - 1 ? 3 : 1.5;
            double z = (t[i] - neutral[i]) / sd;
            s -= 0.5 * z * z;
        }
        return s;
    }

    private double[] clamp(double[] t) {
        double[] c = t.clone();
        int g = features.groups();
        for (int i = 0; i < g; i++) {
            c[i] = Math.min(LOG_MAX_SCALE, Math.max(LOG_MIN_SCALE, c[i]));
        }
        c[g] = Math.min(LOG_MAX_SIGNAL, Math.max(LOG_MIN_SIGNAL, c[g]));
        c[g + 1] = Math.min(LOG_MAX_NOISE, Math.max(LOG_MIN_NOISE, c[g + 1]));
        return c;
    }

    /** All points, or the best fifth plus an even spread of the rest when there are too many. */
    private int[] fitSubset(int n) {
        int max = gp.maxFitPoints();
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        if (n <= max) {
            return all;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        int bestCount = max / 5;
        boolean[] taken = new boolean[n];
        for (int r = 0; r < bestCount; r++) {
            taken[order[r]] = true;
        }
        int rest = max - bestCount;
        int restAvailable = n - bestCount;
        int seen = 0;
        int added = 0;
        for (int i = 0; i < n && added < rest; i++) {
            if (taken[i]) {
                continue;
            }
            // Bresenham-style spread: take the point when the running quota crosses an integer
            if ((long) (seen + 1) * rest / restAvailable > (long) seen * rest / restAvailable) {
                taken[i] = true;
                added++;
            }
            seen++;
        }
        int[] subset = new int[bestCount + added];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (taken[i]) {
                subset[k++] = i;
            }
        }
        return subset;
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
        if (!outstanding.isEmpty()) {
            // constant liar at the mean of the results (0 after standardizing)
            double[] withLies = Arrays.copyOf(y, n + outstanding.size());
            for (double[] running : outstanding.values()) {
                believed = believed.extend(features.of(running));
            }
            believed.withTargets(withLies);
        }
        Acquisition acquisition = new Acquisition(believed, incumbent);

        int total = gp.randomCandidates() + gp.localCandidates();
        double[][] candidates = new double[total][];
        double[] scores = new double[total];
        for (int c = 0; c < gp.randomCandidates(); c++) {
            candidates[c] = space.encode(space.sample(random::nextDouble));
        }
        int[] best = bestObservations(Math.min(LOCAL_CENTRES, n));
        for (int c = gp.randomCandidates(); c < total; c++) {
            candidates[c] = perturb(units.get(best[c % best.length]), LOCAL_SIGMA);
        }
        for (int c = 0; c < total; c++) {
            scores[c] = acquisition.value(candidates[c]);
        }
        Integer[] order = new Integer[total];
        for (int c = 0; c < total; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] winner = null;
        double winnerScore = Double.NEGATIVE_INFINITY;
        int refined = Math.min(REFINED, total);
        int stepsEach = gp.refinementSteps() / Math.max(1, refined);
        for (int r = 0; r < refined; r++) {
            double[] x = candidates[order[r]];
            double score = isNew(x) ? scores[order[r]] : Double.NEGATIVE_INFINITY;
            double sigma = LOCAL_SIGMA;
            for (int s = 0; s < stepsEach; s++) {
                double[] next = perturb(x, sigma);
                double nextScore = acquisition.value(next);
                if (nextScore > score && isNew(next)) {
                    x = next;
                    score = nextScore;
                } else {
                    sigma = Math.max(1e-3, sigma * 0.8);
                }
            }
            if (score > winnerScore) {
                winner = x;
                winnerScore = score;
            }
        }
        for (int r = refined; winner == null && r < total; r++) {
            if (isNew(candidates[order[r]])) {
                winner = candidates[order[r]];
            }
        }
        // null (every candidate already proposed, in a tiny space): ask() draws from the prior
        return winner;
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

    /**
     * A nearby point: gaussian steps on the active numeric coordinates, and now and then another
     * choice for a categorical one; coordinates that become active are drawn at random.
     */
    private double[] perturb(double[] unit, double sigma) {
        double[] x = unit.clone();
        int d = x.length;
        for (int i = 0; i < d; i++) {
            if (Double.isNaN(x[i])) {
                x[i] = random.nextDouble();
            } else if (space.parameters().get(i) instanceof CategoricalParameter) {
                if (random.nextDouble() < 1.0 / d) {
                    x[i] = random.nextDouble();
                }
            } else {
                x[i] = Math.min(1, Math.max(0, x[i] + sigma * random.nextGaussian()));
            }
        }
        return space.encode(space.decode(x));
    }

    /** Expected improvement below the incumbent, on the standardized scale. */
    private final class Acquisition {
        private final GaussianProcess process;
        private final double incumbent;
        private final double[] prediction = new double[2];

        Acquisition(GaussianProcess process, double incumbent) {
            this.process = process;
            this.incumbent = incumbent;
        }

        double value(double[] unit) {
            process.predict(features.of(unit), prediction);
            return expectedImprovement(incumbent, prediction[0], Math.sqrt(prediction[1]));
        }
    }

    /** Expected improvement of a gaussian N(mean, sd^2) below {@code incumbent}. */
    static double expectedImprovement(double incumbent, double mean, double sd) {
        double z = (incumbent - mean) / sd;
        double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        return (incumbent - mean) * cdf + sd * pdf;
    }
}
