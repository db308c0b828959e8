package org.hpo4j.optimizer.tpe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.OutstandingJobs;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.WarmStartable;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * The tree-structured Parzen estimator (Bergstra et al. 2011), univariate as in Optuna's default
 * sampler, every job at the maximum budget.
 *
 * <p>Until {@link TpeSettings#startupTrials()} results are in, configurations come from the prior.
 * Then the successful observations are split by value into a good group (the best
 * {@link TpeSettings#goodCount}) and the rest. For each parameter, a density {@code l(x)} is built
 * from the good observations in which the parameter is active and {@code g(x)} from the others
 * (see {@link ParzenEstimator}; each includes the prior, and in groups of more than 25 older
 * observations weigh less, as in Optuna). Candidates drawn from {@code l} are scored by
 * {@code l(x)/g(x)}, which maximizes expected improvement; the best per parameter is taken. The
 * configuration is then decoded, so a parameter is only used where its parents make it active:
 * this is how the tree structure of conditional spaces enters.
 *
 * <p>Failed evaluations rank behind every value but never enter a density. Several jobs may be
 * outstanding: proposals use the results told so far (and, with the constant liar, put running jobs
 * in {@code g}). The model is rebuilt only when something changed since the last ask.
 *
 * <p>{@linkplain #warmStart Prior observations} from earlier studies join the observations with a
 * lower weight (their recency weight times the warm-start weight) and count towards the startup
 * trials, so a warm-started TPE uses its model from the first ask.
 */
public final class TreeParzenEstimator implements Optimizer, WarmStartable {
    private static final int RECENT_FULL_WEIGHT = 25;

    private final SearchSpace space;
    private final double budget;
    private final TpeSettings tpe;
    private final RandomGenerator random;
    private final int dims;
    private final int[] choiceCounts;

    private final OutstandingJobs<double[]> outstanding = new OutstandingJobs<>();
    /** Successful observations in the order they were told. */
    private final List<double[]> points = new ArrayList<>();
    private double[] values = new double[16];
    /** Per observation, the factor on its weight: 1 for own evaluations, the warm-start weight for priors. */
    private double[] factors = new double[16];
    private int nextId;

    private ParzenEstimator[] good;
    private ParzenEstimator[] bad;
    private boolean stale = true;

    /** TPE with {@link TpeSettings#defaults()}. */
    public TreeParzenEstimator(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, TpeSettings.defaults());
    }

    /** TPE over {@code space}. */
    public TreeParzenEstimator(SearchSpace space, Fidelity fidelity, long seed, TpeSettings tpe) {
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.tpe = tpe;
        this.random = new MersenneTwister(seed);
        this.dims = space.size();
        this.choiceCounts = new int[dims];
        for (int i = 0; i < dims; i++) {
            Parameter p = space.parameters().get(i);
            choiceCounts[i] = p instanceof CategoricalParameter c ? c.size() : 0;
        }
    }

    @Override
    public Ask ask() {
        Configuration config;
        if (points.size() < tpe.startupTrials()) {
            config = space.sample(random::nextDouble);
        } else {
            if (stale || tpe.constantLiar()) {
                buildModel();
            }
            config = space.decode(propose());
        }
        int id = nextId++;
        outstanding.put(id, space.encode(config));
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), config, budget, 0, 0));
    }

    private double[] propose() {
        double[] u = new double[dims];
        for (int i = 0; i < dims; i++) {
            ParzenEstimator l = good[i];
            ParzenEstimator g = bad[i];
            double best = Double.NaN;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < tpe.candidates(); c++) {
                double x = l.sample(random);
                double score = l.logDensity(x) - g.logDensity(x);
                if (score > bestScore) {
                    bestScore = score;
                    best = x;
                }
            }
            u[i] = choiceCounts[i] > 0 ? (best + 0.5) / choiceCounts[i] : best;
        }
        return u;
    }

    private void buildModel() {
        int n = points.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // stable: ties keep the order in which they were told
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        int nGood = tpe.goodCount(n);
        boolean[] isGood = new boolean[n];
        for (int r = 0; r < nGood; r++) {
            isGood[order[r]] = true;
        }
        List<double[]> running = tpe.constantLiar() ? new ArrayList<>(outstanding.values()) : List.of();
        good = new ParzenEstimator[dims];
        bad = new ParzenEstimator[dims];
        double[] goodX = new double[n];
        double[] badX = new double[n + running.size()];
        double[] goodF = new double[n];
        double[] badF = new double[n + running.size()];
        for (int i = 0; i < dims; i++) {
            int ng = 0;
            int nb = 0;
            for (int k = 0; k < n; k++) {
                double x = points.get(k)[i];
                if (Double.isNaN(x)) {
                    continue;
                }
                if (isGood[k]) {
                    goodF[ng] = factors[k];
                    goodX[ng++] = x;
                } else {
                    badF[nb] = factors[k];
                    badX[nb++] = x;
                }
            }
            for (double[] r : running) {
                if (!Double.isNaN(r[i])) {
                    badF[nb] = 1;
                    badX[nb++] = r[i];
                }
            }
            good[i] = estimator(i, goodX, goodF, ng);
            bad[i] = estimator(i, badX, badF, nb);
        }
        stale = false;
    }

    private ParzenEstimator estimator(int dim, double[] xs, double[] fs, int n) {
        double[] ws = weights(n);
        for (int i = 0; i < n; i++) {
            ws[i] *= fs[i];
        }
        if (choiceCounts[dim] > 0) {
            int k = choiceCounts[dim];
            int[] cs = new int[n];
            for (int i = 0; i < n; i++) {
                cs[i] = Math.min(k - 1, (int) Math.floor(xs[i] * k));
            }
            return ParzenEstimator.categorical(cs, ws, n, k, tpe.priorWeight());
        }
        return ParzenEstimator.numeric(xs, ws, n, tpe.priorWeight());
    }

    /** Optuna's default weights: 1 for the 25 most recent, a ramp from 1/n up to 1 before them. */
    static double[] weights(int n) {
        double[] w = new double[n];
        int ramp = n - RECENT_FULL_WEIGHT;
        for (int i = 0; i < n; i++) {
            if (i >= ramp) {
                w[i] = 1;
            } else {
                w[i] = ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1);
            }
        }
        return w;
    }

    @Override
    public void tell(Job job, Result result) {
        double[] x = outstanding.told(job);
        if (result.isFailure()) {
            return;
        }
        observe(x, result.value(), 1);
    }

    private void observe(double[] x, double value, double factor) {
        if (points.size() == values.length) {
            values = Arrays.copyOf(values, values.length * 2);
            factors = Arrays.copyOf(factors, factors.length * 2);
        }
        values[points.size()] = value;
        factors[points.size()] = factor;
        points.add(x);
        stale = true;
    }

    /**
     * Adds earlier evaluations with {@code weight}. TPE runs every job at the full budget, so only
     * the observations at the largest budget among them are used: values at smaller budgets are
     * not comparable.
     */
    @Override
    public void warmStart(List<PriorObservation> observations, double weight) {
        WarmStartable.checkWeight(weight);
        double top = observations.stream().mapToDouble(PriorObservation::budget).max().orElse(Double.NaN);
        for (PriorObservation o : observations) {
            if (o.budget() == top) {
                observe(space.encode(o.configuration()), o.value(), weight);
            }
        }
    }
}
