package org.hpo4j.optimizer.tpe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.methodtest.Runs;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class TreeParzenEstimatorTest {
    private static final Fidelity FIDELITY = new Fidelity(1, 10);

    @Test
    void numericEstimatorIntegratesToOneAndPeaksAtTheObservations() {
        double[] xs = {0.2, 0.22, 0.25};
        ParzenEstimator e = ParzenEstimator.numeric(xs, new double[] {1, 1, 1}, 3, 1.0);
        double integral = 0;
        int steps = 10_000;
        for (int i = 0; i < steps; i++) {
            integral += Math.exp(e.logDensity((i + 0.5) / steps)) / steps;
        }
        assertEquals(1.0, integral, 1e-3);
        assertTrue(e.logDensity(0.22) > e.logDensity(0.8) + 1);
        MersenneTwister random = new MersenneTwister(1);
        for (int i = 0; i < 1000; i++) {
            double x = e.sample(random);
            assertTrue(x >= 0 && x <= 1);
        }
    }

    @Test
    void categoricalEstimatorCountsWithThePrior() {
        ParzenEstimator e = ParzenEstimator.categorical(new int[] {2, 2, 0}, new double[] {1, 1, 1}, 3, 4, 1.0);
        // (2 + 0.25) / 4, (1 + 0.25) / 4, 0.25 / 4
        assertEquals(Math.log(2.25 / 4), e.logDensity(2), 1e-12);
        assertEquals(Math.log(1.25 / 4), e.logDensity(0), 1e-12);
        assertEquals(Math.log(0.25 / 4), e.logDensity(3), 1e-12);
    }

    @Test
    void weightsRampUpBeforeTheRecentTwentyFive() {
        assertArrayEquals(new double[] {1, 1, 1}, TreeParzenEstimator.weights(3));
        double[] w = TreeParzenEstimator.weights(35);
        assertEquals(1.0 / 35, w[0], 1e-12);
        assertEquals(1.0, w[9], 1e-12);
        assertEquals(1.0, w[34], 1e-12);
        assertTrue(w[3] > w[2]);
    }

    @Test
    void goodGroupFollowsOptunasGamma() {
        TpeSettings s = TpeSettings.defaults();
        assertEquals(1, s.goodCount(10));
        assertEquals(2, s.goodCount(11));
        assertEquals(25, s.goodCount(1000));
        assertEquals(30, s.withPaperGamma().goodCount(200));
    }

    @Test
    void beatsRandomSearchOnAQuadratic() {
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 5; seed++) {
            tpe += Runs.sequential(new TreeParzenEstimator(Runs.box(3), FIDELITY, seed), 100, Runs::quadratic);
            random += Runs.sequential(new RandomSearch(Runs.box(3), FIDELITY, seed), 100, Runs::quadratic);
        }
        assertTrue(tpe < 0.5 * random, "tpe " + tpe / 5 + " vs random " + random / 5);
    }

    @Test
    void findsTheGoodBranchOfAConditionalSpace() {
        SearchSpace space = Runs.conditional();
        double tpe = 0;
        double random = 0;
        for (int seed = 0; seed < 5; seed++) {
            TreeParzenEstimator o = new TreeParzenEstimator(space, FIDELITY, seed);
            List<Job> jobs = Runs.batched(o, 80, 1, Runs::conditionalObjective);
            for (Job j : jobs) {
                assertTrue(Runs.respectsConditions(space, j.configuration()), j.configuration()::toString);
            }
            long branchB = jobs.subList(40, 80).stream()
                    .filter(j -> j.configuration().getString("kind").equals("b")).count();
            assertTrue(branchB > 20, "later jobs should favour kind b, got " + branchB + " of 40");
            tpe += jobs.stream().mapToDouble(j -> Runs.conditionalObjective(j.configuration())).min().orElseThrow();
            random += Runs.sequential(new RandomSearch(space, FIDELITY, seed), 80, Runs::conditionalObjective);
        }
        assertTrue(tpe < random, "tpe " + tpe / 5 + " vs random " + random / 5);
    }

    @Test
    void sameSeedSameJobs() {
        List<Configuration> a = Runs.trace(new TreeParzenEstimator(Runs.conditional(), FIDELITY, 4), 40, Runs::conditionalObjective);
        List<Configuration> b = Runs.trace(new TreeParzenEstimator(Runs.conditional(), FIDELITY, 4), 40, Runs::conditionalObjective);
        List<Configuration> c = Runs.trace(new TreeParzenEstimator(Runs.conditional(), FIDELITY, 5), 40, Runs::conditionalObjective);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void failuresAreToleratedAndParallelAsksDiffer() {
        for (boolean liar : new boolean[] {false, true}) {
            TreeParzenEstimator o = new TreeParzenEstimator(Runs.box(2), FIDELITY, 6,
                    TpeSettings.defaults().withConstantLiar(liar));
            List<Job> jobs = Runs.batched(o, 100, 4, c -> c.getDouble("x1") > 2 ? Double.NaN : Runs.quadratic(c));
            assertEquals(100, jobs.size());
            assertEquals(100, jobs.stream().map(Job::configuration).distinct().count());
            double best = jobs.stream().map(Job::configuration).filter(c -> c.getDouble("x1") <= 2)
                    .mapToDouble(Runs::quadratic).min().orElseThrow();
            assertTrue(best < 1, "best " + best);
            assertThrows(IllegalArgumentException.class, () -> o.tell(jobs.get(0), Result.of(1)));
        }
    }

    @Test
    void allFailuresKeepItSampling() {
        TreeParzenEstimator o = new TreeParzenEstimator(Runs.box(2), FIDELITY, 1);
        assertEquals(30, Runs.batched(o, 30, 2, c -> Double.NaN).size());
    }
}
