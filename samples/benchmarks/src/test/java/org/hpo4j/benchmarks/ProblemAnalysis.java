package org.hpo4j.benchmarks;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.random.Well19937c;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.hpo4j.space.Configuration;

/**
 * What the tests of the synthetic problems compute to check a definition: a one-dimensional
 * minimum (for optima with a continuous parameter) and how far the budgets agree about the ranking.
 */
public final class ProblemAnalysis {

    private ProblemAnalysis() {
    }

    /** Golden-section minimum of {@code f} on {@code [lo, hi]} after a grid scan: {x, f(x)}. */
    public static double[] minimise(DoubleUnaryOperator f, double lo, double hi) {
        int n = 4000;
        int bestK = 0;
        double bestV = Double.POSITIVE_INFINITY;
        for (int k = 0; k <= n; k++) {
            double v = f.applyAsDouble(lo + (hi - lo) * k / n);
            if (v < bestV) {
                bestV = v;
                bestK = k;
            }
        }
        double a = lo + (hi - lo) * Math.max(0, bestK - 1) / n;
        double b = lo + (hi - lo) * Math.min(n, bestK + 1) / n;
        double r = (Math.sqrt(5) - 1) / 2;
        while (b - a > 1e-12) {
            double c = b - r * (b - a);
            double d = a + r * (b - a);
            if (f.applyAsDouble(c) < f.applyAsDouble(d)) {
                b = d;
            } else {
                a = c;
            }
        }
        double x = (a + b) / 2;
        return new double[] {x, f.applyAsDouble(x)};
    }

    /**
     * Over 4,000 random configurations of each problem (noise-free values): the Spearman rank
     * correlation of the values at {@code b} epochs with those at 81, and the share of the best
     * tenth at {@code b} that is also in the best tenth at 81. The figures are the module README's
     * tables ("How far the budgets agree").
     */
    public static double[][] agreement(BenchmarkProblem p, double[] budgets) {
        int n = 4000;
        Well19937c random = new Well19937c(0);
        double[][] values = new double[budgets.length + 1][n];
        for (int i = 0; i < n; i++) {
            Configuration c = p.space().sample(random::nextDouble);
            for (int k = 0; k < budgets.length; k++) {
                values[k][i] = p.evaluate(c, budgets[k], null);
            }
            values[budgets.length][i] = p.trueValue(c);
        }
        double[][] out = new double[budgets.length][];
        double[] fullRanks = ranks(values[budgets.length]);
        Set<Integer> bestFull = bestTenth(values[budgets.length]);
        for (int k = 0; k < budgets.length; k++) {
            Set<Integer> best = bestTenth(values[k]);
            best.retainAll(bestFull);
            out[k] = new double[] {new PearsonsCorrelation()
                    .correlation(ranks(values[k]), fullRanks), best.size() / (double) bestFull.size()};
        }
        return out;
    }

    private static double[] ranks(double[] v) {
        return new NaturalRanking().rank(v);
    }

    private static Set<Integer> bestTenth(double[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        return new HashSet<>(Arrays.asList(order).subList(0, v.length / 10));
    }
}
