package org.hpo4j.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * Estimates hyperparameter importance in the manner of functional ANOVA (Hutter et al., 2014): a
 * random forest is fitted to the evaluations at one budget, and the forest is then read as a
 * function over the whole search space under its prior. A parameter's main effect is the
 * forest's mean prediction with that parameter set to each value of a grid spread evenly under its
 * prior, averaged over configurations drawn from the prior; its importance is the variance of
 * that main effect as a fraction of the variance of the forest's predictions over the same draws,
 * so the fractions of all parameters add up to at most about one, the rest being interactions. A
 * conditional parameter's share is weighted by how often it is active. Deterministic: the forest
 * and the draws have fixed seeds. Large studies are thinned evenly (at most {@value #MAX_FIT}
 * evaluations fitted) so the report stays quick.
 */
public final class Importance {
    /** The fewest finished evaluations at one budget for an estimate. */
    public static final int MIN_EVALUATIONS = 10;

    private static final int GRID = 21;
    private static final int TREES = 64;
    private static final int MIN_LEAF = 2;
    /** The most evaluations the forest is fitted to; more are thinned evenly, to bound the time. */
    static final int MAX_FIT = 2000;
    /** How many configurations drawn from the prior the main effects and the variance average over. */
    static final int DRAWS = 256;
    /** Encoding of an inactive parameter: outside the unit interval, so trees can split on activity. */
    private static final double INACTIVE = -1;

    private Importance() {
    }

    /**
     * The estimate from the finished evaluations at the largest budget that has at least
     * {@link #MIN_EVALUATIONS} of them; empty when no budget has enough, or the space has no
     * parameters.
     */
    public static Optional<ImportanceEstimate> estimate(ReportData data) {
        if (data.space().size() == 0) {
            return Optional.empty();
        }
        TreeMap<Double, List<ReportRow>> byBudget = new TreeMap<>();
        for (ReportRow r : data.rows()) {
            if (r.state() == EvaluationState.FINISHED) {
                byBudget.computeIfAbsent(r.budget(), b -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<Double, List<ReportRow>> e : byBudget.descendingMap().entrySet()) {
            List<ReportRow> rows = e.getValue();
            if (rows.size() >= MIN_EVALUATIONS) {
                List<Configuration> configurations = rows.stream().map(ReportRow::configuration).toList();
                double[] values = rows.stream().mapToDouble(ReportRow::value).toArray();
                return Optional.of(estimate(data.space(), configurations, values, e.getKey(), data.seed()));
            }
        }
        return Optional.empty();
    }

    /**
     * The estimate from the given configurations and their values.
     *
     * @param space the space the configurations belong to
     * @param configurations the evaluated configurations
     * @param values their objective values, finite
     * @param budget the budget they were evaluated at (recorded in the result)
     * @param seed seeds the forest
     */
    public static ImportanceEstimate estimate(SearchSpace space, List<Configuration> configurations, double[] values,
                                              double budget, long seed) {
        int n = configurations.size();
        if (n != values.length || n == 0) {
            throw new IllegalArgumentException("need one value per configuration, and at least one: "
                    + n + " configurations, " + values.length + " values");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("values must be finite, got " + v);
            }
        }
        double[][] all = new double[n][];
        for (int i = 0; i < n; i++) {
            all[i] = encode(space, configurations.get(i));
        }
        int[] fitRows = thin(n, MAX_FIT);
        double[][] fitX = new double[fitRows.length][];
        double[] fitY = new double[fitRows.length];
        for (int i = 0; i < fitRows.length; i++) {
            fitX[i] = all[fitRows[i]];
            fitY[i] = values[fitRows[i]];
        }
        RegressionForest forest = RegressionForest.fit(fitX, fitY, TREES, MIN_LEAF, seed ^ 0x5DEECE66DL);
        MersenneTwister draws = new MersenneTwister(seed);
        double[][] x = new double[DRAWS][];
        for (int i = 0; i < x.length; i++) {
            x[i] = encode(space, space.sample(draws::nextDouble));
        }
        double totalVariance = variance(predictions(forest, x));

        List<ParameterImportance> result = new ArrayList<>();
        for (int p = 0; p < space.size(); p++) {
            Parameter parameter = space.parameters().get(p);
            List<double[]> active = new ArrayList<>();
            for (double[] row : x) {
                if (row[p] != INACTIVE) {
                    active.add(row.clone());
                }
            }
            if (active.isEmpty()) {
                result.add(new ParameterImportance(parameter.name(), 0, activeCount(configurations, parameter), List.of()));
                continue;
            }
            Map<String, EffectPoint> curve = new LinkedHashMap<>();
            double[] effect = new double[gridSize(parameter)];
            for (int k = 0; k < effect.length; k++) {
                Object value = gridValue(parameter, k);
                double encoded = parameter.toUnit(value);
                double sum = 0;
                for (double[] row : active) {
                    row[p] = encoded;
                    sum += forest.predict(row);
                }
                effect[k] = sum / active.size();
                String label = parameter.format(value);
                double numeric = value instanceof Number num && !(parameter instanceof CategoricalParameter)
                        ? num.doubleValue() : Double.NaN;
                curve.putIfAbsent(label, new EffectPoint(numeric, label, effect[k]));
            }
            double share = (double) active.size() / x.length;
            double importance = totalVariance > 0 ? Math.min(1, share * variance(effect) / totalVariance) : 0;
            result.add(new ParameterImportance(parameter.name(), importance, activeCount(configurations, parameter),
                    new ArrayList<>(curve.values())));
        }
        double sum = result.stream().mapToDouble(ParameterImportance::importance).sum();
        if (sum > 1) {
            // main effects cannot explain more than all the variance; a sum above one is the noise of
            // the two averages (grid and draws), so scale the shares back
            List<ParameterImportance> scaled = new ArrayList<>();
            for (ParameterImportance p : result) {
                scaled.add(new ParameterImportance(p.name(), p.importance() / sum, p.activeEvaluations(), p.effect()));
            }
            result = scaled;
        }
        result.sort(Comparator.comparingDouble(ParameterImportance::importance).reversed());
        return new ImportanceEstimate(budget, n, result);
    }

    /** {@code limit} indices spread evenly over {@code 0..n-1}, or all of them when there are fewer. */
    static int[] thin(int n, int limit) {
        int k = Math.min(n, limit);
        int[] rows = new int[k];
        for (int i = 0; i < k; i++) {
            rows[i] = (int) ((long) i * n / k);
        }
        return rows;
    }

    private static int activeCount(List<Configuration> configurations, Parameter p) {
        return (int) configurations.stream().filter(c -> c.isActive(p.name())).count();
    }

    private static double[] encode(SearchSpace space, Configuration c) {
        double[] u = space.encode(c);
        for (int i = 0; i < u.length; i++) {
            if (Double.isNaN(u[i])) {
                u[i] = INACTIVE;
            }
        }
        return u;
    }

    private static int gridSize(Parameter p) {
        return p instanceof CategoricalParameter c ? c.size() : GRID;
    }

    /** The k-th grid value: every choice of a categorical, else evenly spread under the prior. */
    private static Object gridValue(Parameter p, int k) {
        if (p instanceof CategoricalParameter c) {
            return c.choices().get(k);
        }
        return p.fromUnit((double) k / (GRID - 1));
    }

    private static double[] predictions(RegressionForest forest, double[][] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = forest.predict(x[i]);
        }
        return y;
    }

    private static double variance(double[] a) {
        double mean = 0;
        for (double v : a) {
            mean += v;
        }
        mean /= a.length;
        double s = 0;
        for (double v : a) {
            s += (v - mean) * (v - mean);
        }
        return s / a.length;
    }
}
