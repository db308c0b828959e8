package org.hpo4j.curves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.random.MersenneTwister;
import org.junit.jupiter.api.Test;

class LearningCurveModelTest {
    private static double[] steps(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    private static double[] values(double[] steps, DoubleUnaryOperator curve, double noise, long seed) {
        MersenneTwister r = new MersenneTwister(seed);
        double[] v = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            v[i] = curve.applyAsDouble(steps[i]) + noise * r.nextGaussian();
        }
        return v;
    }

    @Test
    void recoversAnExactPowerLaw() {
        double[] x = steps(15);
        double[] y = values(x, s -> 0.1 + 0.9 * Math.pow(s, -0.7), 0, 1);
        CurveFit fit = LearningCurveModel.fit(CurveFamily.POW3, x, y);
        assertNotNull(fit);
        assertEquals(0.1, fit.parameters()[0], 1e-4);
        assertEquals(0.9, fit.parameters()[1], 1e-4);
        assertEquals(0.7, Math.exp(fit.parameters()[2]), 1e-4);
        assertEquals(0.1 + 0.9 * Math.pow(100, -0.7), fit.value(100), 1e-4);
    }

    @Test
    void everyFamilyFitsItsOwnCurve() {
        double[] x = steps(20);
        double[][] truths = {
                {0.1, 0.9, Math.log(0.7)},
                {0.2, 0.8, Math.log(0.15)},
                {0.05, 1.0},
                {1.0, Math.log(5), Math.log(1.2)},
                {0.1, 1.0, Math.log(0.2), Math.log(1.3)},
                {0.1, 1.0, Math.log(0.1), Math.log(0.8)},
        };
        CurveFamily[] families = CurveFamily.values();
        for (int f = 0; f < families.length; f++) {
            CurveFamily family = families[f];
            double[] truth = truths[f];
            double[] y = values(x, s -> family.value(s, truth), 0, 1);
            CurveFit fit = LearningCurveModel.fit(family, x, y);
            assertNotNull(fit, family.name());
            assertEquals(family.value(60, truth), fit.value(60), 1e-3, family.name());
        }
    }

    @Test
    void extrapolatesANoisyCurveWithHonestUncertainty() {
        double[] x = steps(25);
        DoubleUnaryOperator curve = s -> 0.1 + 0.9 * Math.pow(s, -0.7);
        double truth = curve.applyAsDouble(100);
        int covered = 0;
        for (int seed = 0; seed < 10; seed++) {
            Prediction p = new LearningCurveModel().predict(x, values(x, curve, 0.005, seed), 100);
            assertFalse(p.isEmpty());
            assertEquals(1.0, java.util.Arrays.stream(p.weights()).sum(), 1e-9);
            assertEquals(truth, p.mean(), 0.05, "seed " + seed);
            if (Math.abs(p.mean() - truth) < 2 * p.sd()) {
                covered++;
            }
        }
        assertTrue(covered >= 7, "the truth lay within two standard deviations in " + covered + " of 10 runs");
    }

    @Test
    void probabilitiesFollowThePrediction() {
        double[] x = steps(20);
        Prediction p = new LearningCurveModel(EnumSet.of(CurveFamily.EXP3))
                .predict(x, values(x, s -> 0.3 + 0.5 * Math.exp(-0.2 * s), 0.002, 3), 80);
        assertEquals(0.3, p.mean(), 0.01);
        assertTrue(p.probabilityBelow(0.2) < 0.01);
        assertTrue(p.probabilityBelow(0.4) > 0.99);
        assertEquals(1, p.probabilityBelow(0.35) + p.probabilityAbove(0.35), 1e-12);
    }

    @Test
    void tooFewPointsPredictNothing() {
        Prediction p = new LearningCurveModel().predict(new double[] {1, 2}, new double[] {1, 0.5}, 10);
        assertTrue(p.isEmpty());
        assertTrue(Double.isNaN(p.mean()));
    }

    @Test
    void badInputIsNamed() {
        LearningCurveModel m = new LearningCurveModel();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.predict(new double[] {1, 2}, new double[] {1}, 5)).getMessage().contains("values"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.predict(new double[] {1, 1}, new double[] {1, 2}, 5)).getMessage().contains("steps[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.predict(new double[] {1, 2}, new double[] {1, Double.NaN}, 5)).getMessage().contains("values[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> m.predict(new double[] {1, 2}, new double[] {1, 2}, 1.5)).getMessage().contains("finalStep"));
    }
}
