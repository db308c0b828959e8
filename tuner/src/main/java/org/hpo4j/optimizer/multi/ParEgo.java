package org.hpo4j.optimizer.multi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.gp.GpOptimizer;
import org.hpo4j.optimizer.gp.GpSettings;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * ParEGO proposals (Knowles 2006) on the multi-fidelity schedule of {@link MultiObjectiveAsha}:
 * the default optimizer for several objectives ({@code -Dhpo.optimizer=parego}).
 *
 * <p>Each new configuration is proposed for one random trade-off: weights {@code w} drawn uniformly
 * from the simplex, every result at the model's budget scalarised by the augmented Chebyshev
 * function {@code max_k w_k f_k + 0.05 * sum_k w_k f_k} of its objectives normalised to [0, 1] over
 * that budget's results, and the configuration that maximizes expected improvement of that
 * scalar under the project's Gaussian process ({@link GpOptimizer}) is started. Infeasible results
 * enter the model above every feasible one, by their violation ({@code 1.05 + violation}), so the
 * model learns to keep away from where the constraints fail. The model's budget is the largest one
 * with at least {@link #MIN_POINTS} successful results (as BOHB does); before that, and for a
 * fraction {@link #RANDOM_FRACTION} of the proposals, configurations come from the prior. At most
 * {@link #MAX_POINTS} results enter one fit: the best half by the scalar and an even spread of the
 * others, which bounds the cubic cost of the fit.
 *
 * <p>The weights, the prior draws and the model's seed come from one generator seeded by the
 * study's seed, so the proposals are a function of the seed and the results.
 */
public final class ParEgo implements Proposals {
    /** Successful results at a budget before the model proposes there. */
    public static final int MIN_POINTS = 8;
    /** Proposals drawn from the prior even when the model could propose. */
    public static final double RANDOM_FRACTION = 0.2;
    /** Most results in one fit. */
    public static final int MAX_POINTS = 80;
    private static final double RHO = 0.05;
    private static final double INFEASIBLE_BASE = 1 + RHO;

    private final SearchSpace space;
    private final Fidelity fidelity;
    private final RandomGenerator random;
    private final GpSettings gp = GpSettings.defaults().withInitialPoints(2);
    /** Successful results by budget, in the order told. */
    private final Map<Double, List<Observation>> byBudget = new TreeMap<>();
    private final Set<Configuration> proposed = new HashSet<>();

    private ParEgo(SearchSpace space, Fidelity fidelity, long seed) {
        this.space = space;
        this.fidelity = fidelity;
        this.random = new MersenneTwister(seed);
    }

    /** ParEGO on every bracket of asynchronous Hyperband, promotions by rank and crowding. */
    public static Optimizer optimizer(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        return MultiObjectiveAsha.allBrackets(fidelity, settings, new ParEgo(space, fidelity, seed));
    }

    @Override
    public Configuration next() {
        List<Observation> data = modelData();
        Configuration proposal = null;
        if (data != null && random.nextDouble() >= RANDOM_FRACTION) {
            proposal = fromModel(data, weights(data.get(0).point.objectives().length));
        }
        if (proposal == null || proposed.contains(proposal)) {
            proposal = space.sample(random::nextDouble);
        }
        proposed.add(proposal);
        return proposal;
    }

    @Override
    public void observe(Job job, Result result) {
        if (!result.isFailure()) {
            byBudget.computeIfAbsent(job.budget(), b -> new ArrayList<>())
                    .add(new Observation(job.configuration(), Pareto.Point.of(result)));
        }
    }

    /** The results of the largest budget with enough of them, or null. */
    private List<Observation> modelData() {
        List<Observation> chosen = null;
        for (List<Observation> atBudget : byBudget.values()) {
            if (atBudget.size() >= Math.max(MIN_POINTS, space.parameters().size() + 1)) {
                chosen = atBudget;
            }
        }
        return chosen;
    }

    /** Uniform weights on the simplex: normalized exponential draws. */
    private double[] weights(int objectives) {
        double[] w = new double[objectives];
        double sum = 0;
        for (int k = 0; k < objectives; k++) {
            w[k] = -Math.log(1 - random.nextDouble());
            sum += w[k];
        }
        for (int k = 0; k < objectives; k++) {
            w[k] /= sum;
        }
        return w;
    }

    private Configuration fromModel(List<Observation> data, double[] w) {
        int m = w.length;
        double[] lo = new double[m];
        double[] hi = new double[m];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (Observation o : data) {
            for (int k = 0; k < m; k++) {
                lo[k] = Math.min(lo[k], o.point.objectives()[k]);
                hi[k] = Math.max(hi[k], o.point.objectives()[k]);
            }
        }
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            Observation o = data.get(i);
            double scalar;
            if (o.point.feasible()) {
                double max = 0;
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    double f = hi[k] > lo[k] ? (o.point.objectives()[k] - lo[k]) / (hi[k] - lo[k]) : 0;
                    max = Math.max(max, w[k] * f);
                    sum += w[k] * f;
                }
                scalar = max + RHO * sum;
            } else {
                scalar = INFEASIBLE_BASE + Math.min(o.point.violation(), 1e6);
            }
            scored.add(new double[] {i, scalar});
        }
        List<PriorObservation> fit = new ArrayList<>();
        for (double[] s : subset(scored)) {
            Observation o = data.get((int) s[0]);
            fit.add(new PriorObservation(o.configuration, fidelity.maxBudget(), s[1]));
        }
        GpOptimizer model = new GpOptimizer(space, fidelity, random.nextLong(), gp);
        model.warmStart(fit, 1);
        return model.ask().jobToRun().orElseThrow().configuration();
    }

    /** All, or the best half by scalar and an even spread of the others, at most {@link #MAX_POINTS}. */
    private static List<double[]> subset(List<double[]> scored) {
        if (scored.size() <= MAX_POINTS) {
            return scored;
        }
        List<double[]> sorted = new ArrayList<>(scored);
        sorted.sort(Comparator.<double[]>comparingDouble(s -> s[1]).thenComparingDouble(s -> s[0]));
        List<double[]> kept = new ArrayList<>(sorted.subList(0, MAX_POINTS / 2));
        List<double[]> rest = sorted.subList(MAX_POINTS / 2, sorted.size());
        int wanted = MAX_POINTS - kept.size();
        for (int j = 0; j < wanted; j++) {
            kept.add(rest.get((int) ((long) j * rest.size() / wanted)));
        }
        return kept;
    }

    private record Observation(Configuration configuration, Pareto.Point point) {
    }
}
