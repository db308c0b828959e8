package org.hpo4j.optimizer.multi;

import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Genetic variation on the unit encoding of a space ({@link SearchSpace#encode}): uniform
 * crossover and gaussian mutation, then a decode and re-encode so that the child respects the
 * space's conditions. Inactive coordinates (NaN) take the other parent's value or a random one.
 */
final class UnitVariation {
    private static final double MUTATION_SIGMA = 0.1;

    private final SearchSpace space;
    private final RandomGenerator random;

    UnitVariation(SearchSpace space, RandomGenerator random) {
        this.space = space;
        this.random = random;
    }

    /** A child of two parents: each coordinate from either, then each mutated with probability 1/d. */
    Configuration child(Configuration first, Configuration second) {
        double[] a = space.encode(first);
        double[] b = space.encode(second);
        int d = a.length;
        double[] x = new double[d];
        for (int i = 0; i < d; i++) {
            double pick = random.nextDouble() < 0.5 ? a[i] : b[i];
            double other = pick == a[i] ? b[i] : a[i];
            x[i] = !Double.isNaN(pick) ? pick : !Double.isNaN(other) ? other : random.nextDouble();
            if (random.nextDouble() < 1.0 / d) {
                x[i] = space.parameters().get(i) instanceof CategoricalParameter
                        ? random.nextDouble()
                        : Math.min(1, Math.max(0, x[i] + MUTATION_SIGMA * random.nextGaussian()));
            }
        }
        return space.decode(x);
    }
}
