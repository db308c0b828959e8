package org.hpo4j.benchmarks.hard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.random.Well19937c;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.ProblemAnalysis;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.benchmarks.misleading.TrainingCurve;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

/**
 * The definitions of the hard problems: each optimum recomputed (enumeration of the integers and
 * categoricals, the continuous parameters at their analytic best, by golden section or pattern
 * search), the difficulty each problem is about, determinism given the evaluation's random stream,
 * and the budget behaviour.
 */
class HardProblemsTest {
    private static final double EPOCHS = 81;

    @Test
    void theGroupIsHeldOutOfAllAndEveryProblemIsSeededAndChecksItsBudget() {
        List<String> hard = Problems.names(Problems.Group.HARD);
        assertEquals(List.of("noisy-training", "sparse-30d", "categorical-heavy", "late-breakthrough", "diverging-training"),
                hard);
        assertEquals(hard, Problems.expand("hard"));
        for (String name : hard) {
            assertFalse(Problems.names().contains(name), name + " is not a problem of record");
            BenchmarkProblem p = Problems.byName(name);
            assertEquals(name, p.name());
            assertEquals(81, p.maxBudget(), 0.0);
            assertEquals(1, p.minBudget(), 0.0);
            Well19937c random = new Well19937c(5);
            for (int i = 0; i < 50; i++) {
                Configuration c = p.space().sample(random::nextDouble);
                for (double budget : new double[] {1, 3, 9, 27, 81}) {
                    double a = p.evaluate(c, budget, new SplittableRandom(11));
                    assertEquals(a, p.evaluate(c, budget, new SplittableRandom(11)), 0.0, name + ": same stream, same value");
                }
                assertTrue(p.regret(c) >= 0, name + ": no configuration beats the optimum, " + c);
                double atFull = p.evaluate(c, EPOCHS, null);
                if (Double.isNaN(atFull)) {
                    // a run that diverged leaves an untrained network
                    assertEquals("diverging-training", name, "only diverging-training fails: " + c);
                    assertEquals(TrainingCurve.START, p.trueValue(c), 0.0);
                } else {
                    assertEquals(p.trueValue(c), atFull, 0.0, name + ": noise-free at the full budget");
                }
            }
            Configuration c = p.space().sample(random::nextDouble);
            assertThrows(IllegalArgumentException.class, () -> p.evaluate(c, 0.5, new SplittableRandom(1)), name);
            assertThrows(IllegalArgumentException.class, () -> p.evaluate(c, 82, new SplittableRandom(1)), name);
        }
    }

    @Test
    void noisyTrainingOptimumAndNoiseAsLargeAsTheDifferencesBetweenGoodConfigurations() {
        double best = Double.POSITIVE_INFINITY;
        long bestWidth = 0;
        for (long width = 16; width <= 1024; width++) {
            double v = NoisyTraining.value(0.01, 0.9, width, 0.3, EPOCHS);
            if (v < best) {
                best = v;
                bestWidth = width;
            }
        }
        assertEquals(NoisyTraining.OPTIMUM, best, 1e-15);
        assertEquals(256, bestWidth);
        BenchmarkProblem p = Problems.byName("noisy-training");
        // the same effective step through another momentum is as good
        for (double momentum : new double[] {0, 0.5, 0.9}) {
            Configuration c = p.space().configuration(Map.of("lr", 0.1 * (1 - momentum), "momentum", momentum, "width", 256L,
                    "dropout", 0.3));
            assertEquals(0, p.regret(c), 1e-14);
        }
        // observations scatter around the true value with the problem's noise, at every budget
        Configuration c = p.space().configuration(Map.of("lr", 0.003, "momentum", 0.5, "width", 64L, "dropout", 0.1));
        for (double budget : new double[] {1, 81}) {
            SplittableRandom r = new SplittableRandom(3);
            double sum = 0;
            double squares = 0;
            int n = 4000;
            for (int i = 0; i < n; i++) {
                double e = p.evaluate(c, budget, r) - p.evaluate(c, budget, null);
                sum += e;
                squares += e * e;
            }
            assertEquals(0, sum / n, 1e-3, "noise mean at " + budget);
            assertEquals(NoisyTraining.NOISE, Math.sqrt(squares / n), 1e-3, "noise sd at " + budget);
        }
        // the best tenth of random configurations spans less than the noise: one observation cannot rank them
        double[] regrets = new double[4000];
        Well19937c random = new Well19937c(0);
        for (int i = 0; i < regrets.length; i++) {
            regrets[i] = p.regret(p.space().sample(random::nextDouble));
        }
        Arrays.sort(regrets);
        double tenth = regrets[regrets.length / 10];
        assertTrue(tenth - regrets[0] < NoisyTraining.NOISE, "spread of the best tenth " + (tenth - regrets[0]));
        assertTrue(tenth > NoisyTraining.NOISE / 4, "the best tenth is not all equal: " + tenth);
        // every budget ranks the noise-free values as the full one does: the difficulty is the noise
        double[][] agreement = ProblemAnalysis.agreement(p, new double[] {1, 3, 9, 27});
        for (double[] atBudget : agreement) {
            assertTrue(atBudget[0] > 0.99, "rank correlation " + atBudget[0]);
        }
    }

    @Test
    void divergingTrainingOptimumLiesJustBelowTheStepsThatDivergeAndThoseLookBestEarly() {
        // per width the best step is 0.7 of the stable one; golden section on log10(step) confirms it
        double best = Double.POSITIVE_INFINITY;
        long bestWidth = 0;
        for (long width = 16; width <= 1024; width++) {
            long w = width;
            double lo = -4;
            double hi = Math.log10(DivergingTraining.stableStep(width));
            for (int i = 0; i < 200; i++) {
                double m1 = hi - 0.618 * (hi - lo);
                double m2 = lo + 0.618 * (hi - lo);
                if (DivergingTraining.value(Math.pow(10, m1), 0, w, 0.2, EPOCHS)
                        < DivergingTraining.value(Math.pow(10, m2), 0, w, 0.2, EPOCHS)) {
                    hi = m2;
                } else {
                    lo = m1;
                }
            }
            double v = DivergingTraining.value(Math.pow(10, lo), 0, width, 0.2, EPOCHS);
            if (v < best) {
                best = v;
                bestWidth = width;
            }
        }
        assertEquals(DivergingTraining.OPTIMUM, best, 1e-12);
        assertEquals(1024, bestWidth);
        // the same step through momentum is as good, and a step 1.2 times the stable one diverges by the full budget
        double stable = DivergingTraining.stableStep(1024);
        assertEquals(DivergingTraining.OPTIMUM, DivergingTraining.value(0.7 * stable * 0.1, 0.9, 1024, 0.2, EPOCHS), 1e-12);
        assertTrue(Double.isNaN(DivergingTraining.value(1.2 * stable, 0, 1024, 0.2, EPOCHS)));
        assertFalse(Double.isNaN(DivergingTraining.value(1.2 * stable, 0, 1024, 0.2, 27)), "it trains until epoch 47");
        BenchmarkProblem p = Problems.byName("diverging-training");
        Well19937c random = new Well19937c(4);
        int n = 4000;
        List<Configuration> sample = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            sample.add(p.space().sample(random::nextDouble));
        }
        long diverged = sample.stream().filter(c -> Double.isNaN(p.evaluate(c, EPOCHS, null))).count();
        assertTrue(diverged > 0.1 * n && diverged < 0.15 * n, diverged + " of " + n + " diverge by the full budget");
        // at one epoch most of the best tenth are runs that will diverge
        List<Configuration> atOne = sample.stream().filter(c -> !Double.isNaN(p.evaluate(c, 1, null)))
                .sorted(java.util.Comparator.comparingDouble(c -> p.evaluate(c, 1, null))).toList();
        List<Configuration> tenth = atOne.subList(0, atOne.size() / 10);
        long doomed = tenth.stream().filter(c -> Double.isNaN(p.evaluate(c, EPOCHS, null))).count();
        assertTrue(doomed > 0.6 * tenth.size(), doomed + " of the best tenth at one epoch diverge by 81");
    }

    @Test
    void randomFailuresFailTheirShareWhateverTheConfigurationAndRefuseABadRate() {
        BenchmarkProblem branin = Problems.byName("branin-mf");
        RandomFailures failing = new RandomFailures(branin, 0.15);
        Well19937c random = new Well19937c(8);
        SplittableRandom stream = new SplittableRandom(3);
        int failed = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            Configuration c = branin.space().sample(random::nextDouble);
            double v = failing.evaluate(c, branin.maxBudget(), stream);
            if (Double.isNaN(v)) {
                failed++;
            } else {
                assertEquals(branin.trueValue(c), failing.trueValue(c), 0.0);
            }
        }
        assertEquals(0.15, failed / (double) n, 0.02);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RandomFailures(branin, 1));
        assertTrue(e.getMessage().contains("rate 1.0"), e.getMessage());
    }

    @Test
    void sparseHartmannOptimumAndOnlyThreeParametersMatter() {
        PointValuePair refined = new SimplexOptimizer(1e-15, 1e-15).optimize(new MaxEval(100_000),
                new ObjectiveFunction(y -> SparseHartmann.value(y, 1)), GoalType.MINIMIZE,
                new InitialGuess(new double[] {0.114614, 0.555649, 0.852547}), new NelderMeadSimplex(3, 1e-3));
        double[] x = refined.getPoint();
        double v = refined.getValue();
        assertEquals(SparseHartmann.OPTIMUM, v, 1e-12);
        BenchmarkProblem p = Problems.byName("sparse-30d");
        assertEquals(30, p.space().size());
        Well19937c random = new Well19937c(2);
        double bestRandom = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 20000; i++) {
            bestRandom = Math.min(bestRandom, p.regret(p.space().sample(random::nextDouble)));
        }
        assertTrue(bestRandom > 0, "20,000 random configurations reach " + bestRandom);
        // the other 27 change nothing, at any budget; the three do
        Configuration base = p.space().sample(random::nextDouble);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> values = new HashMap<>(p.space().sample(random::nextDouble).asMap());
            for (String name : SparseHartmann.RELEVANT) {
                values.put(name, base.get(name));
            }
            Configuration other = p.space().configuration(values);
            for (double budget : new double[] {1, 9, 81}) {
                assertEquals(p.evaluate(base, budget, null), p.evaluate(other, budget, null), 0.0);
            }
        }
        for (String name : SparseHartmann.RELEVANT) {
            Map<String, Object> values = new HashMap<>(base.asMap());
            values.put(name, (base.getDouble(name) + 0.5) % 1);
            assertNotEquals(p.trueValue(base), p.trueValue(p.space().configuration(values)), name);
        }
        // smaller budgets raise every value (alpha lowered) and keep the argmin
        double[] optimum = x;
        assertTrue(SparseHartmann.value(optimum, 1.0 / 81) > SparseHartmann.OPTIMUM + 0.05);
    }

    /** {value, optimizer, normalization, activation, schedule, augmentation, layers} of categorical-heavy's best at {@code epochs}. */
    private static Object[] categoricalArgmin(BenchmarkProblem p, double epochs, List<String> optimizers) {
        Object[] best = {Double.POSITIVE_INFINITY};
        Map<String, Double> bestLr = Map.of("sgd", 0.1, "adam", 1e-3, "rmsprop", 3e-4, "adagrad", 1e-2);
        for (String optimizer : optimizers) {
            for (String normalization : CategoricalHeavy.NORMALIZATIONS) {
                for (String activation : CategoricalHeavy.ACTIVATIONS) {
                    for (String schedule : List.of("constant", "step", "cosine")) {
                        for (String augmentation : List.of("none", "mixup", "cutout")) {
                            for (long layers = 1; layers <= 6; layers++) {
                                for (boolean flag : new boolean[] {false, true}) {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("optimizer", optimizer);
                                    switch (optimizer) {
                                        case "sgd" -> {
                                            m.put("momentum", 0.9);
                                            m.put("nesterov", flag);
                                        }
                                        case "adam" -> {
                                            m.put("beta1", 0.9);
                                            m.put("amsgrad", flag);
                                        }
                                        case "rmsprop" -> m.put("rho", 0.9);
                                        default -> { }
                                    }
                                    m.put("lr", bestLr.get(optimizer) * (normalization.equals("batch") ? 3 : 1));
                                    m.put("normalization", normalization);
                                    m.put("activation", activation);
                                    m.put("layers", layers);
                                    m.put("schedule", schedule);
                                    if (schedule.equals("step")) {
                                        m.put("step_gamma", 0.3);
                                    } else if (schedule.equals("cosine")) {
                                        m.put("warmup_fraction", 0.05);
                                    }
                                    m.put("augmentation", augmentation);
                                    if (augmentation.equals("mixup")) {
                                        m.put("mixup_alpha", 0.2);
                                    }
                                    for (long size = 2; size <= 16; size++) {
                                        if (augmentation.equals("cutout")) {
                                            m.put("cutout_size", size);
                                        } else if (size > 2) {
                                            break;
                                        }
                                        double v = p.evaluate(p.space().configuration(m), epochs, null);
                                        if (v < (Double) best[0]) {
                                            best = new Object[] {v, optimizer, normalization, activation, schedule,
                                                    augmentation, layers, m.get("cutout_size"), flag};
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return best;
    }

    @Test
    void categoricalHeavyOptimumAndTheSwitchesInteract() {
        BenchmarkProblem p = Problems.byName("categorical-heavy");
        Object[] full = categoricalArgmin(p, EPOCHS, CategoricalHeavy.OPTIMIZERS);
        assertEquals(CategoricalHeavy.OPTIMUM, (Double) full[0], 1e-15);
        assertEquals(List.of("sgd", "batch", "relu", "cosine", "cutout", 3L, 8L, true), Arrays.asList(full).subList(1, 9));
        // one switch at a time misleads: averaged over normalization and activation (the rest at
        // its best), adam is the best optimizer, and without batch normalization sgd is the worst but one
        Map<String, Double> mean = new LinkedHashMap<>();
        for (String optimizer : CategoricalHeavy.OPTIMIZERS) {
            double sum = 0;
            for (String normalization : CategoricalHeavy.NORMALIZATIONS) {
                for (String activation : CategoricalHeavy.ACTIVATIONS) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("optimizer", optimizer);
                    m.put("momentum", 0.9);
                    m.put("nesterov", true);
                    m.put("beta1", 0.9);
                    m.put("amsgrad", false);
                    m.put("rho", 0.9);
                    m.put("lr", Map.of("sgd", 0.1, "adam", 1e-3, "rmsprop", 3e-4, "adagrad", 1e-2).get(optimizer)
                            * (normalization.equals("batch") ? 3 : 1));
                    m.put("normalization", normalization);
                    m.put("activation", activation);
                    m.put("layers", 3L);
                    m.put("schedule", "cosine");
                    m.put("warmup_fraction", 0.05);
                    m.put("augmentation", "cutout");
                    m.put("cutout_size", 8L);
                    sum += p.trueValue(p.space().complete(m));
                }
            }
            mean.put(optimizer, sum / 12);
        }
        String bestOnAverage = mean.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        assertEquals("adam", bestOnAverage, mean.toString());
        // inactive sub-parameters are absent: sgd's momentum does not exist for adam
        Configuration adam = p.space().complete(Map.of("optimizer", "adam", "schedule", "constant", "augmentation", "none"));
        assertFalse(adam.isActive("momentum"));
        assertTrue(adam.isActive("beta1"));
        // small budgets favour adam (it converges fastest)
        for (double epochs : new double[] {3, 9}) {
            assertEquals("adam", categoricalArgmin(p, epochs, CategoricalHeavy.OPTIMIZERS)[1], "at " + epochs);
        }
        // and the error falls with the budget
        Well19937c random = new Well19937c(4);
        for (int i = 0; i < 100; i++) {
            Configuration c = p.space().sample(random::nextDouble);
            double previous = Double.POSITIVE_INFINITY;
            for (double budget : new double[] {1, 3, 9, 27, 81}) {
                double v = p.evaluate(c, budget, null);
                assertTrue(v <= previous, c + " at " + budget);
                previous = v;
            }
        }
    }

    /**
     * {value, width, warm-up (1 or 0), log10 lr} of late-breakthrough's best at {@code epochs},
     * weight decay and dropout at their best, over every {@code widthStep}-th width of
     * {@code [from, to]}.
     */
    private static double[] breakthroughArgmin(double epochs, long from, long to, int widthStep) {
        double[] best = {Double.POSITIVE_INFINITY, 0, 0, 0};
        for (long width = from; width <= to; width += widthStep) {
            for (boolean warmup : new boolean[] {false, true}) {
                long w = width;
                double[] m = ProblemAnalysis.minimise(
                        g -> LateBreakthrough.value(Math.pow(10, g), w, LateBreakthrough.MIN_WEIGHT_DECAY, 0, warmup, epochs), -4, -1);
                if (m[1] < best[0]) {
                    best = new double[] {m[1], width, warmup ? 1 : 0, m[0]};
                }
            }
        }
        return best;
    }

    @Test
    void lateBreakthroughOptimumOnTheBoundaryAndSmallBudgetsFavourSmallNetworks() {
        // every eighth width, then every width around the best of those (the value is smooth in the width)
        double[] coarse = breakthroughArgmin(EPOCHS, 32, 2048, 8);
        double[] full = breakthroughArgmin(EPOCHS, Math.max(32, (long) coarse[1] - 16), Math.min(2048, (long) coarse[1] + 16), 1);
        assertEquals(LateBreakthrough.OPTIMUM, full[0], 1e-13);
        // the weight decay's and the dropout's best are the lower ends of their ranges
        double lr = Math.pow(10, full[3]);
        long width = (long) full[1];
        boolean warmup = full[2] == 1;
        for (double factor : new double[] {1.01, 2, 10}) {
            assertTrue(LateBreakthrough.value(lr, width, LateBreakthrough.MIN_WEIGHT_DECAY * factor, 0, warmup, EPOCHS)
                    > LateBreakthrough.OPTIMUM);
        }
        // a tenfold weight decay costs its 0.0025 on the floor, almost all of it at the full budget
        assertEquals(0.0025, LateBreakthrough.value(lr, width, 1e-4, 0, warmup, EPOCHS) - LateBreakthrough.OPTIMUM, 1e-4);
        assertTrue(LateBreakthrough.value(lr, width, LateBreakthrough.MIN_WEIGHT_DECAY, 0.01, warmup, EPOCHS) > LateBreakthrough.OPTIMUM);
        // at 9 and 27 epochs the best network is far narrower, and poor at the full budget
        for (double epochs : new double[] {9, 27}) {
            double[] early = breakthroughArgmin(epochs, 32, 2048, 8);
            assertTrue(early[1] < width / 3.0, "at " + epochs + " epochs the best width is " + early[1]);
            double regret = LateBreakthrough.value(Math.pow(10, early[3]), (long) early[1], LateBreakthrough.MIN_WEIGHT_DECAY, 0,
                    early[2] == 1, EPOCHS) - LateBreakthrough.OPTIMUM;
            assertTrue(regret > 0.02, "regret of the winner of " + epochs + " epochs: " + regret);
        }
        // before its breakthrough the optimum sits on the plateau
        double breakthrough = LateBreakthrough.breakthroughEpoch(lr, width, warmup);
        assertTrue(breakthrough > 27 && breakthrough < 81, "breakthrough at " + breakthrough);
        assertTrue(LateBreakthrough.value(lr, width, LateBreakthrough.MIN_WEIGHT_DECAY, 0, warmup, 27) > 0.3);
    }
}
