package org.hpo4j.benchmarks.multiobjective;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

class ZdtMfTest {
    private final ZdtMf problem = new ZdtMf();

    private Configuration at(double x1, double x2, double x3, double x4, double x5) {
        return problem.space().configuration(Map.of("x1", x1, "x2", x2, "x3", x3, "x4", x4, "x5", x5));
    }

    @Test
    void theFrontIsOneMinusRootF1AtTheCentre() {
        for (double x1 : new double[] {0, 0.09, 0.25, 0.64, 1}) {
            Configuration c = at(x1, 0.5, 0.5, 0.5, 0.5);
            assertArrayEquals(new double[] {x1, 1 - Math.sqrt(x1)}, problem.trueObjectives(c), 1e-15);
            assertArrayEquals(problem.trueObjectives(c), problem.evaluate(c, 81, null), 0.0);
        }
        // off the centre g > 1 lifts f2 for the same f1
        double[] off = problem.trueObjectives(at(0.25, 0.7, 0.5, 0.5, 0.5));
        double g = 1 + 2 * (0.4 * 0.4) / 4;
        assertEquals(g * (1 - Math.sqrt(0.25 / g)), off[1], 1e-15);
    }

    @Test
    void noRandomConfigurationBeatsTheFront() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 2000; i++) {
            double[] f = problem.trueObjectives(problem.space().sample(random::nextDouble));
            assertTrue(f[1] >= 1 - Math.sqrt(f[0]) - 1e-12, f[0] + ", " + f[1]);
        }
    }

    @Test
    void smallBudgetsMoveTheDistanceOptimum() {
        // at budget 1 (z = 1/81) the centre is 0.5 +- 0.3 (80/81): x2, x4 up, x3, x5 down
        double s = 0.3 * 80 / 81;
        Configuration lowBest = at(0.25, 0.5 + s, 0.5 - s, 0.5 + s, 0.5 - s);
        assertArrayEquals(new double[] {0.25, 0.5}, problem.evaluate(lowBest, 1, null), 1e-12, "g = 1 at budget 1");
        double g = 1 + 2 * (4 * (2 * s) * (2 * s)) / 4;
        assertEquals(g * (1 - Math.sqrt(0.25 / g)), problem.trueObjectives(lowBest)[1], 1e-12);
        // and budget 1 prefers it to the true front's configuration, budget 81 the other way round
        Configuration trueBest = at(0.25, 0.5, 0.5, 0.5, 0.5);
        assertTrue(problem.evaluate(lowBest, 1, null)[1] < problem.evaluate(trueBest, 1, null)[1]);
        assertTrue(problem.evaluate(lowBest, 81, null)[1] > problem.evaluate(trueBest, 81, null)[1]);
        assertThrows(IllegalArgumentException.class, () -> problem.evaluate(trueBest, 0.5, null));
    }

    @Test
    void hypervolumeIsNormalisedByTheFrontsTwoThirds() {
        List<double[]> front = new ArrayList<>();
        for (int i = 0; i <= 200; i++) {
            front.add(problem.trueObjectives(at(i / 200.0, 0.5, 0.5, 0.5, 0.5)));
        }
        double hv = problem.hypervolume(front);
        // 201 points spaced 1/200 in f1 miss the staircase between them: 0.99614 of 2/3
        assertEquals(0.99614, hv, 1e-5, "a dense front covers nearly all of 2/3");
        // one point (0.25, 0.5): the box 0.75 x 0.5
        assertEquals(0.75 * 0.5 / (2.0 / 3), problem.hypervolume(List.of(new double[] {0.25, 0.5})), 1e-12);
        assertEquals(0, problem.hypervolume(List.of(new double[] {0.5, 1.2})), 0.0, "beyond the reference: nothing");
        assertEquals(0, problem.hypervolume(List.of()), 0.0);
    }
}
