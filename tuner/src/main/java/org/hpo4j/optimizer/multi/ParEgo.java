package org.hpo4j.optimizer.multi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.async.ConfigurationSource;
import org.hpo4j.optimizer.gp.GpOptimizer;
import org.hpo4j.optimizer.gp.GpSettings;
import org.hpo4j.optimizer.gp.HypervolumeGp;
import org.hpo4j.optimizer.gp.ReliabilityGp;
import org.hpo4j.optimizer.gp.RungReliability;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * ParEGO proposals (Knowles 2006) on every bracket of asynchronous Hyperband, promoted by
 * non-dominated rank and crowding as {@link MultiObjectiveAsha} promotes, the brackets weighted by
 * how far each budget ranks configurations as the full budget does: the default optimizer for
 * several objectives ({@code -Dhpo.optimizer=parego}).
 *
 * <p><b>Proposals.</b> Each new configuration is proposed for one random trade-off: weights
 * {@code w} drawn uniformly from the simplex, every result at the model's budget scalarised by the
 * augmented Chebyshev function {@code max_k w_k f_k + 0.05 * sum_k w_k f_k} of its objectives
 * normalised to [0, 1] over that budget's results, and the configuration that maximizes expected
 * improvement of that scalar under the project's Gaussian process ({@link GpOptimizer}) is started.
 * Infeasible results enter the model above every feasible one, by their violation
 * ({@code 1.05 + violation}), so the model learns to keep away from where the constraints fail.
 * The model's budget is the largest one with at least {@link #MIN_POINTS} successful results (as
 * BOHB does); before that, and for a fraction {@link #RANDOM_FRACTION} of the proposals,
 * configurations come from the prior. At most {@link #MAX_POINTS} results enter one fit: the best
 * half by the scalar and an even spread of the others, which bounds the cubic cost of the fit.
 * The GP's hyperparameters (length-scales, signal and noise variance) are fitted only when the
 * model's budget changes or its results have grown by {@link GpSettings#refitGrowth()} (20 %) since
 * the last fit; the proposals in between reuse them, though each has its own weights: the scalars
 * are standardized in the model, so the length-scales of one trade-off are a fair guess for the
 * next, and the fit (a Nelder-Mead search of the marginal likelihood) is most of a proposal's cost.
 * The decision counts results only, so it is a function of the history.
 *
 * <p><b>Brackets.</b> The first {@link #FULL_BUDGET_FIRST} configurations start at the full
 * budget (the reference; the shares divide the budget after it); after them {@link org.hpo4j.optimizer.async.WeightedBrackets} splits new configurations among the brackets by the
 * shares of {@link RungReliability}, as hyper-gp does: each objective's reliability per budget is
 * measured by {@link ReliabilityGp} (a GP on one budget's results ranks the full budget's
 * configurations; Kendall tau), and so is that of the results' non-dominated rank within their
 * budget (the order that promotes; MO-ASHA's), every {@link #MEASURE_EVERY} own results or a
 * quarter of those so far, whichever is more, and a budget counts with the least of these. Until measured,
 * the small budgets are half trusted and the full-budget bracket has half of the budget; where the
 * small budgets rank as the full one, the split moves towards Hyperband's; where they mislead
 * about any objective, the effort moves to the brackets that start at larger budgets.
 *
 * <p><b>mo-gp.</b> {@link #hypervolumeOptimizer} is the same schedule with another proposal step:
 * instead of one random scalarisation, independent GPs per objective and for the violation on the
 * model budget's results, and the configuration of largest expected hypervolume improvement times
 * probability of feasibility ({@link HypervolumeGp}); the configurations of running jobs are
 * believed at the GPs' means. Their hyperparameters are fitted on the same rule as ParEGO's.
 *
 * <p>The weights, the prior draws and the model's seed come from one generator seeded by the
 * study's seed, so the proposals are a function of the seed and the results.
 */
public final class ParEgo implements ConfigurationSource {
    /** Successful results at a budget before the model proposes there. */
    public static final int MIN_POINTS = 8;
    /** Proposals drawn from the prior even when the model could propose. */
    public static final double RANDOM_FRACTION = 0.2;
    /** Most results in one fit. */
    public static final int MAX_POINTS = 80;
    /**
     * New configurations started at the full budget before the brackets' shares decide: the
     * reference the smaller budgets are measured against, and more than {@link #MIN_POINTS}, so
     * that the model proposes a few at the full budget too and the first front holds more than the
     * prior's draws. A run bounded by {@code maxIterations} starts at most as many as half its
     * budget pays for.
     */
    public static final int FULL_BUDGET_FIRST = 12;
    /** Own results between two measurements of the reliabilities, at least; a quarter of those so far once more. */
    static final int MEASURE_EVERY = 8;
    private static final double RHO = 0.05;
    private static final double INFEASIBLE_BASE = 1 + RHO;

    private final SearchSpace space;
    private final Fidelity fidelity;
    private final RandomGenerator random;
    private final GpSettings gp = GpSettings.defaults().withInitialPoints(2);
    /** Successful results by budget, in the order told. */
    private final Map<Double, List<Observation>> byBudget = new TreeMap<>();
    private final Set<Configuration> proposed = new HashSet<>();
    /** One per objective, then one for the non-dominated rank, created with the first measurement. */
    private final List<ReliabilityGp> reliabilityModels = new ArrayList<>();
    /** The expected-hypervolume proposals (mo-gp); null for ParEGO's scalarisations. */
    private final HypervolumeGp hypervolume;
    /** The configurations of the jobs handed out and not yet observed, by job id in the order started. */
    private final Map<Integer, Configuration> running = new LinkedHashMap<>();
    private final HyperbandSchedule schedule;
    private double[] reliability;
    /** The GP hyperparameters of the last fit, null before it. */
    private GpOptimizer.Hyperparameters fitted;
    /** The model budget's results (the list itself) and their number at the last fit. */
    private List<Observation> fittedData;
    private int fittedSize;
    /** Proposals from the model, and how many of them fitted the GP's hyperparameters. */
    private int modelProposals;
    private int hyperparameterFits;
    private int ownResults;
    private int measuredAt;

    ParEgo(SearchSpace space, Fidelity fidelity, HyperbandSchedule schedule, long seed) {
        this(space, fidelity, schedule, seed, false);
    }

    /** With {@code hypervolume}, proposals by expected hypervolume improvement ({@link HypervolumeGp}) instead. */
    ParEgo(SearchSpace space, Fidelity fidelity, HyperbandSchedule schedule, long seed, boolean hypervolume) {
        this.hypervolume = hypervolume ? new HypervolumeGp(space, GpSettings.defaults().withMaxFitPoints(MAX_POINTS)) : null;
        this.space = space;
        this.fidelity = fidelity;
        this.schedule = schedule;
        this.random = new MersenneTwister(seed);
        this.reliability = RungReliability.unmeasured(schedule.sMax() + 1);
    }

    /**
     * ParEGO on every bracket of asynchronous Hyperband, promotions by rank and crowding, the
     * brackets weighted by the budgets' measured reliability.
     */
    public static Optimizer optimizer(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        return optimizer(new ParEgo(space, fidelity, schedule, seed), schedule, settings);
    }

    /**
     * The same schedule with proposals by expected hypervolume improvement ({@link HypervolumeGp}):
     * independent GPs per objective and for the constraints, on the model budget's results
     * ({@code -Dhpo.optimizer=mo-gp}).
     */
    public static Optimizer hypervolumeOptimizer(SearchSpace space, Fidelity fidelity, long seed,
                                                 HyperbandSettings settings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        return optimizer(new ParEgo(space, fidelity, schedule, seed, true), schedule, settings);
    }

    /** The optimizer of {@code proposals}, created for {@code schedule}. */
    static Optimizer optimizer(ParEgo proposals, HyperbandSchedule schedule, HyperbandSettings settings) {
        int first = FULL_BUDGET_FIRST;
        if (settings.maxIterations() > 0) {
            // a bounded run keeps at least half its budget for the brackets
            first = Math.min(first, (int) (settings.maxIterations() * schedule.iterationBudget() / 2
                    / proposals.fidelity.maxBudget()));
        }
        return MultiObjectiveAsha.weightedBrackets(schedule, settings, proposals, proposals::bracketShares, first);
    }

    /** The wanted share of the budget per bracket {@code s}, from {@link #reliability()} ({@link RungReliability#bracketShares}). */
    double[] bracketShares() {
        return RungReliability.bracketShares(reliability);
    }

    /**
     * Each budget level's reliability, smallest first: the least of the objectives' and the
     * non-dominated rank's (each measured by {@link ReliabilityGp});
     * {@link RungReliability#PRIOR_RELIABILITY} until measured, 1 for the full budget.
     */
    double[] reliability() {
        return reliability.clone();
    }

    /** Proposals made by the model so far. */
    int modelProposals() {
        return modelProposals;
    }

    /** Of {@link #modelProposals()}, those that fitted the GP's hyperparameters. */
    int hyperparameterFits() {
        return hyperparameterFits;
    }

    @Override
    public Configuration next(double budget) {
        List<Observation> data = modelData();
        Configuration proposal = null;
        if (data != null && random.nextDouble() >= RANDOM_FRACTION) {
            proposal = hypervolume != null ? fromHypervolume(data)
                    : fromModel(data, weights(data.get(0).point.objectives().length));
        }
        if (proposal == null || proposed.contains(proposal)) {
            proposal = space.sample(random::nextDouble);
        }
        proposed.add(proposal);
        return proposal;
    }

    @Override
    public void started(Job job) {
        running.put(job.id(), job.configuration());
    }

    @Override
    public void observe(Job job, Result result) {
        running.remove(job.id());
        if (!result.isFailure()) {
            byBudget.computeIfAbsent(job.budget(), b -> new ArrayList<>())
                    .add(new Observation(job.configuration(), Pareto.Point.of(result), 1, true));
            ownResults++;
            if (ownResults >= measuredAt + Math.max(MEASURE_EVERY, measuredAt / 4)) {
                measureReliability();
                measuredAt = ownResults;
            }
        }
    }

    /**
     * The least reliability over the objectives, each ranked alone (infeasible results behind), and
     * the order that promotes: each result's non-dominated rank among its budget's results.
     */
    private void measureReliability() {
        int m = byBudget.values().iterator().next().get(0).point.objectives().length;
        while (reliabilityModels.size() <= m) {
            reliabilityModels.add(new ReliabilityGp(space, schedule));
        }
        // the study's own results per budget, filtered once for every measurement below
        Map<Double, List<Observation>> own = new TreeMap<>();
        for (Map.Entry<Double, List<Observation>> e : byBudget.entrySet()) {
            List<Observation> mine = new ArrayList<>();
            for (Observation o : e.getValue()) {
                if (o.own) {
                    mine.add(o);
                }
            }
            own.put(e.getKey(), mine);
        }
        double[] least = null;
        for (int k = 0; k <= m; k++) {
            double[] w = new double[m];
            if (k < m) {
                w[k] = 1;
            }
            List<PriorObservation> values = new ArrayList<>();
            for (Map.Entry<Double, List<Observation>> e : own.entrySet()) {
                List<Observation> mine = e.getValue();
                double[] scalars = k < m ? scalarised(mine, w) : paretoRanks(mine);
                for (int i = 0; i < mine.size(); i++) {
                    values.add(new PriorObservation(mine.get(i).configuration, e.getKey(), scalars[i]));
                }
            }
            double[] r = reliabilityModels.get(k).measure(values);
            if (least == null) {
                least = r;
            } else {
                for (int j = 0; j < least.length; j++) {
                    least[j] = Math.min(least[j], r[j]);
                }
            }
        }
        reliability = least;
    }

    /**
     * Each result's non-dominated rank among {@code data} (constrained dominance, 0 for the front),
     * divided by the largest rank so that every budget's values lie in [0, 1]. A small budget can
     * rank each objective nearly as the full budget does and still pick the wrong front (on a
     * ZDT-like problem each objective's order follows the position along the front, which every
     * budget gets right, while the distance to the front, which decides dominance, is misplaced):
     * promotions go by this rank, so the budget is measured on it too.
     */
    private static double[] paretoRanks(List<Observation> data) {
        List<Pareto.Point> points = new ArrayList<>(data.size());
        for (Observation o : data) {
            points.add(o.point);
        }
        int[] ranks = Pareto.ranks(points);
        int worst = 0;
        for (int r : ranks) {
            worst = Math.max(worst, r);
        }
        double[] values = new double[ranks.length];
        for (int i = 0; i < ranks.length; i++) {
            values[i] = worst == 0 ? 0 : (double) ranks[i] / worst;
        }
        return values;
    }

    /**
     * Adds evaluations of earlier studies: they join the results of their budget, count towards
     * {@link #MIN_POINTS} there and enter the fits with their weight (as noise, {@link GpOptimizer#warmStart});
     * they do not enter the reliabilities, which are the study's own. They must hold the study's objectives and violations, as {@code Priors.observations} gives them.
     */
    @Override
    public void warmStart(List<PriorObservation> observations, double weight) {
        org.hpo4j.optimizer.WarmStartable.checkWeight(weight);
        for (PriorObservation o : observations) {
            byBudget.computeIfAbsent(o.budget(), b -> new ArrayList<>())
                    .add(new Observation(o.configuration(), Pareto.Point.of(o.result()), weight, false));
        }
    }

    /** Successful results a budget needs before the model proposes from it. */
    private int minPoints() {
        return Math.max(MIN_POINTS, space.parameters().size() + 1);
    }

    /** The results of the largest budget with enough of them, or null. */
    private List<Observation> modelData() {
        List<Observation> chosen = null;
        for (List<Observation> atBudget : byBudget.values()) {
            if (atBudget.size() >= minPoints()) {
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
        double[] scalars = scalarised(data, w);
        List<double[]> scored = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            scored.add(new double[] {i, scalars[i]});
        }
        // own results count fully, those of earlier studies with their weight: one call per weight
        Map<Double, List<PriorObservation>> fit = new TreeMap<>(Comparator.reverseOrder());
        for (double[] s : subset(scored)) {
            Observation o = data.get((int) s[0]);
            fit.computeIfAbsent(o.weight, x -> new ArrayList<>())
                    .add(new PriorObservation(o.configuration, fidelity.maxBudget(), s[1]));
        }
        boolean refit = fitted == null || data != fittedData || gp.refitDue(data.size(), fittedSize);
        GpOptimizer model = new GpOptimizer(space, fidelity, random.nextLong(), gp, refit ? null : fitted);
        fit.forEach((weight, points) -> model.warmStart(points, weight));
        Configuration proposal = model.ask().jobToRun().orElseThrow().configuration();
        modelProposals++;
        if (refit) {
            hyperparameterFits++;
            fitted = model.hyperparameters().orElse(null);
            fittedData = data;
            fittedSize = data.size();
        }
        return proposal;
    }

    /** The proposal of {@link HypervolumeGp} on {@code data}, the running configurations not among them believed. */
    private Configuration fromHypervolume(List<Observation> data) {
        List<HypervolumeGp.Observation> observations = new ArrayList<>(data.size());
        Set<Configuration> known = new HashSet<>();
        for (Observation o : data) {
            observations.add(new HypervolumeGp.Observation(o.configuration, o.point, o.weight));
            known.add(o.configuration);
        }
        List<Configuration> pending = new ArrayList<>();
        for (Configuration c : running.values()) {
            if (known.add(c)) {
                pending.add(c);
            }
        }
        boolean refit = data != fittedData || gp.refitDue(data.size(), fittedSize);
        Configuration proposal = hypervolume.propose(observations, pending, refit, random, c -> !proposed.contains(c));
        modelProposals++;
        if (refit) {
            hyperparameterFits++;
            fittedData = data;
            fittedSize = data.size();
        }
        return proposal;
    }

    /**
     * The augmented Chebyshev scalar of each result for weights {@code w}, its objectives normalised
     * to [0, 1] over {@code data}; infeasible results above every feasible one, by their violation.
     */
    private static double[] scalarised(List<Observation> data, double[] w) {
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
        double[] scalars = new double[data.size()];
        for (int i = 0; i < data.size(); i++) {
            Observation o = data.get(i);
            if (o.point.feasible()) {
                double max = 0;
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    double f = hi[k] > lo[k] ? (o.point.objectives()[k] - lo[k]) / (hi[k] - lo[k]) : 0;
                    max = Math.max(max, w[k] * f);
                    sum += w[k] * f;
                }
                scalars[i] = max + RHO * sum;
            } else {
                scalars[i] = INFEASIBLE_BASE + Math.min(o.point.violation(), 1e6);
            }
        }
        return scalars;
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

    /** A result at one budget; weight 1 for the study's own, the warm start's weight for an earlier study's. */
    private record Observation(Configuration configuration, Pareto.Point point, double weight, boolean own) {
    }
}
