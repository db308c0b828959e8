package org.hpo4j.optimizer.gp;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.special.Erf;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.SearchSpace;

/**
 * Maximizes an acquisition function over the unit encoding of a space: random candidates from the
 * prior and candidates around given centres (the best results), then a short local search from the
 * best few. Candidates are decoded and re-encoded, so they respect conditions and grids.
 */
final class AcquisitionSearch {
    private static final int REFINED = 3;
    private static final double LOCAL_SIGMA = 0.05;

    private final SearchSpace space;
    private final RandomGenerator random;
    private final int randomCandidates;
    private final int localCandidates;
    private final int refinementSteps;

    AcquisitionSearch(SearchSpace space, RandomGenerator random, int randomCandidates, int localCandidates,
                      int refinementSteps) {
        this.space = space;
        this.random = random;
        this.randomCandidates = randomCandidates;
        this.localCandidates = localCandidates;
        this.refinementSteps = refinementSteps;
    }

    /**
     * The candidate with the largest acquisition among those {@code isNew} accepts, or null when
     * every candidate was rejected (a tiny space whose points were all proposed).
     *
     * @param centres unit points the local candidates are drawn around, cycled through; not empty
     *     when there are local candidates
     */
    double[] maximize(ToDoubleFunction<double[]> acquisition, List<double[]> centres, Predicate<double[]> isNew) {
        int total = randomCandidates + (centres.isEmpty() ? 0 : localCandidates);
        double[][] candidates = new double[total][];
        double[] scores = new double[total];
        for (int c = 0; c < randomCandidates; c++) {
            candidates[c] = space.encode(space.sample(random::nextDouble));
        }
        for (int c = randomCandidates; c < total; c++) {
            candidates[c] = perturb(centres.get(c % centres.size()), LOCAL_SIGMA);
        }
        for (int c = 0; c < total; c++) {
            scores[c] = acquisition.applyAsDouble(candidates[c]);
        }
        Integer[] order = new Integer[total];
        for (int c = 0; c < total; c++) {
            order[c] = c;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] winner = null;
        double winnerScore = Double.NEGATIVE_INFINITY;
        int refined = Math.min(REFINED, total);
        int stepsEach = refinementSteps / Math.max(1, refined);
        for (int r = 0; r < refined; r++) {
            double[] x = candidates[order[r]];
            double score = isNew.test(x) ? scores[order[r]] : Double.NEGATIVE_INFINITY;
            double sigma = LOCAL_SIGMA;
            for (int s = 0; s < stepsEach; s++) {
                double[] next = perturb(x, sigma);
                double nextScore = acquisition.applyAsDouble(next);
                if (nextScore > score && isNew.test(next)) {
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
            if (isNew.test(candidates[order[r]])) {
                winner = candidates[order[r]];
            }
        }
        return winner;
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

    /** Expected improvement of a gaussian N(mean, sd^2) below {@code incumbent}. */
    static double expectedImprovement(double incumbent, double mean, double sd) {
        double z = (incumbent - mean) / sd;
        double cdf = 0.5 * Erf.erfc(-z / Math.sqrt(2));
        double pdf = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
        return (incumbent - mean) * cdf + sd * pdf;
    }
}
