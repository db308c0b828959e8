package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

/** The noisy parts of counting-ones, which vectors.json can only pin through the true value. */
class CountingOnesTest {
    private final CountingOnes problem = new CountingOnes();

    private Configuration config(String c, double x) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 1; i <= 8; i++) {
            m.put("c" + i, c);
            m.put("x" + i, x);
        }
        return problem.space().configuration(m);
    }

    @Test
    void rungsComputedInFloatingPointGiveWholeDrawCounts() {
        double rung0 = 729 * Math.exp(-4 * Math.log(3));
        assertEquals(8.999999999999996, rung0, 0.0, "the floating-point trap of the module README");
        assertEquals(9, CountingOnes.draws(rung0));
        assertEquals(243, CountingOnes.draws(729 / 3.0));
        assertEquals(9.0, problem.effectiveBudget(rung0), 0.0);
    }

    @Test
    void certainDrawsAreDeterministic() {
        assertEquals(-16.0, problem.evaluate(config("1", 1.0), 9, new SplittableRandom(3)), 0.0);
        assertEquals(0.0, problem.evaluate(config("0", 0.0), 729, new SplittableRandom(3)), 0.0);
        assertEquals(-16.0, problem.trueValue(config("1", 1.0)), 0.0);
        assertEquals(0, problem.regret(config("1", 1.0)), 0.0);
    }

    @Test
    void valuesAreMeansOfTheRungsDrawCount() {
        Configuration half = config("0", 0.5);
        double rung0 = 729 * Math.exp(-4 * Math.log(3));
        for (int seed = 0; seed < 20; seed++) {
            double v = -problem.evaluate(half, rung0, new SplittableRandom(seed));
            // each of the 8 means is k / 9, so 9 * value is a whole number of successes
            assertEquals(Math.rint(9 * v), 9 * v, 1e-9, "9 draws per parameter at seed " + seed);
        }
    }

    @Test
    void theSameStreamGivesTheSameValueAndTheMeanIsTheTrueValue() {
        Configuration c = config("1", 0.3);
        assertEquals(problem.evaluate(c, 27, new SplittableRandom(7)), problem.evaluate(c, 27, new SplittableRandom(7)), 0.0);
        assertNotEquals(problem.evaluate(c, 27, new SplittableRandom(7)), problem.evaluate(c, 27, new SplittableRandom(8)));
        double sum = 0;
        int n = 400;
        for (int seed = 0; seed < n; seed++) {
            sum += problem.evaluate(c, 729, new SplittableRandom(seed));
        }
        // each evaluation's standard deviation is sqrt(8 * 0.21 / 729) = 0.048; the mean of 400 is within 0.012 at 5 sigma
        double mean = sum / n;
        assertTrue(Math.abs(mean - problem.trueValue(c)) < 0.012, "mean " + mean + " vs true " + problem.trueValue(c));
    }
}
