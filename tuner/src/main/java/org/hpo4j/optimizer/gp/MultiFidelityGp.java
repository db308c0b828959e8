package org.hpo4j.optimizer.gp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.PriorObservation;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.async.ConfigurationSource;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * The model of {@link HyperGp}: a Gaussian process over (configuration, budget), as MOBSTER
 * (Klein et al. 2020) has it, a second one over the full budget's results alone, and the rung
 * reliability of Hyper-Tune (Li et al. 2022), which says how far each budget's ranking can be
 * trusted.
 *
 * <p><b>Proposals.</b> The joint GP's inputs are {@link GpFeatures}' features of the configuration
 * and the budget level scaled to [0, 1], with a length-scale of its own, so the fit learns how far
 * results at one budget say something about another. A configuration that starts below the full
 * budget maximizes expected improvement at the full budget under the joint GP, below the smallest
 * posterior mean there among the modelled configurations. A configuration that starts at the full
 * budget is proposed the same way by the full-budget GP once the full budget has
 * {@link HyperGpSettings#initialPoints()} results: there the small budgets have no say, so a
 * parameter whose effect shows only near the full budget is refined as {@code gp} refines it. The
 * full-budget GP's prior mean is the worst result in its window, not the results' mean (De Ath et
 * al. 2020 on the mean function in Bayesian optimisation): far from every result it predicts the
 * worst value seen, so expected improvement there comes from the variance alone and the search
 * refines near the good results instead of returning to the space's corners (late-parameter at cost
 * 30: median regret 0.008 against 0.040; BENCHMARKS.md). The joint GP keeps the results' mean: there
 * the worst result is a small budget's, and a prior mean that pessimistic kept counting-ones from its
 * optimum, a corner of the space.
 * Running jobs enter as "Kriging believers" (see {@link WindowedGp#believing}) at the full budget,
 * whatever budget they run at, so parallel proposals keep apart where they are scored: a running
 * configuration, if good, is promoted to the full budget, and the search should look elsewhere
 * there. Believed at their own budget (mostly the smallest, with many workers) they lowered the
 * variance at the full budget only as far as the fitted budget length-scale links the two budgets
 * (with 32 simulated workers, counting-ones at cost 30: median regret 0.0136 believed at their own
 * budget, 0.0010 at the full one; BENCHMARKS.md). With one worker nothing runs while a
 * configuration is proposed. No configuration is proposed twice.
 *
 * <p><b>Failures.</b> Expected improvement is multiplied by the chance that a run succeeds at the
 * full budget ({@link FailureModel}), learnt from every failure, at whatever budget (a run that
 * fails at one budget, as a diverging one, fails at any larger one), and from the full budget's
 * successes, and the failed configurations are believed at the full budget as running jobs are
 * (their posterior mean as value), so the variance a left-out failure keeps draws no proposal back.
 * With failures left out, on {@code diverging-training} (runs that diverge at large budgets learn
 * fastest at small ones) every full-budget start failed in half of the seeds (BENCHMARKS.md,
 * "Failed runs").
 *
 * <p><b>Cost.</b> Each GP holds a window of at most {@link HyperGpSettings#maxModelPoints()}
 * results ({@link WindowedGp}); the joint one gives up to half of it to the full budget (the best
 * third and an even spread of the rest) and shares the remainder among the smaller budgets the same
 * way. Hyperparameters are fitted on at most {@link HyperGpSettings#maxFitPoints()} results when
 * the results have grown by {@link HyperGpSettings#refitGrowth()}. So a proposal costs about the
 * same after 1,000 results as after 100,000.
 *
 * <p><b>Reliability.</b> {@link RungReliability}'s, measured with the joint GP's hyperparameters
 * (a GP on one budget's results alone, its inputs at that budget's level), each time the joint GP's
 * window is chosen again. Budgets whose brackets weigh less than {@link #MODEL_WEIGHT} also leave
 * the joint GP's window.
 */
final class MultiFidelityGp implements ConfigurationSource {
    /** Budgets whose brackets weigh less than this are left out of the joint GP. */
    static final double MODEL_WEIGHT = 0.1;
    private static final int LOCAL_CENTRES = 5;

    private final SearchSpace space;
    private final RandomGenerator random;
    private final HyperGpSettings settings;
    private final BudgetLevels budgetLevels;
    private final int top;
    private final AcquisitionSearch search;
    /** Over every trusted budget: proposes the configurations that start below the full budget. */
    private final WindowedGp joint;
    /** Over the full budget's results only: proposes the configurations that start there. */
    private final WindowedGp full;

    private final List<List<ModelPoint>> levels = new ArrayList<>();
    private final Map<Integer, double[]> running = new LinkedHashMap<>();
    private final Set<Configuration> proposed = new HashSet<>();
    /** Where runs fail at the full budget. */
    private final FailureModel outcomes = new FailureModel();
    private int results;
    private double[] reliability;

    MultiFidelityGp(SearchSpace space, HyperbandSchedule schedule, HyperGpSettings settings, RandomGenerator random) {
        this.space = space;
        this.random = random;
        this.settings = settings;
        this.budgetLevels = new BudgetLevels(space, schedule);
        this.top = budgetLevels.top;
        for (int k = 0; k <= top; k++) {
            levels.add(new ArrayList<>());
        }
        this.joint = new WindowedGp(budgetLevels.group(), budgetLevels.groups(), settings, false);
        this.full = new WindowedGp(budgetLevels.group(), budgetLevels.groups(), settings, true);
        this.search = new AcquisitionSearch(space, random, settings.randomCandidates(), settings.localCandidates(),
                settings.refinementSteps());
        this.reliability = unmeasured();
    }

    @Override
    public Configuration next(double budget) {
        double[] unit = null;
        if (results >= settings.initialPoints()) {
            boolean atFull = level(budget) == top && levels.get(top).size() >= settings.initialPoints();
            unit = atFull ? proposeWithFullModel() : proposeWithJointModel();
        }
        Configuration config = unit == null ? space.sample(random::nextDouble) : space.decode(unit);
        proposed.add(config);
        return config;
    }

    @Override
    public void started(Job job) {
        // believed where proposals are scored (the full budget), not at the budget it runs at
        running.put(job.id(), input(space.encode(job.configuration()), top));
    }

    @Override
    public void observe(Job job, Result result) {
        running.remove(job.id());
        if (result.isFailure() || level(job.budget()) == top) {
            outcomes.add(input(space.encode(job.configuration()), top), result.isFailure());
        }
        if (!result.isFailure()) {
            add(space.encode(job.configuration()), job.budget(), result.value(), 0);
        }
    }

    @Override
    public void warmStart(List<PriorObservation> observations, double weight) {
        for (PriorObservation o : observations) {
            add(space.encode(o.configuration()), o.budget(), o.value(), 1 / weight - 1);
        }
    }

    private void add(double[] unit, double budget, double value, double inflation) {
        int level = level(budget);
        ModelPoint p = new ModelPoint(unit, input(unit, level), level, value, inflation);
        levels.get(level).add(p);
        results++;
        joint.offer(p);
        if (level == top) {
            full.offer(p);
        }
    }

    private int level(double budget) {
        return budgetLevels.level(budget);
    }

    private double[] input(double[] unit, int level) {
        return budgetLevels.input(unit, level);
    }

    /**
     * The wanted share of the budget per bracket {@code s} (index {@code s}, {@code s_max = } the
     * number of levels - 1), from the reliabilities ({@link RungReliability#bracketShares}).
     */
    double[] bracketShares() {
        return RungReliability.bracketShares(reliability);
    }

    /** The weight of the bracket that starts at level {@code k}. */
    private double weight(int k) {
        return RungReliability.bracketWeight(reliability, k);
    }

    /** Every level at {@link RungReliability#PRIOR_RELIABILITY}, the full budget at 1. */
    private double[] unmeasured() {
        return RungReliability.unmeasured(top + 1);
    }

    /** The reliability of each budget level, smallest budget first; {@link RungReliability#PRIOR_RELIABILITY} where nothing is measured yet. */
    double[] reliability() {
        return reliability.clone();
    }

    private double[] proposeWithJointModel() {
        if (joint.stale(results)) {
            joint.refit(jointWindow(), results);
            reliability = measureReliability();
            joint.rebuild(jointWindow());
        } else if (joint.crowded()) {
            reliability = measureReliability();
            joint.rebuild(jointWindow());
        } else {
            joint.extend(p -> p.level() == top || weight(p.level()) >= MODEL_WEIGHT);
        }
        return propose(joint);
    }

    private double[] proposeWithFullModel() {
        int count = levels.get(top).size();
        if (full.stale(count)) {
            full.refit(levels.get(top), count);
            full.rebuild(ModelPoint.bestAndSpread(levels.get(top), settings.maxModelPoints()));
        } else if (full.crowded()) {
            full.rebuild(ModelPoint.bestAndSpread(levels.get(top), settings.maxModelPoints()));
        } else {
            full.extend(p -> true);
        }
        return propose(full);
    }

    /** Maximizes expected improvement at the full budget under {@code gp}, running jobs believed. */
    private double[] propose(WindowedGp gp) {
        GaussianProcess model = gp.model();
        if (model == null) {
            return null;
        }
        List<ModelPoint> window = gp.window();
        int n = window.size();
        double[] atTop = new double[n];
        double incumbent = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            atTop[i] = model.predictMean(input(window.get(i).unit(), top));
            incumbent = Math.min(incumbent, atTop[i]);
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(atTop[a], atTop[b]));
        List<double[]> centres = new ArrayList<>();
        for (int i = 0; i < Math.min(LOCAL_CENTRES, n); i++) {
            centres.add(window.get(order[i]).unit());
        }
        // failed configurations are believed as running jobs are, at the full budget
        List<double[]> believed = new ArrayList<>(running.values());
        believed.addAll(outcomes.recentFailures());
        GaussianProcess process = gp.believing(believed);
        FailureModel.Chance success = outcomes.chance(budgetLevels.group(), gp.theta());
        double best = incumbent;
        double[] prediction = new double[2];
        return search.maximize(unit -> {
            double[] x = input(unit, top);
            process.predict(x, prediction);
            double improvement = AcquisitionSearch.expectedImprovement(best, prediction[0], Math.sqrt(prediction[1]));
            return success == null ? improvement : improvement * success.of(x);
        }, centres, unit -> !proposed.contains(space.decode(unit)));
    }

    /**
     * Up to half the window at the full budget, the rest shared by the smaller budgets that keep a
     * weight of at least {@link #MODEL_WEIGHT}; within a budget, the best third and an even spread.
     */
    private List<ModelPoint> jointWindow() {
        int max = settings.maxModelPoints();
        List<ModelPoint> chosen = new ArrayList<>(ModelPoint.bestAndSpread(levels.get(top), max / 2));
        int included = 0;
        for (int k = 0; k < top; k++) {
            if (weight(k) >= MODEL_WEIGHT) {
                included++;
            }
        }
        int room = max - chosen.size();
        // fill from the largest budget down, each level its share of what is left
        for (int k = top - 1; k >= 0 && included > 0; k--) {
            if (weight(k) < MODEL_WEIGHT) {
                continue;
            }
            List<ModelPoint> part = ModelPoint.bestAndSpread(levels.get(k), room / included);
            chosen.addAll(part);
            room -= part.size();
            included--;
        }
        return chosen;
    }

    /** The reliabilities of the class comment, from the current hyperparameters. */
    private double[] measureReliability() {
        List<List<ModelPoint>> own = new ArrayList<>();
        for (List<ModelPoint> level : levels) {
            own.add(RungReliability.own(level));
        }
        return RungReliability.measure(own, points -> joint.factor(points, joint.theta()), this::input);
    }
}
