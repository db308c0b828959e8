package org.hpo4j.optimizer.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The exact expected hypervolume improvement against hand computations and Monte Carlo estimates. */
class ExpectedHypervolumeTest {
    private static final List<double[]> FRONT = List.of(new double[] {1, 3}, new double[] {2, 2}, new double[] {3, 1});
    private static final double[] REFERENCE = {4, 4};

    /**
     * A (nearly) certain point at (1.5, 1.5): the front covers 1 + 2 + 3 = 6 below (4, 4); with the
     * point, (1, 3), (1.5, 1.5), (3, 1) cover 0.5 * 1 + 1.5 * 2.5 + 1 * 3 = 7.25, so it adds 1.25.
     */
    @Test
    void certainPointAddsItsHandComputedArea() {
        ExpectedHypervolume ehvi = new ExpectedHypervolume(FRONT, REFERENCE);
        assertEquals(1.25, ehvi.value(new double[] {1.5, 1.5}, new double[] {1e-9, 1e-9}), 1e-6);
        // dominated by (2, 2): adds nothing; beyond the reference: nothing
        assertEquals(0, ehvi.value(new double[] {2.5, 2.5}, new double[] {1e-9, 1e-9}), 1e-9);
        assertEquals(0, ehvi.value(new double[] {0.5, 5}, new double[] {1e-9, 1e-9}), 1e-9);
        // below every point: the whole box [0, 4]^2 less the front's 6
        assertEquals(10, ehvi.value(new double[] {0, 0}, new double[] {1e-9, 1e-9}), 1e-6);
    }

    /**
     * An empty front: the improvement is the expected box below the reference, the product of the
     * objectives' expected improvements; for N(0, 1) below 0 each is the pdf at 0, 1 / sqrt(2 pi).
     */
    @Test
    void emptyFrontIsTheProductOfExpectedImprovements() {
        ExpectedHypervolume ehvi = new ExpectedHypervolume(List.of(), new double[] {0, 0});
        double pdf = 1 / Math.sqrt(2 * Math.PI);
        assertEquals(pdf * pdf, ehvi.value(new double[] {0, 0}, new double[] {1, 1}), 1e-12);
        // points beyond the reference are no front
        ExpectedHypervolume outside = new ExpectedHypervolume(List.of(new double[] {0.5, -1}), new double[] {0, 0});
        assertEquals(pdf * pdf, outside.value(new double[] {0, 0}, new double[] {1, 1}), 1e-12);
    }

    @Test
    void matchesMonteCarloForTwoThreeAndFourObjectives() {
        RandomGenerator random = new MersenneTwister(7);
        for (int m = 2; m <= 4; m++) {
            for (int trial = 0; trial < 4; trial++) {
                List<double[]> front = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    double[] p = new double[m];
                    for (int k = 0; k < m; k++) {
                        p[k] = random.nextDouble();
                    }
                    front.add(p);
                }
                double[] reference = new double[m];
                double[] mean = new double[m];
                double[] sd = new double[m];
                for (int k = 0; k < m; k++) {
                    reference[k] = 1.1;
                    mean[k] = 0.2 + 0.6 * random.nextDouble();
                    sd[k] = 0.05 + 0.3 * random.nextDouble();
                }
                double exact = new ExpectedHypervolume(front, reference).value(mean, sd);
                int samples = 40_000;
                double sum = 0;
                double sumSquares = 0;
                for (int s = 0; s < samples; s++) {
                    double[] y = new double[m];
                    for (int k = 0; k < m; k++) {
                        y[k] = mean[k] + sd[k] * random.nextGaussian();
                    }
                    double v = ExpectedHypervolume.improvementOf(front, y, reference);
                    sum += v;
                    sumSquares += v * v;
                }
                double estimate = sum / samples;
                double error = Math.sqrt((sumSquares / samples - estimate * estimate) / samples);
                assertTrue(exact > 0, m + " objectives: " + exact);
                assertEquals(estimate, exact, 4 * error + 1e-9, m + " objectives, trial " + trial);
            }
        }
    }

    /** The fast expected improvement agrees with commons-math's on both sides of its switch and in the tails. */
    @Test
    void improvementMatchesTheErfBasedOne() {
        for (double u = -11.9; u < 12; u += 0.05) {
            double reference = AcquisitionSearch.expectedImprovement(u, 0, 1);
            double fast = ExpectedHypervolume.improvement(u, 0, 1);
            assertEquals(reference, fast, 1e-4 * reference + 1e-300, "u = " + u);
            assertEquals(2 * reference, ExpectedHypervolume.improvement(2 * u + 3, 3, 2), 2e-4 * reference + 1e-300, "scaled, u = " + u);
        }
    }
}
