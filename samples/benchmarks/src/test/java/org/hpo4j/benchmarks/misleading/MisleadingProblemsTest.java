package org.hpo4j.benchmarks.misleading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.ProblemAnalysis;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The optima of the misleading-budget problems, recomputed (enumeration of the integers and
 * categoricals, the continuous parameters at their analytic best or found by golden section), and
 * the property each problem is about: the best configuration of a small budget is not the best of
 * the full one.
 */
class MisleadingProblemsTest {
    private static final double EPOCHS = TrainingCurve.MAX_EPOCHS;

    /** The argmin of slow-big-models at {@code epochs}: {layers, width, activation index}. */
    private static double[] slowBigModelsArgmin(double epochs) {
        double best = Double.POSITIVE_INFINITY;
        double[] at = null;
        List<String> activations = List.of("relu", "gelu", "tanh");
        for (int a = 0; a < 3; a++) {
            for (long layers = 1; layers <= 8; layers++) {
                for (long width = 16; width <= 2048; width++) {
                    double lr = SlowBigModels.bestLearningRate(SlowBigModels.capacity(layers, width));
                    double v = SlowBigModels.value(layers, width, lr, 1e-4, activations.get(a), epochs);
                    if (v < best) {
                        best = v;
                        at = new double[] {layers, width, a, v};
                    }
                }
            }
        }
        return at;
    }

    @Test
    void slowBigModelsOptimumAndSmallBudgetsFavourSmallModels() {
        double[] full = slowBigModelsArgmin(EPOCHS);
        assertEquals(SlowBigModels.OPTIMUM, full[3], 1e-15);
        assertEquals(4, full[0]);
        assertEquals(486, full[1]);
        BenchmarkProblem p = Problems.byName("slow-big-models");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", 4L);
        m.put("width", 486L);
        m.put("lr", SlowBigModels.bestLearningRate(SlowBigModels.capacity(4, 486)));
        m.put("weight_decay", 1e-4);
        m.put("activation", "gelu");
        Configuration best = p.space().configuration(m);
        assertEquals(0, p.regret(best), 1e-15);
        for (String key : List.of("layers", "width")) {
            for (long delta : new long[] {-1, 1}) {
                Map<String, Object> n = new LinkedHashMap<>(m);
                n.put(key, (Long) m.get(key) + delta);
                assertTrue(p.regret(p.space().configuration(n)) > 0, key + " " + delta);
            }
        }
        // at 3 and 9 epochs the best model is far smaller, and it is poor at the full budget
        for (double epochs : new double[] {3, 9}) {
            double[] small = slowBigModelsArgmin(epochs);
            assertTrue(SlowBigModels.capacity((long) small[0], (long) small[1]) < SlowBigModels.capacity(4, 486) - 3,
                    "at " + epochs + " epochs the best is " + small[0] + " x " + small[1]);
            double lr = SlowBigModels.bestLearningRate(SlowBigModels.capacity((long) small[0], (long) small[1]));
            double atFull = SlowBigModels.value((long) small[0], (long) small[1], lr, 1e-4, List.of("relu", "gelu", "tanh")
                    .get((int) small[2]), EPOCHS);
            assertTrue(atFull - SlowBigModels.OPTIMUM > 0.03, "regret of the small-budget winner " + (atFull - SlowBigModels.OPTIMUM));
        }
    }

    /** {best step, value, batch, schedule index} of crossing-curves at {@code epochs}, dropout 0.15. */
    private static double[] crossingArgmin(double epochs, long batchFrom, long batchTo) {
        double[] best = {0, Double.POSITIVE_INFINITY, 0, 0};
        List<String> schedules = List.of("constant", "step", "cosine");
        for (int s = 0; s < 3; s++) {
            for (long batch = batchFrom; batch <= batchTo; batch++) {
                long b = batch;
                String schedule = schedules.get(s);
                double[] m = ProblemAnalysis.minimise(g -> CrossingCurves.value(g, b, schedule, 0.15, epochs), -4.4, 2.4);
                if (m[1] < best[1]) {
                    best = new double[] {m[0], m[1], batch, s};
                }
            }
        }
        return best;
    }

    @Test
    void crossingCurvesOptimumAndEarlyWinnersUseLargeSteps() {
        // the batch term is a parabola in log2(batch / 64) and the step is free: batch 64 is best
        double[] full = crossingArgmin(EPOCHS, 60, 68);
        assertEquals(64, full[2]);
        assertEquals(2, full[3], "cosine");
        assertEquals(CrossingCurves.OPTIMUM, full[1], 1e-12);
        BenchmarkProblem p = Problems.byName("crossing-curves");
        double momentum = 0.9;
        // g = log10(lr / (1 - momentum)) - 0.5 log10(batch / 128), solved for lr
        double lr = Math.pow(10, full[0] + 0.5 * Math.log10(64 / 128.0)) * (1 - momentum);
        Configuration best = p.space().configuration(Map.of("lr", lr, "momentum", momentum, "batch_size", 64L,
                "schedule", "cosine", "dropout", 0.15));
        assertEquals(0, p.regret(best), 1e-12);
        // the same effective step through another momentum and learning rate is as good: a ridge
        Configuration ridge = p.space().configuration(Map.of("lr", lr / (1 - momentum) * 0.5, "momentum", 0.5,
                "batch_size", 64L, "schedule", "cosine", "dropout", 0.15));
        assertEquals(0, p.regret(ridge), 1e-12);
        for (double epochs : new double[] {1, 3, 9}) {
            double[] early = crossingArgmin(epochs, 64, 64);
            assertTrue(early[0] > full[0] + 0.8, "at " + epochs + " epochs the best step is " + early[0]);
            double regret = CrossingCurves.value(early[0], 64, "cosine", 0.15, EPOCHS) - CrossingCurves.OPTIMUM;
            assertTrue(regret > 0.01, "regret of the early winner " + regret);
        }
        // beyond divergence every budget sees the untrained error
        assertEquals(TrainingCurve.START, CrossingCurves.value(0.6, 64, "cosine", 0.15, 3), 0.0);
    }

    @Test
    void lateParameterOptimumAndWeightDecayHiddenUntilTheEnd() {
        double best = Double.POSITIVE_INFINITY;
        String bestOptimizer = null;
        long bestLayers = 0;
        long bestWidth = 0;
        Map<String, Double> bestLr = Map.of("sgd", 1e-1, "adam", 1e-3, "rmsprop", 3e-4);
        for (String optimizer : bestLr.keySet()) {
            for (long layers = 1; layers <= 6; layers++) {
                for (long width = 16; width <= 1024; width++) {
                    double v = LateParameter.value(optimizer, bestLr.get(optimizer), layers, width,
                            LateParameter.bestWeightDecay(layers, width), 0.1, EPOCHS);
                    if (v < best) {
                        best = v;
                        bestOptimizer = optimizer;
                        bestLayers = layers;
                        bestWidth = width;
                    }
                }
            }
        }
        assertEquals(LateParameter.OPTIMUM, best, 1e-15);
        assertEquals("adam", bestOptimizer);
        assertEquals(3, bestLayers);
        assertEquals(128, bestWidth);
        double wd = LateParameter.bestWeightDecay(3, 128);
        BenchmarkProblem p = Problems.byName("late-parameter");
        Configuration c = p.space().configuration(Map.of("optimizer", "adam", "lr", 1e-3, "layers", 3L, "width", 128L,
                "weight_decay", wd, "label_smoothing", 0.1));
        assertEquals(0, p.regret(c), 1e-15);
        // the overfitting term at 27 epochs is 1/81 of its full size: a tenfold weight decay costs
        // less than the noise there, 0.06 at 81
        double overfitting27 = 0.06 / 81;
        assertTrue(overfitting27 < TrainingCurve.NOISE);
        assertEquals(0.06, LateParameter.value("adam", 1e-3, 3, 128, 10 * wd, 0.1, EPOCHS) - LateParameter.OPTIMUM, 1e-12);
        // a tenfold too weak weight decay looks better than the best one at 1, 3, 9 and 27 epochs, and loses 0.06 at 81
        for (double epochs : new double[] {1, 3, 9, 27}) {
            double weak = LateParameter.value("adam", 1e-3, 3, 128, wd / 10, 0.1, epochs);
            double right = LateParameter.value("adam", 1e-3, 3, 128, wd, 0.1, epochs);
            assertTrue(weak < right, "at " + epochs + ": " + weak + " vs " + right);
        }
        assertEquals(0.06, LateParameter.value("adam", 1e-3, 3, 128, wd / 10, 0.1, EPOCHS) - LateParameter.OPTIMUM, 1e-12);
    }

    @Test
    void observationsAreNoisyAroundTheTrueValueAndSeeded() {
        for (String name : Problems.names(Problems.Group.MISLEADING)) {
            BenchmarkProblem p = Problems.byName(name);
            assertTrue(p.space().parameters().stream().anyMatch(q -> q instanceof CategoricalParameter), name + " has a categorical");
            Configuration c = p.space().sample(new org.apache.commons.math3.random.Well19937c(1)::nextDouble);
            double a = p.evaluate(c, EPOCHS, new SplittableRandom(7));
            double b = p.evaluate(c, EPOCHS, new SplittableRandom(7));
            assertEquals(a, b, 0.0, name + ": same stream, same observation");
            double sum = 0;
            double squares = 0;
            int n = 2000;
            SplittableRandom r = new SplittableRandom(3);
            for (int i = 0; i < n; i++) {
                double e = p.evaluate(c, EPOCHS, r) - p.trueValue(c);
                sum += e;
                squares += e * e;
            }
            assertEquals(0, sum / n, 1e-4, name + " noise mean");
            assertEquals(TrainingCurve.NOISE, Math.sqrt(squares / n), 1e-4, name + " noise sd");
            assertEquals(81, p.maxBudget(), 0.0);
            assertEquals(1, p.minBudget(), 0.0);
        }
    }

    @Test
    void smallBudgetsDisagreeWithTheFullOneAboutTheBestConfigurations() {
        double[] budgets = {1, 3, 9, 27};
        // slow-big-models: no rank agreement at 1 and 3 epochs, no shared best tenth up to 9
        double[][] slow = ProblemAnalysis.agreement(Problems.byName("slow-big-models"), budgets);
        assertTrue(Math.abs(slow[0][0]) < 0.15 && Math.abs(slow[1][0]) < 0.15, slow[0][0] + ", " + slow[1][0]);
        for (int k = 0; k < 3; k++) {
            assertTrue(slow[k][1] < 0.03, "slow-big-models best tenth at " + budgets[k] + ": " + slow[k][1]);
        }
        assertTrue(slow[3][0] > 0.5, "27 epochs agree better: " + slow[3][0]);
        // crossing-curves: ranks agree overall (bad is bad everywhere), the best tenths do not
        double[][] crossing = ProblemAnalysis.agreement(Problems.byName("crossing-curves"), budgets);
        for (int k = 0; k < 3; k++) {
            assertTrue(crossing[k][0] > 0.8, "crossing-curves rank correlation at " + budgets[k] + ": " + crossing[k][0]);
            assertTrue(crossing[k][1] < 0.05, "crossing-curves best tenth at " + budgets[k] + ": " + crossing[k][1]);
        }
        // late-parameter: moderate agreement that grows slowly; even 27 epochs keep less than half the best tenth
        double[][] late = ProblemAnalysis.agreement(Problems.byName("late-parameter"), budgets);
        for (int k = 0; k < 4; k++) {
            assertTrue(late[k][1] < 0.5, "late-parameter best tenth at " + budgets[k] + ": " + late[k][1]);
        }
    }
}
