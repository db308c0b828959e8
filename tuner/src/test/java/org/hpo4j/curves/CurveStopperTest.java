package org.hpo4j.curves;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.annotations.Direction;
import org.junit.jupiter.api.Test;

class CurveStopperTest {
    private static final double FINAL = 100;

    private static double[] steps(int n) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i + 1;
        }
        return s;
    }

    private static double[] values(double[] steps, DoubleUnaryOperator curve) {
        MersenneTwister r = new MersenneTwister(11);
        double[] v = new double[steps.length];
        for (int i = 0; i < steps.length; i++) {
            v[i] = curve.applyAsDouble(steps[i]) + 0.003 * r.nextGaussian();
        }
        return v;
    }

    @Test
    void stopsALossCurveThatLevelsOffAboveTheIncumbent() {
        double[] x = steps(20);
        double[] y = values(x, s -> 0.5 + 0.5 * Math.exp(-0.3 * s));
        CurveStopper.Decision d = CurveStopper.defaults(Direction.MINIMIZE).decide(x, y, FINAL, 0.2);
        assertTrue(d.stop(), d.reason());
        assertTrue(d.probabilityOfImprovement() < 0.05);
        assertTrue(Math.abs(d.predictedFinal() - 0.5) < 0.05, d.reason());
    }

    @Test
    void continuesACurveHeadingBelowTheIncumbent() {
        double[] x = steps(20);
        // at step 20 still at 0.36, well above the incumbent, but heading to 0.1
        double[] y = values(x, s -> 0.1 + 0.9 * Math.pow(s, -0.5));
        CurveStopper.Decision d = CurveStopper.defaults(Direction.MINIMIZE).decide(x, y, FINAL, 0.25);
        assertFalse(d.stop(), d.reason());
        assertTrue(d.probabilityOfImprovement() > 0.5, d.reason());
    }

    @Test
    void maximizesAccuracyCurves() {
        double[] x = steps(15);
        double[] y = values(x, s -> 0.9 - 0.6 * Math.exp(-0.25 * s));
        CurveStopper stopper = CurveStopper.defaults(Direction.MAXIMIZE);
        assertTrue(stopper.decide(x, y, FINAL, 0.97).stop());
        assertFalse(stopper.decide(x, y, FINAL, 0.85).stop());
    }

    @Test
    void neverStopsWithoutEnoughEvidence() {
        CurveStopper stopper = CurveStopper.defaults(Direction.MINIMIZE);
        double[] x = steps(20);
        double[] y = values(x, s -> 0.5 + 0.5 * Math.exp(-0.3 * s));
        assertFalse(stopper.decide(x, y, FINAL, Double.NaN).stop());
        assertFalse(stopper.decide(new double[] {1, 2, 3}, new double[] {1, 0.9, 0.8}, FINAL, 0.1).stop());
        // 20 steps are less than 10% of 1000
        assertFalse(stopper.decide(x, y, 1000, 0.2).stop());
        assertFalse(stopper.decide(x, y, 20, 0.2).stop());
    }

    @Test
    void rejectsBadSettings() {
        LearningCurveModel m = new LearningCurveModel();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CurveStopper(Direction.MINIMIZE, 1.5, 5, 0.1, m)).getMessage().contains("threshold"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new CurveStopper(Direction.MINIMIZE, 0.05, 2, 0.1, m)).getMessage().contains("minPoints"));
    }

    @Test
    void savesBudgetInARandomSearchOverCurvesWithoutLosingTheBest() {
        MersenneTwister r = new MersenneTwister(5);
        CurveStopper stopper = CurveStopper.defaults(Direction.MINIMIZE);
        int configs = 20;
        double incumbent = Double.NaN;
        double bestWithoutStopping = Double.POSITIVE_INFINITY;
        int stepsUsed = 0;
        for (int c = 0; c < configs; c++) {
            double asymptote = 0.05 + 0.5 * r.nextDouble();
            double scale = 0.5 + r.nextDouble();
            double rate = 0.3 + 0.7 * r.nextDouble();
            DoubleUnaryOperator curve = s -> asymptote + scale * Math.pow(s, -rate);
            double[] all = values(steps((int) FINAL), curve);
            bestWithoutStopping = Math.min(bestWithoutStopping, all[all.length - 1]);
            int reached = (int) FINAL;
            for (int step = 10; step <= 30; step += 10) {
                double[] seen = java.util.Arrays.copyOf(all, step);
                if (stopper.decide(steps(step), seen, FINAL, incumbent).stop()) {
                    reached = step;
                    break;
                }
            }
            stepsUsed += reached;
            if (reached == FINAL) {
                double last = all[all.length - 1];
                incumbent = Double.isNaN(incumbent) ? last : Math.min(incumbent, last);
            }
        }
        assertTrue(stepsUsed < 0.5 * configs * FINAL, "steps used " + stepsUsed + " of " + configs * FINAL);
        assertTrue(incumbent <= bestWithoutStopping + 0.01, "best " + incumbent + " vs " + bestWithoutStopping);
    }
}
