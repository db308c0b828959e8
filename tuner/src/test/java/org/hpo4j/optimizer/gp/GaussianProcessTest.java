package org.hpo4j.optimizer.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {
    private static final int[] GROUP = {0, 1};
    private static final double[] THETA = {Math.log(0.3), Math.log(0.3), 0, Math.log(1e-6)};

    private static double[][] points(int n, long seed) {
        MersenneTwister r = new MersenneTwister(seed);
        double[][] xs = new double[n][];
        for (int i = 0; i < n; i++) {
            xs[i] = new double[] {r.nextDouble(), r.nextDouble()};
        }
        return xs;
    }

    private static double f(double[] x) {
        return Math.sin(3 * x[0]) + x[1] * x[1];
    }

    @Test
    void interpolatesItsPointsAndIsUnsureFarAway() {
        double[][] xs = points(20, 1);
        double[] ys = new double[20];
        for (int i = 0; i < 20; i++) {
            ys[i] = f(xs[i]);
        }
        GaussianProcess gp = GaussianProcess.fit(GROUP, THETA, xs, ys, 20);
        assertNotNull(gp);
        double[] out = new double[2];
        for (int i = 0; i < 20; i++) {
            gp.predict(xs[i], out);
            assertEquals(ys[i], out[0], 1e-3);
            assertTrue(out[1] < 1e-3);
        }
        gp.predict(new double[] {3, 3}, out);
        assertEquals(1.0, out[1], 1e-3, "far away the prior variance comes back");
    }

    @Test
    void extendingMatchesAFullFit() {
        double[][] xs = points(15, 2);
        double[] ys = new double[15];
        for (int i = 0; i < 15; i++) {
            ys[i] = f(xs[i]);
        }
        GaussianProcess full = GaussianProcess.fit(GROUP, THETA, xs, ys, 15);
        GaussianProcess grown = GaussianProcess.fit(GROUP, THETA, xs, ys, 10);
        for (int i = 10; i < 15; i++) {
            grown = grown.extend(xs[i]);
        }
        grown.withTargets(ys);
        double[] a = new double[2];
        double[] b = new double[2];
        for (double[] x : points(10, 3)) {
            full.predict(x, a);
            grown.predict(x, b);
            assertEquals(a[0], b[0], 1e-6);
            assertEquals(a[1], b[1], 1e-6);
        }
    }

    @Test
    void aPointOfWeightOneHalfMovesTheMeanHalfway() {
        double[][] xs = {{0.5, 0.5}};
        double[] ys = {1};
        double[] out = new double[2];
        GaussianProcess.fit(GROUP, THETA, xs, ys, 1).predict(xs[0], out);
        assertEquals(1.0, out[0], 1e-4);
        // weight w = 0.5: inflation 1/w - 1 = 1
        GaussianProcess.fit(GROUP, THETA, xs, ys, 1, new double[] {1}).predict(xs[0], out);
        assertEquals(0.5, out[0], 1e-4);
    }

    @Test
    void extendingWithInflatedPointsMatchesAFullFit() {
        double[][] xs = points(12, 4);
        double[] ys = new double[12];
        double[] inflation = new double[12];
        for (int i = 0; i < 12; i++) {
            ys[i] = f(xs[i]);
            inflation[i] = i % 3 == 0 ? 1 : 0;
        }
        GaussianProcess full = GaussianProcess.fit(GROUP, THETA, xs, ys, 12, inflation);
        GaussianProcess grown = GaussianProcess.fit(GROUP, THETA, xs, ys, 6, inflation);
        for (int i = 6; i < 12; i++) {
            grown = grown.extend(xs[i], inflation[i]);
        }
        grown.withTargets(ys);
        double[] a = new double[2];
        double[] b = new double[2];
        for (double[] x : points(10, 5)) {
            full.predict(x, a);
            grown.predict(x, b);
            assertEquals(a[0], b[0], 1e-6);
            assertEquals(a[1], b[1], 1e-6);
        }
    }

    @Test
    void likelihoodPrefersASensibleLengthScale() {
        double[][] xs = points(30, 4);
        double[] ys = new double[30];
        for (int i = 0; i < 30; i++) {
            ys[i] = f(xs[i]);
        }
        double sensible = GaussianProcess.logMarginalLikelihood(GROUP, THETA, xs, ys, 30);
        double tiny = GaussianProcess.logMarginalLikelihood(GROUP,
                new double[] {Math.log(0.005), Math.log(0.005), 0, Math.log(1e-6)}, xs, ys, 30);
        assertTrue(sensible > tiny + 10, sensible + " vs " + tiny);
    }

    @Test
    void expectedImprovementBehaves() {
        assertEquals(0.3989422804, GpOptimizer.expectedImprovement(0, 0, 1), 1e-9);
        assertTrue(GpOptimizer.expectedImprovement(0, -1, 0.1) > 0.99);
        assertTrue(GpOptimizer.expectedImprovement(0, 5, 0.1) < 1e-10);
    }

    @Test
    void leaveOneOutMeansMatchFitsWithoutThePoint() {
        double[][] xs = points(12, 3);
        double[] ys = new double[12];
        for (int i = 0; i < 12; i++) {
            ys[i] = f(xs[i]);
        }
        double[] theta = {Math.log(0.3), Math.log(0.3), 0, Math.log(1e-2)};
        double[] loo = GaussianProcess.fit(GROUP, theta, xs, ys, 12).leaveOneOutMeans(ys);
        double[] out = new double[2];
        for (int left = 0; left < 12; left++) {
            double[][] others = new double[11][];
            double[] otherYs = new double[11];
            for (int i = 0, k = 0; i < 12; i++) {
                if (i != left) {
                    others[k] = xs[i];
                    otherYs[k++] = ys[i];
                }
            }
            GaussianProcess.fit(GROUP, theta, others, otherYs, 11).predict(xs[left], out);
            assertEquals(out[0], loo[left], 1e-6, "point " + left);
            assertEquals(out[0], GaussianProcess.fit(GROUP, theta, others, otherYs, 11).predictMean(xs[left]), 1e-12);
        }
    }
}
