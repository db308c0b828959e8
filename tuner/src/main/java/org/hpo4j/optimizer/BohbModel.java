package org.hpo4j.optimizer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * BOHB's model (Falkner et al. 2018), as in HpBandSter's {@code config_generators/bohb.py}: what
 * proposes the new configurations of {@link Bohb} and of asynchronous BOHB.
 *
 * <p>Per budget, the successful observations are split into the best {@code topNPercent} ("good")
 * and the rest ("bad"), each fitted with a {@link ProductKernelDensity} over the encoded space,
 * inactive coordinates imputed. Proposals use the largest budget that has a model: with probability
 * {@code randomFraction}, or while there is no model, a draw from the prior; otherwise
 * {@code numSamples} candidates drawn around good points (continuous coordinates from a truncated
 * normal with the good bandwidth times {@code bandwidthFactor}, categorical ones kept with
 * probability {@code 1 - bandwidth}, else uniform), of which the one with the largest
 * {@code l(x) / g(x)} is proposed.
 *
 * <p>Deviations from HpBandSter, each on purpose: failed evaluations are left out of the model (the
 * project's rule; HpBandSter counts them as bad with an infinite loss); the categorical kernel
 * counts the parameter's choices rather than the levels present in the data (statsmodels' choice,
 * which gives infinite ratios when a level is missing); imputation also fills the first coordinate
 * (HpBandSter's loop skips a NaN at index 0).
 *
 * <p>{@linkplain #warmStart Prior observations} from earlier studies join the observations of their
 * budget with a lower weight: they count towards the points a model needs, and in the densities
 * (and in the choice of the point a candidate is drawn around) each weighs {@code weight}.
 */
public final class BohbModel implements WarmStartable {
    private static final double FLOOR = 1e-32;

    private final SearchSpace space;
    private final BohbSettings settings;
    private final RandomGenerator random;
    private final int d;
    private final int[] levels;
    private final int minPoints;
    private final Map<Double, Observations> observations = new TreeMap<>();
    private double modelBudget = Double.NEGATIVE_INFINITY;
    private ProductKernelDensity good;
    private ProductKernelDensity bad;
    private final double[] candidate;
    private final double[] bestCandidate;
    private final double[] unit;
    private int modelBasedProposals;

    /**
     * A model without observations.
     *
     * @param space the space proposals come from
     * @param settings the model settings
     * @param random every random choice of the model (proposals and imputation) comes from it
     */
    public BohbModel(SearchSpace space, BohbSettings settings, RandomGenerator random) {
        this.space = space;
        this.settings = settings;
        this.random = random;
        this.d = space.size();
        this.levels = new int[d];
        List<Parameter> ps = space.parameters();
        for (int j = 0; j < d; j++) {
            levels[j] = ps.get(j) instanceof CategoricalParameter c ? c.size() : 0;
        }
        this.minPoints = Math.max(settings.minPointsInModel(), d + 1);
        this.candidate = new double[d];
        this.bestCandidate = new double[d];
        this.unit = new double[d];
    }

    /** The budget whose observations the current model was fitted on; -infinity before any model. */
    public double modelBudget() {
        return modelBudget;
    }

    /** How many proposals so far came from the model rather than the prior. */
    public int modelBasedProposals() {
        return modelBasedProposals;
    }

    /** The observations at one budget, as model vectors (categoricals as indices, NaN inactive). */
    private static final class Observations {
        final List<double[]> vectors = new ArrayList<>();
        double[] losses = new double[16];
        double[] weights = new double[16];

        void add(double[] vector, double loss, double weight) {
            if (vectors.size() == losses.length) {
                losses = Arrays.copyOf(losses, losses.length * 2);
                weights = Arrays.copyOf(weights, weights.length * 2);
            }
            losses[vectors.size()] = loss;
            weights[vectors.size()] = weight;
            vectors.add(vector);
        }

        int size() {
            return vectors.size();
        }
    }

    /**
     * Takes a finished evaluation into account: refits the densities of its budget when that budget
     * has enough successful observations and no larger budget has a model yet. Failures are ignored.
     */
    public void observe(Job job, Result result) {
        if (result.isFailure()) {
            return;
        }
        if (add(job.configuration(), job.budget(), result.value(), 1)) {
            refit(job.budget());
        }
    }

    /**
     * Adds earlier evaluations at their budgets with {@code weight}, then refits the densities of
     * the budgets that gained observations, from the smallest to the largest.
     */
    @Override
    public void warmStart(List<PriorObservation> priors, double weight) {
        WarmStartable.checkWeight(weight);
        java.util.TreeSet<Double> touched = new java.util.TreeSet<>();
        for (PriorObservation o : priors) {
            if (add(o.configuration(), o.budget(), o.value(), weight)) {
                touched.add(o.budget());
            }
        }
        for (double budget : touched) {
            refit(budget);
        }
    }

    private boolean add(Configuration configuration, double budget, double loss, double weight) {
        // a model on a larger budget exists: this budget's observations can no longer be used
        if (modelBudget > budget) {
            return false;
        }
        observations.computeIfAbsent(budget, b -> new Observations()).add(modelVector(configuration), loss, weight);
        return true;
    }

    private void refit(double budget) {
        if (modelBudget > budget) {
            return;
        }
        Observations obs = observations.get(budget);
        int n = obs.size();
        if (n < minPoints) {
            return;
        }
        int nGood = Math.max(minPoints, settings.topNPercent() * n / 100);
        int nBad = Math.max(minPoints, (100 - settings.topNPercent()) * n / 100);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double[] losses = obs.losses;
        Arrays.sort(order, (a, b) -> Double.compare(losses[a], losses[b]));
        int goodCount = Math.min(nGood, n);
        int badCount = Math.max(0, Math.min(nGood + nBad, n) - goodCount);
        double[][] goodRows = new double[goodCount][];
        double[][] badRows = new double[badCount][];
        double[] goodWeights = new double[goodCount];
        double[] badWeights = new double[badCount];
        boolean weighted = false;
        for (int i = 0; i < goodCount; i++) {
            goodRows[i] = obs.vectors.get(order[i]).clone();
            goodWeights[i] = obs.weights[order[i]];
            weighted |= goodWeights[i] != 1;
        }
        for (int i = 0; i < badCount; i++) {
            badRows[i] = obs.vectors.get(order[goodCount + i]).clone();
            badWeights[i] = obs.weights[order[goodCount + i]];
            weighted |= badWeights[i] != 1;
        }
        impute(goodRows);
        impute(badRows);
        // like HpBandSter, a density needs more points than dimensions
        if (goodCount <= d || badCount <= d) {
            return;
        }
        good = ProductKernelDensity.normalReference(goodRows, levels, settings.minBandwidth());
        bad = ProductKernelDensity.normalReference(badRows, levels, settings.minBandwidth());
        if (weighted) {
            // bandwidths from the unweighted data, as for own evaluations; weights only in the sums
            good = good.withWeights(goodWeights);
            bad = bad.withWeights(badWeights);
        }
        modelBudget = budget;
    }

    /**
     * Fills inactive (NaN) coordinates as HpBandSter does: copy them from a random row of the same
     * set where the first missing coordinate is active, repeatedly; with no such row, a random value.
     */
    private void impute(double[][] rows) {
        for (double[] row : rows) {
            int missing = firstNaN(row);
            while (missing >= 0) {
                int valid = 0;
                for (double[] other : rows) {
                    if (!Double.isNaN(other[missing])) {
                        valid++;
                    }
                }
                if (valid > 0) {
                    int pick = random.nextInt(valid);
                    double[] donor = null;
                    for (double[] other : rows) {
                        if (!Double.isNaN(other[missing]) && pick-- == 0) {
                            donor = other;
                            break;
                        }
                    }
                    for (int j = missing; j < d; j++) {
                        if (Double.isNaN(row[j])) {
                            row[j] = donor[j];
                        }
                    }
                } else {
                    row[missing] = levels[missing] == 0 ? random.nextDouble() : random.nextInt(levels[missing]);
                }
                missing = firstNaN(row);
            }
        }
    }

    private static int firstNaN(double[] row) {
        for (int j = 0; j < row.length; j++) {
            if (Double.isNaN(row[j])) {
                return j;
            }
        }
        return -1;
    }

    /** The encoding the densities use: unit coordinates, categorical indices, NaN when inactive. */
    private double[] modelVector(Configuration configuration) {
        double[] x = space.encode(configuration);
        for (int j = 0; j < d; j++) {
            if (levels[j] > 0 && !Double.isNaN(x[j])) {
                x[j] = Math.min(levels[j] - 1, (int) Math.floor(x[j] * levels[j]));
            }
        }
        return x;
    }

    /**
     * A new configuration: from the prior with probability {@code randomFraction} or while there is
     * no model, else the best of {@code numSamples} candidates by {@code l(x) / g(x)} on the largest
     * budget with a model.
     */
    public Configuration propose() {
        if (good == null || random.nextDouble() < settings.randomFraction()) {
            return space.sample(random::nextDouble);
        }
        double best = Double.POSITIVE_INFINITY;
        boolean found = false;
        for (int s = 0; s < settings.numSamples(); s++) {
            int row = good.isWeighted() ? weightedRow() : random.nextInt(good.size());
            for (int j = 0; j < d; j++) {
                double m = good.value(row, j);
                double bw = Math.max(good.bandwidth(j), settings.minBandwidth());
                if (levels[j] == 0) {
                    candidate[j] = truncatedNormal(m, settings.bandwidthFactor() * bw);
                } else {
                    candidate[j] = random.nextDouble() < 1 - bw ? m : random.nextInt(levels[j]);
                }
            }
            double l = good.pdf(candidate);
            double g = bad.pdf(candidate);
            double ratio = Math.max(FLOOR, g) / Math.max(l, FLOOR);
            if (ratio < best) {
                best = ratio;
                System.arraycopy(candidate, 0, bestCandidate, 0, d);
                found = true;
            }
        }
        if (!found) {
            return space.sample(random::nextDouble);
        }
        modelBasedProposals++;
        for (int j = 0; j < d; j++) {
            unit[j] = levels[j] == 0 ? Math.min(1, Math.max(0, bestCandidate[j])) : (bestCandidate[j] + 0.5) / levels[j];
        }
        return space.decode(unit);
    }

    /** A point of the good density drawn in proportion to its weight. */
    private int weightedRow() {
        double total = 0;
        for (int i = 0; i < good.size(); i++) {
            total += good.weight(i);
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < good.size(); i++) {
            u -= good.weight(i);
            if (u < 0) {
                return i;
            }
        }
        return good.size() - 1;
    }

    /** A draw from the normal {@code (mean, sd)} truncated to {@code [0, 1]}; {@code mean} is in it. */
    private double truncatedNormal(double mean, double sd) {
        // the interval holds the mean and sd is at most a few units, so rejection accepts often
        for (int attempt = 0; attempt < 10_000; attempt++) {
            double x = mean + sd * random.nextGaussian();
            if (x >= 0 && x <= 1) {
                return x;
            }
        }
        return Math.min(1, Math.max(0, mean));
    }
}
