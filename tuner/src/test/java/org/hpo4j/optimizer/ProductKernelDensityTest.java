package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class ProductKernelDensityTest {

    @Test
    void continuousDensityIsTheGaussianMixtureOfItsPoints() {
        double[][] rows = {{0.2, 0.9}, {0.5, 0.1}, {0.55, 0.4}};
        double[] h = {0.1, 0.25};
        ProductKernelDensity kde = new ProductKernelDensity(rows, new int[] {0, 0}, h);
        double[][] probes = {{0.3, 0.5}, {0.0, 0.0}, {0.52, 0.2}, {1.0, 1.0}};
        for (double[] x : probes) {
            double expected = 0;
            for (double[] r : rows) {
                expected += new NormalDistribution(r[0], h[0]).density(x[0]) * new NormalDistribution(r[1], h[1]).density(x[1]);
            }
            expected /= rows.length;
            assertEquals(expected, kde.pdf(x), 1e-12 * Math.max(1, expected));
        }
    }

    @Test
    void oneDimensionalDensityIntegratesToOneAwayFromEdges() {
        double[][] rows = {{0.4}, {0.45}, {0.6}, {0.5}};
        ProductKernelDensity kde = new ProductKernelDensity(rows, new int[] {0}, new double[] {0.05});
        double sum = 0;
        int steps = 20_000;
        double[] x = new double[1];
        for (int i = 0; i < steps; i++) {
            x[0] = (i + 0.5) / steps;
            sum += kde.pdf(x) / steps;
        }
        assertEquals(1.0, sum, 1e-6);
    }

    @Test
    void categoricalDensityIsSmoothedFrequency() {
        // 3 choices, observed 0, 0, 0, 2: p(k) = (1-h) f_k + h/(k-1) (1 - f_k)
        double[][] rows = {{0}, {0}, {0}, {2}};
        double h = 0.2;
        ProductKernelDensity kde = new ProductKernelDensity(rows, new int[] {3}, new double[] {h});
        double[] f = {0.75, 0, 0.25};
        double total = 0;
        for (int k = 0; k < 3; k++) {
            double expected = (1 - h) * f[k] + h / 2 * (1 - f[k]);
            double p = kde.pdf(new double[] {k});
            assertEquals(expected, p, 1e-15, "level " + k);
            total += p;
        }
        assertEquals(1.0, total, 1e-15);
    }

    @Test
    void mixedDensityMultipliesKernels() {
        double[][] rows = {{0.3, 1}, {0.7, 0}};
        ProductKernelDensity kde = new ProductKernelDensity(rows, new int[] {0, 2}, new double[] {0.2, 0.1});
        double x = 0.4;
        double expected = (new NormalDistribution(0.3, 0.2).density(x) * 0.9 + new NormalDistribution(0.7, 0.2).density(x) * 0.1) / 2;
        assertEquals(expected, kde.pdf(new double[] {x, 1}), 1e-12);
    }

    @Test
    void normalReferenceBandwidthsFollowStatsmodels() {
        // sd (population) of 0.1, 0.2, 0.4, 0.7 is sqrt(0.0525); 1.06 * sd * 4^(-1/5) = 0.18407...
        double[][] rows = {{0.1, 1}, {0.2, 1}, {0.4, 1}, {0.7, 1}};
        ProductKernelDensity kde = ProductKernelDensity.normalReference(rows, new int[] {0, 2}, 1e-3);
        double expected = 1.06 * Math.sqrt(0.0525) * Math.pow(4, -1.0 / 6);
        assertArrayEquals(new double[] {expected, 1e-3}, kde.bandwidths(), 1e-15);
        // hand-computed for d = 1: 1.06 * 0.2291288 * 0.7578583 = 0.184066
        ProductKernelDensity one = ProductKernelDensity.normalReference(new double[][] {{0.1}, {0.2}, {0.4}, {0.7}}, new int[] {0}, 1e-3);
        assertEquals(0.184066, one.bandwidth(0), 1e-6);
    }

    @Test
    void categoricalBandwidthIsCappedAtTheUniformKernel() {
        double[][] rows = {{0}, {4}, {0}, {4}};
        ProductKernelDensity kde = ProductKernelDensity.normalReference(rows, new int[] {5}, 1e-3);
        assertEquals(0.8, kde.bandwidth(0), 1e-15);
        assertEquals(0.2, kde.pdf(new double[] {2}), 1e-15);
    }

    @Test
    void rejectsNaNAndBadBandwidths() {
        assertThrows(IllegalArgumentException.class,
                () -> new ProductKernelDensity(new double[][] {{Double.NaN}}, new int[] {0}, new double[] {0.1}));
        assertThrows(IllegalArgumentException.class,
                () -> new ProductKernelDensity(new double[][] {{0.5}}, new int[] {0}, new double[] {0}));
        assertThrows(IllegalArgumentException.class,
                () -> new ProductKernelDensity(new double[0][], new int[] {0}, new double[] {0.1}));
    }

    @Test
    void weightsMakeTheDensityAWeightedMixture() {
        double[][] rows = {{0.2}, {0.8}};
        double[] h = {0.1};
        ProductKernelDensity a = new ProductKernelDensity(new double[][] {{0.2}}, new int[] {0}, h);
        ProductKernelDensity b = new ProductKernelDensity(new double[][] {{0.8}}, new int[] {0}, h);
        ProductKernelDensity mixed = new ProductKernelDensity(rows, new int[] {0}, h).withWeights(new double[] {1, 0.25});
        for (double x : new double[] {0, 0.2, 0.5, 0.8, 1}) {
            double expected = (1 * a.pdf(new double[] {x}) + 0.25 * b.pdf(new double[] {x})) / 1.25;
            assertEquals(expected, mixed.pdf(new double[] {x}), 1e-12);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new ProductKernelDensity(rows, new int[] {0}, h, new double[] {1, 0}));
    }
}
