package org.hpo4j.hypergradient;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HypergradientDescentTest {
    /** An ill-scaled quadratic 0.5 * sum a_i x_i^2. */
    private static final double[] CURVATURE = {1, 3, 10};

    private static double loss(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += 0.5 * CURVATURE[i] * x[i] * x[i];
        }
        return s;
    }

    private static double[] gradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            g[i] = CURVATURE[i] * x[i];
        }
        return g;
    }

    private static double[] start() {
        return new double[] {5, -4, 3};
    }

    private static double fixedRate(double lr, int steps) {
        double[] x = start();
        for (int t = 0; t < steps; t++) {
            double[] g = gradient(x);
            for (int i = 0; i < x.length; i++) {
                x[i] -= lr * g[i];
            }
        }
        return loss(x);
    }

    @Test
    void learningRateGrowsFromATooSmallStartAndTheLossFallsFaster() {
        HypergradientDescent hd = HypergradientDescent.sgd(1e-3).hypergradientRate(1e-5).build();
        double[] x = start();
        for (int t = 0; t < 200; t++) {
            hd.step(x, gradient(x));
        }
        assertTrue(hd.learningRate() > 0.02, "learning rate " + hd.learningRate());
        // stays below the stability limit 2 / max curvature
        assertTrue(hd.learningRate() < 0.2, "learning rate " + hd.learningRate());
        double adapted = loss(x);
        double fixed = fixedRate(1e-3, 200);
        assertTrue(adapted < 0.01 * fixed, "adapted " + adapted + " vs fixed " + fixed);
    }

    @Test
    void aTooLargeRateShrinks() {
        // 0.25 > 2 / 10: fixed-rate SGD diverges along the steepest axis
        HypergradientDescent hd = HypergradientDescent.sgd(0.25).hypergradientRate(1e-4).build();
        double[] x = start();
        for (int t = 0; t < 300; t++) {
            hd.step(x, gradient(x));
        }
        assertTrue(hd.learningRate() < 0.2, "learning rate " + hd.learningRate());
        assertTrue(loss(x) < 1e-3, "loss " + loss(x));
        assertTrue(fixedRate(0.25, 300) > 1e6);
    }

    @Test
    void updateFollowsTheRuleExactly() {
        HypergradientDescent hd = HypergradientDescent.sgd(0.1).hypergradientRate(0.01).build();
        assertEquals(0.1, hd.update(new double[] {1, 2}));
        assertArrayEquals(new double[] {1, 2}, hd.direction());
        // 0.1 + 0.01 * (3*1 + (-1)*2)
        assertEquals(0.11, hd.update(new double[] {3, -1}), 1e-15);
        assertEquals(2, hd.steps());
    }

    @Test
    void multiplicativeRuleAndBoundsWork() {
        HypergradientDescent hd = HypergradientDescent.sgd(0.1).hypergradientRate(0.5).multiplicative(true)
                .bounds(0.01, 0.12).build();
        hd.update(new double[] {1, 0});
        // cosine 1: 0.1 * 1.5 = 0.15, capped at 0.12
        assertEquals(0.12, hd.update(new double[] {2, 0}), 1e-15);
        // cosine -1: 0.12 * 0.5
        assertEquals(0.06, hd.update(new double[] {-1, 0}), 1e-15);
    }

    @Test
    void adamVariantAdaptsAndConverges() {
        HypergradientDescent hd = HypergradientDescent.adam(1e-3).hypergradientRate(1e-4).build();
        double[] x = start();
        for (int t = 0; t < 1000; t++) {
            hd.step(x, gradient(x));
        }
        assertTrue(hd.learningRate() > 1e-3, "learning rate " + hd.learningRate());
        double[] y = start();
        HypergradientDescent plainAdam = HypergradientDescent.adam(1e-3).hypergradientRate(0).build();
        for (int t = 0; t < 1000; t++) {
            plainAdam.step(y, gradient(y));
        }
        assertEquals(1e-3, plainAdam.learningRate());
        assertTrue(loss(x) < 0.1 * loss(y), "adapted " + loss(x) + " vs fixed " + loss(y));
    }

    @Test
    void badInputIsNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HypergradientDescent.sgd(-1))
                .getMessage().contains("initialRate"));
        HypergradientDescent hd = HypergradientDescent.sgd(0.1).build();
        hd.update(new double[] {1, 2});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> hd.update(new double[] {1}))
                .getMessage().contains("gradient"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> hd.update(new double[] {1, Double.NaN}))
                .getMessage().contains("gradient[1]"));
    }
}
