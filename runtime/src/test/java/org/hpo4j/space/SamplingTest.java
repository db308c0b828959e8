package org.hpo4j.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SamplingTest {
    private static final int DRAWS = 50_000;

    @Test
    void logUniformLearningRateHasAboutOneFifthOfItsMassAboveOneTenth() {
        SearchSpace space = SearchSpace.builder().add(FloatParameter.logUniform("lr", 1e-5, 1)).build();
        RandomGenerator random = new MersenneTwister(1);
        int above = 0;
        for (int i = 0; i < DRAWS; i++) {
            double lr = space.sample(random::nextDouble).getDouble("lr");
            assertTrue(lr >= 1e-5 && lr <= 1);
            if (lr > 0.1) {
                above++;
            }
        }
        // uniform in log space: one decade of five; a linear prior would put 90% there
        assertEquals(0.2, above / (double) DRAWS, 0.01);
    }

    @Test
    void everyIntegerOfALinearRangeGetsEqualMass() {
        IntParameter p = IntParameter.uniform("layers", 1, 5);
        double[] expected = new double[5];
        java.util.Arrays.fill(expected, 0.2);
        assertChiSquareFits(p, expected);
    }

    @Test
    void logIntegersGetTheMassOfTheirCellInLogSpace() {
        IntParameter p = IntParameter.logUniform("width", 1, 8);
        double[] expected = new double[8];
        double total = Math.log(8.5) - Math.log(0.5);
        for (int k = 1; k <= 8; k++) {
            expected[k - 1] = (Math.log(k + 0.5) - Math.log(k - 0.5)) / total;
        }
        // small integers get more mass: 1 gets log(3) / log(17) ~ 39%
        assertTrue(expected[0] > 0.38 && expected[0] < 0.39);
        assertChiSquareFits(p, expected);
    }

    @Test
    void categoricalChoicesGetEqualMass() {
        SearchSpace space = SearchSpace.builder().add(CategoricalParameter.of("opt", List.of("sgd", "adam", "rmsprop"))).build();
        RandomGenerator random = new MersenneTwister(3);
        int[] counts = new int[3];
        CategoricalParameter p = (CategoricalParameter) space.parameter("opt");
        for (int i = 0; i < DRAWS; i++) {
            counts[p.indexOf(space.sample(random::nextDouble).get("opt"))]++;
        }
        for (int c : counts) {
            assertEquals(1.0 / 3, c / (double) DRAWS, 0.01);
        }
    }

    private static void assertChiSquareFits(IntParameter p, double[] expected) {
        SearchSpace space = SearchSpace.builder().add(p).build();
        RandomGenerator random = new MersenneTwister(2);
        long[] counts = new long[expected.length];
        for (int i = 0; i < DRAWS; i++) {
            long k = space.sample(random::nextDouble).getLong(p.name());
            counts[(int) (k - p.lo())]++;
        }
        double chi2 = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = expected[i] * DRAWS;
            chi2 += (counts[i] - e) * (counts[i] - e) / e;
        }
        // 99.9% quantile of chi-square with (cells - 1) degrees of freedom
        double limit = new org.apache.commons.math3.distribution.ChiSquaredDistribution(counts.length - 1)
                .inverseCumulativeProbability(0.999);
        assertTrue(chi2 < limit, "chi-square " + chi2 + " >= " + limit + " for counts " + java.util.Arrays.toString(counts));
    }
}
