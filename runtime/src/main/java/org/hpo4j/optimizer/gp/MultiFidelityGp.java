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
 * The model of {@link HyperGp}: one Gaussian process over (configuration, budget), as MOBSTER
 * (Klein et al. 2020) has it, and the rung reliability of Hyper-Tune (Li et al. 2022), which says
 * how far each budget's ranking can be trusted.
 *
 * <p><b>Model.</b> The GP's inputs are {@link GpFeatures}' features of the configuration and
 * {@code z = log(b / b_min) / log(b_max / b_min)}, with a length-scale of its own, so the fit learns
 * how far results at one budget say something about another. A new configuration maximizes
 * expected improvement at the full budget ({@code z = 1}) below the smallest posterior mean there
 * among the modelled configurations. Running jobs enter as "Kriging believers" (their posterior
 * mean as value), which leaves the mean alone and removes the variance there, so parallel
 * proposals keep apart. No configuration is proposed twice.
 *
 * <p><b>Cost.</b> The GP holds a window of at most {@link HyperGpSettings#maxModelPoints()}
 * results: at the full budget up to half of it (the best third and an even spread of the rest),
 * the remainder shared by the smaller budgets the same way. New results are added to the Cholesky
 * factor in {@code O(n^2)}; once a quarter of the window is new, the window is chosen again and
 * refactored. Hyperparameters are fitted on at most {@link HyperGpSettings#maxFitPoints()} of the
 * window when the number of results has grown by {@link HyperGpSettings#refitGrowth()}. So an ask
 * costs about the same after 1,000 results as after 100,000.
 *
 * <p><b>Reliability.</b> Take the largest budget with at least {@link #MIN_LEVEL_POINTS} results
 * ("top"). Its own GP ranks its results with a Kendall tau {@code tau_top} between leave-one-out
 * predictions and the values; for each smaller budget {@code k}, a GP on that budget's results
 * alone ranks the top budget's configurations with {@code tau_k}. The reliability of {@code k} is
 * {@code tau_k / max(tau_top, 0.2)}, clipped to [0, 1] and shrunk towards 1 (no evidence: trust, as
 * Hyperband does) by {@link #PRIOR_PAIRS} pseudo-observations. A bracket that starts at budget
 * {@code k} relies on every budget from {@code k} up, so its weight is the square of the smallest
 * reliability among them; the full-budget bracket has weight 1. Equal weights are Hyperband's split
 * of the budget; budgets that mislead lose their brackets, down to only full-budget evaluations,
 * and budgets with a weight below {@link #MODEL_WEIGHT} also leave the GP's window.
 */
final class MultiFidelityGp implements ConfigurationSource {
    /** Results a budget needs before its ranking is measured. */
    static final int MIN_LEVEL_POINTS = 6;
    /** Pseudo-observations of full trust that shrink a reliability measured on few configurations. */
    static final double PRIOR_PAIRS = 4;
    /** Budgets whose brackets weigh less than this are left out of the GP. */
    static final double MODEL_WEIGHT = 0.1;
    private static final int LOCAL_CENTRES = 5;
    private static final int RELIABILITY_POINTS = 100;

    private final SearchSpace space;
    private final RandomGenerator random;
    private final HyperGpSettings settings;
    private final GpFeatures features;
    private final int[] group;
    private final double[] levelBudgets;
    private final int top;
    private final HyperparameterFit fit;
    private final AcquisitionSearch search;

    private final List<List<Point>> levels = new ArrayList<>();
    private final Map<Integer, double[]> running = new LinkedHashMap<>();
    private final Set<Configuration> proposed = new HashSet<>();
    private final List<Point> unmodelled = new ArrayList<>();
    private int results;
    private int lastFit;
    private double[] theta;
    private List<Point> window = List.of();
    private GaussianProcess model;
    private int appended;
    private double[] reliability;

    /** A point of the model: an encoded configuration at a budget level and its value. */
    private record Point(double[] unit, double[] input, int level, double value, double inflation) {
        boolean own() {
            return inflation == 0;
        }
    }

    MultiFidelityGp(SearchSpace space, HyperbandSchedule schedule, HyperGpSettings settings, RandomGenerator random) {
        this.space = space;
        this.random = random;
        this.settings = settings;
        this.features = new GpFeatures(space);
        this.group = Arrays.copyOf(features.group, features.width + 1);
        group[features.width] = features.groups();
        this.levelBudgets = schedule.rungBudgets(schedule.sMax());
        this.top = levelBudgets.length - 1;
        for (int k = 0; k <= top; k++) {
            levels.add(new ArrayList<>());
        }
        this.fit = new HyperparameterFit(features.groups() + 1);
        this.search = new AcquisitionSearch(space, random, settings.randomCandidates(), settings.localCandidates(),
                settings.refinementSteps());
        this.theta = fit.neutral();
        this.reliability = new double[top + 1];
        Arrays.fill(reliability, 1);
    }

    @Override
    public Configuration next() {
        double[] unit = results < settings.initialPoints() ? null : proposeFromModel();
        Configuration config = unit == null ? space.sample(random) : space.decode(unit);
        proposed.add(config);
        return config;
    }

    @Override
    public void started(Job job) {
        running.put(job.id(), input(space.encode(job.configuration()), level(job.budget())));
    }

    @Override
    public void observe(Job job, Result result) {
        running.remove(job.id());
        if (!result.isFailure()) {
            add(space.encode(job.configuration()), job.budget(), result.value(), 0);
            results++;
        }
    }

    @Override
    public void warmStart(List<PriorObservation> observations, double weight) {
        for (PriorObservation o : observations) {
            add(space.encode(o.configuration()), o.budget(), o.value(), 1 / weight - 1);
            results++;
        }
    }

    private void add(double[] unit, double budget, double value, double inflation) {
        int level = level(budget);
        Point p = new Point(unit, input(unit, level), level, value, inflation);
        levels.get(level).add(p);
        unmodelled.add(p);
    }

    /** The level whose budget is nearest to {@code budget} on a log scale. */
    private int level(double budget) {
        int best = 0;
        for (int k = 1; k <= top; k++) {
            if (Math.abs(Math.log(budget / levelBudgets[k])) < Math.abs(Math.log(budget / levelBudgets[best]))) {
                best = k;
            }
        }
        return best;
    }

    private double[] input(double[] unit, int level) {
        double[] f = Arrays.copyOf(features.of(unit), features.width + 1);
        f[features.width] = (double) level / top;
        return f;
    }

    /**
     * The wanted share of the budget per bracket {@code s} (index {@code s}, {@code s_max = } the
     * number of levels - 1), from the reliabilities as the class comment says.
     */
    double[] bracketShares() {
        double[] shares = new double[top + 1];
        for (int s = 0; s <= top; s++) {
            shares[s] = weight(top - s);
        }
        return shares;
    }

    /** The weight of the bracket that starts at level {@code k}. */
    private double weight(int k) {
        double least = 1;
        for (int j = k; j < top; j++) {
            least = Math.min(least, reliability[j]);
        }
        return least * least;
    }

    /** The reliability of each budget level, smallest budget first; 1 where nothing is measured yet. */
    double[] reliability() {
        return reliability.clone();
    }

    private double[] proposeFromModel() {
        update();
        if (model == null) {
            return null;
        }
        int n = model.size();
        double[] y = standardized(window);
        model.withTargets(y);
        GaussianProcess believed = model;
        if (!running.isEmpty()) {
            double[] withBelieved = Arrays.copyOf(y, n + running.size());
            int i = n;
            for (double[] x : running.values()) {
                withBelieved[i++] = model.predictMean(x);
            }
            for (double[] x : running.values()) {
                believed = believed.extend(x);
            }
            believed.withTargets(withBelieved);
        }
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
        GaussianProcess process = believed;
        double best = incumbent;
        double[] prediction = new double[2];
        return search.maximize(unit -> {
            process.predict(input(unit, top), prediction);
            return AcquisitionSearch.expectedImprovement(best, prediction[0], Math.sqrt(prediction[1]));
        }, centres, unit -> !proposed.contains(space.decode(unit)));
    }

    /** Brings the GP up to date: refits, rechooses the window or extends it, as the class comment says. */
    private void update() {
        boolean refit = model == null || results >= Math.ceil(lastFit * settings.refitGrowth()) && results > lastFit;
        if (refit) {
            window = chooseWindow();
            fitHyperparameters();
            lastFit = results;
            reliability = measureReliability();
            rebuild();
            return;
        }
        if (appended + unmodelled.size() > Math.max(8, window.size() / 4)) {
            reliability = measureReliability();
            rebuild();
            return;
        }
        List<Point> extended = new ArrayList<>(window);
        for (Point p : unmodelled) {
            if (weight(p.level()) >= MODEL_WEIGHT || p.level() == top) {
                model = model.extend(p.input(), p.inflation());
                extended.add(p);
                appended++;
            }
        }
        unmodelled.clear();
        window = extended;
    }

    private void rebuild() {
        window = chooseWindow();
        unmodelled.clear();
        appended = 0;
        model = factor(window, theta);
        if (model == null) {
            theta = fit.neutral();
            model = factor(window, theta);
        }
    }

    private GaussianProcess factor(List<Point> points, double[] hyperparameters) {
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
        return GaussianProcess.fit(group, hyperparameters, xs, standardized(points), xs.length, inflated ? inflation : null);
    }

    /**
     * Up to half the window at the full budget, the rest shared by the smaller budgets that keep a
     * weight of at least {@link #MODEL_WEIGHT}; within a budget, the best third and an even spread.
     */
    private List<Point> chooseWindow() {
        int max = settings.maxModelPoints();
        List<Point> chosen = new ArrayList<>(take(levels.get(top), max / 2));
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
            List<Point> part = take(levels.get(k), room / included);
            chosen.addAll(part);
            room -= part.size();
            included--;
        }
        return chosen;
    }

    private static List<Point> take(List<Point> points, int max) {
        double[] values = new double[points.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = points.get(i).value();
        }
        List<Point> out = new ArrayList<>();
        for (int i : PointSubset.bestAndSpread(values, values.length, max, max / 3)) {
            out.add(points.get(i));
        }
        return out;
    }

    private static double[] standardized(List<Point> points) {
        int n = points.size();
        double mean = 0;
        for (Point p : points) {
            mean += p.value();
        }
        mean /= n;
        double var = 0;
        for (Point p : points) {
            var += (p.value() - mean) * (p.value() - mean);
        }
        double sd = Math.sqrt(var / n);
        if (!(sd > 1e-12)) {
            sd = 1;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = (points.get(i).value() - mean) / sd;
        }
        return y;
    }

    private void fitHyperparameters() {
        List<Point> subset = take(window, settings.maxFitPoints());
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
        theta = fit.fit(group, xs, standardized(subset), inflated ? cs : null, theta, starts);
    }

    /** The reliabilities of the class comment, from the current hyperparameters. */
    private double[] measureReliability() {
        double[] r = new double[top + 1];
        Arrays.fill(r, 1);
        int reference = -1;
        for (int k = top; k >= 1 && reference < 0; k--) {
            if (ownPoints(k).size() >= MIN_LEVEL_POINTS) {
                reference = k;
            }
        }
        if (reference < 0) {
            return r;
        }
        List<Point> targets = take(ownPoints(reference), RELIABILITY_POINTS);
        GaussianProcess own = factor(targets, theta);
        if (own == null) {
            return r;
        }
        double[] values = new double[targets.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = targets.get(i).value();
        }
        double tauTop = kendallTau(own.leaveOneOutMeans(standardized(targets)), values);
        double scale = Math.max(tauTop, 0.2);
        int m = targets.size();
        for (int k = 0; k < reference; k++) {
            List<Point> points = take(ownPoints(k), RELIABILITY_POINTS);
            if (points.size() < MIN_LEVEL_POINTS) {
                continue;
            }
            GaussianProcess below = factor(points, theta);
            if (below == null) {
                continue;
            }
            double[] predicted = new double[m];
            for (int i = 0; i < m; i++) {
                predicted[i] = below.predictMean(input(targets.get(i).unit(), k));
            }
            double measured = Math.min(1, Math.max(0, kendallTau(predicted, values) / scale));
            r[k] = (m * measured + PRIOR_PAIRS) / (m + PRIOR_PAIRS);
        }
        return r;
    }

    private List<Point> ownPoints(int level) {
        List<Point> own = new ArrayList<>();
        for (Point p : levels.get(level)) {
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
