package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.tpe.TreeParzenEstimator;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WarmStartTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(FloatParameter.uniform("y", 0, 1))
            .build();
    private static final Fidelity SETTINGS_FIDELITY = new Fidelity(1, 27);
    private static final long SETTINGS_SEED = 7;

    private static Configuration at(double x, double y) {
        return SPACE.configuration(Map.of("x", x, "y", y));
    }

    /** A bowl with its minimum at (0.85, 0.85), far from the prior's centre. */
    private static double bowl(Configuration c) {
        double dx = c.getDouble("x") - 0.85;
        double dy = c.getDouble("y") - 0.85;
        return dx * dx + dy * dy;
    }

    /** 40 earlier evaluations of the bowl at budget 27, drawn uniformly with their own seed. */
    private static List<PriorObservation> priors(long seed) {
        MersenneTwister r = new MersenneTwister(seed + 1000);
        List<PriorObservation> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Configuration c = SPACE.sample(r::nextDouble);
            out.add(new PriorObservation(c, 27, bowl(c)));
        }
        return out;
    }

    @Test
    void seedsAreAskedFirstAtTheFullBudgetThenTheDelegateRenumbered() {
        List<Configuration> seeds = List.of(at(0.1, 0.2), at(0.3, 0.4));
        WarmStart w = new WarmStart(new Hyperband(SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), seeds, 27, List.of(), 0.5);
        Job first = w.ask().jobToRun().orElseThrow();
        Job second = w.ask().jobToRun().orElseThrow();
        Job third = w.ask().jobToRun().orElseThrow();
        assertEquals(seeds.get(0), first.configuration());
        assertEquals(seeds.get(1), second.configuration());
        assertEquals(List.of(0, 1, 2), List.of(first.id(), second.id(), third.id()));
        assertEquals(27.0, first.budget());
        assertEquals(new Job.ConfigId(-1, 0, 1), second.configId());
        // Hyperband's first bracket starts at its smallest budget
        assertEquals(1.0, third.budget());
        w.tell(third, Result.of(1));
        w.tell(first, Result.of(0.5));
        assertThrows(IllegalArgumentException.class, () -> w.tell(first, Result.of(0.5)));
    }

    @Test
    void aFinishedDelegateIsFinishedOnlyAfterTheSeedsCameBack() {
        WarmStart w = new WarmStart(new org.hpo4j.optimizer.grid.GridSearch(SearchSpace.builder()
                .add(org.hpo4j.space.CategoricalParameter.of("c", List.of("a", "b"))).build(), SETTINGS_FIDELITY, SETTINGS_SEED),
                List.of(), 27, List.of(), 0.5);
        Job a = w.ask().jobToRun().orElseThrow();
        Job b = w.ask().jobToRun().orElseThrow();
        w.tell(a, Result.of(1));
        w.tell(b, Result.of(2));
        assertTrue(w.isFinished());
        assertTrue(w.ask().jobToRun().isEmpty());
    }

    @Test
    void sameSeedSamePriorsSameJobs() {
        List<Configuration> seeds = List.of(at(0.9, 0.9));
        List<List<Configuration>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            WarmStart w = new WarmStart(new TreeParzenEstimator(SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), seeds, 27, priors(3), 0.5);
            List<Configuration> asked = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                Job j = w.ask().jobToRun().orElseThrow();
                asked.add(j.configuration());
                w.tell(j, Result.of(bowl(j.configuration())));
            }
            runs.add(asked);
        }
        assertEquals(runs.get(0), runs.get(1));
    }

    static java.util.stream.Stream<String> names() {
        return Optimizers.names().stream();
    }

    /** Drives a warm-started optimizer with two jobs outstanding at a time, answering in reverse. */
    private static List<Job> drive(Optimizer o, int count) {
        List<Job> asked = new ArrayList<>();
        java.util.ArrayDeque<Job> running = new java.util.ArrayDeque<>();
        while (asked.size() < count && !o.isFinished()) {
            while (running.size() < 2 && asked.size() < count) {
                Job j = o.ask().jobToRun().orElse(null);
                if (j == null) {
                    break;
                }
                asked.add(j);
                running.push(j);
            }
            if (running.isEmpty()) {
                break;
            }
            Job done = running.pop();
            o.tell(done, Result.of(bowl(done.configuration()) + done.budget() * 1e-3));
        }
        return asked;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyRegisteredOptimizerCanBeWarmStartedDeterministically(String name) {
        List<Configuration> seeds = List.of(at(0.8, 0.8), at(0.9, 0.9));
        List<List<Job>> runs = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            WarmStart w = new WarmStart(Optimizers.create(name, SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), seeds, 27, priors(2), 0.5);
            runs.add(drive(w, 40));
        }
        List<Job> jobs = runs.get(0);
        assertEquals(jobs, runs.get(1), name);
        assertEquals(seeds, List.of(jobs.get(0).configuration(), jobs.get(1).configuration()));
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(i, jobs.get(i).id(), name + ": ids must stay 0, 1, 2, ...");
        }
        assertTrue(jobs.size() > 2, name + " handed out nothing after the seeds");
    }

    @Test
    void aWeightOutsideTheUnitIntervalIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> new WarmStart(new RandomSearch(SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), List.of(), 27, List.of(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> new WarmStart(new RandomSearch(SPACE, SETTINGS_FIDELITY, SETTINGS_SEED), List.of(), 27, List.of(), 1.5));
    }

    /** Mean distance to the bowl's minimum of the first {@code n} configurations an optimizer proposes. */
    private static double meanDistance(Optimizer o, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            Job j = o.ask().jobToRun().orElseThrow();
            sum += Math.sqrt(bowl(j.configuration()));
            o.tell(j, Result.of(bowl(j.configuration())));
        }
        return sum / n;
    }

    private static void assertPriorsPull(ToDoubleFunction<Long> withPriors, ToDoubleFunction<Long> without) {
        int seeds = 12;
        int closer = 0;
        double sumWith = 0;
        double sumWithout = 0;
        for (long seed = 0; seed < seeds; seed++) {
            double a = withPriors.applyAsDouble(seed);
            double b = without.applyAsDouble(seed);
            sumWith += a;
            sumWithout += b;
            if (a < b) {
                closer++;
            }
        }
        assertTrue(closer >= seeds * 3 / 4, closer + " of " + seeds + " seeds closer with priors");
        assertTrue(sumWith < 0.7 * sumWithout, "mean distance " + sumWith / seeds + " with priors, "
                + sumWithout / seeds + " without");
    }

    @Test
    void priorsPullTpeTowardsTheirGoodRegion() {
        assertPriorsPull(seed -> {
            TreeParzenEstimator t = new TreeParzenEstimator(SPACE, SETTINGS_FIDELITY, seed);
            t.warmStart(priors(seed), 0.5);
            return meanDistance(t, 10);
        }, seed -> meanDistance(new TreeParzenEstimator(SPACE, SETTINGS_FIDELITY, seed), 10));
    }

    @Test
    void priorsPullBohbTowardsTheirGoodRegion() {
        assertPriorsPull(seed -> {
            Bohb b = new Bohb(SPACE, SETTINGS_FIDELITY, seed);
            b.warmStart(priors(seed), 0.5);
            return meanDistance(b, 20);
        }, seed -> meanDistance(new Bohb(SPACE, SETTINGS_FIDELITY, seed), 20));
    }

    @Test
    void priorsPullTheGaussianProcessTowardsTheirGoodRegion() {
        assertPriorsPull(seed -> {
            org.hpo4j.optimizer.gp.GpOptimizer g = new org.hpo4j.optimizer.gp.GpOptimizer(SPACE, SETTINGS_FIDELITY, seed);
            g.warmStart(priors(seed), 0.5);
            return meanDistance(g, 6);
        }, seed -> meanDistance(new org.hpo4j.optimizer.gp.GpOptimizer(SPACE, SETTINGS_FIDELITY, seed), 6));
    }

    @Test
    void priorsPullAsyncBohbButAshaIgnoresThem() {
        assertPriorsPull(seed -> {
            var b = org.hpo4j.optimizer.async.AsyncSuccessiveHalving.bohb(SPACE, SETTINGS_FIDELITY, seed);
            b.warmStart(priors(seed), 0.5);
            return meanDistance(b, 20);
        }, seed -> meanDistance(org.hpo4j.optimizer.async.AsyncSuccessiveHalving.bohb(SPACE, SETTINGS_FIDELITY, seed), 20));
        var asha = org.hpo4j.optimizer.async.AsyncSuccessiveHalving.asha(SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        asha.warmStart(priors(1), 0.5);
        var plain = org.hpo4j.optimizer.async.AsyncSuccessiveHalving.asha(SPACE, SETTINGS_FIDELITY, SETTINGS_SEED);
        for (int i = 0; i < 5; i++) {
            assertEquals(plain.ask().jobToRun().orElseThrow(), asha.ask().jobToRun().orElseThrow());
        }
    }

    @Test
    void aLowerWeightPullsLess() {
        // the same priors at weight 1 give TPE's good density more mass at the prior's optimum than at 0.05
        double strong = 0;
        double weak = 0;
        for (long seed = 0; seed < 12; seed++) {
            TreeParzenEstimator a = new TreeParzenEstimator(SPACE, SETTINGS_FIDELITY, seed);
            a.warmStart(priors(seed), 1.0);
            strong += meanDistance(a, 10);
            TreeParzenEstimator b = new TreeParzenEstimator(SPACE, SETTINGS_FIDELITY, seed);
            b.warmStart(priors(seed), 0.05);
            weak += meanDistance(b, 10);
        }
        assertFalse(strong > weak, "weight 1: " + strong / 12 + ", weight 0.05: " + weak / 12);
    }
}
