package org.hpo4j.optimizer.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class AsyncSuccessiveHalvingTest {

    static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .add(IntParameter.uniform("n", 1, 10))
            .add(CategoricalParameter.of("kind", List.of("a", "b")))
            .add(FloatParameter.logUniform("lr", 1e-4, 1).when(Condition.equalTo("kind", "a")))
            .build();

    /** Budgets 1, 3, 9: ASHA has rungs 0, 1, 2. */
    static final Fidelity SMALL_FIDELITY = new Fidelity(1, 9);
    static final long SMALL_SEED = 42;

    private static Job ask(Optimizer o) {
        Optional<Job> job = o.ask().jobToRun();
        assertTrue(job.isPresent(), "ASHA must never wait");
        return job.get();
    }

    @Test
    void promotesTheBestOfTheTopThirdOnlyOnceThereAreEnoughResults() {
        AsyncSuccessiveHalving asha = AsyncSuccessiveHalving.asha(SPACE, SMALL_FIDELITY, SMALL_SEED);
        Job a = ask(asha);
        assertEquals(0, a.id());
        assertEquals(1, a.budget());
        asha.tell(a, Result.of(5));
        // one result: floor(1/3) = 0, nothing promotable, so a new configuration
        Job b = ask(asha);
        assertEquals(0, b.rung());
        assertNotEquals(a.configId(), b.configId());
        asha.tell(b, Result.of(3));
        Job c = ask(asha);
        assertEquals(0, c.rung());
        asha.tell(c, Result.of(4));
        // three results: the top one (b, value 3) is promoted to budget 3
        Job bUp = ask(asha);
        assertEquals(3, bUp.id());
        assertEquals(b.configId(), bUp.configId());
        assertEquals(b.configuration(), bUp.configuration());
        assertEquals(1, bUp.rung());
        assertEquals(3, bUp.budget());
        assertEquals(1, bUp.previousBudget());
        // c is second of three, outside the top third: a new configuration instead
        Job d = ask(asha);
        assertEquals(0, d.rung());
        asha.tell(d, Result.of(1));
        // d is now the best of four: promoted although b's promotion is still running
        Job dUp = ask(asha);
        assertEquals(d.configId(), dUp.configId());
        assertEquals(1, dUp.rung());
        Job e = ask(asha);
        assertEquals(0, e.rung());
        asha.tell(e, Result.of(2));
        // five results, top one: d (promoted), e second: not promotable yet
        Job f = ask(asha);
        assertEquals(0, f.rung());
        asha.tell(f, Result.of(6));
        // six results, top two: d and e; e is promoted
        Job eUp = ask(asha);
        assertEquals(e.configId(), eUp.configId());
        assertEquals(1, eUp.rung());

        asha.tell(bUp, Result.of(2.5));
        asha.tell(dUp, Result.of(0.5));
        Job g = ask(asha);
        assertEquals(0, g.rung(), "two results at rung 1: floor(2/3) = 0, no promotion");
        asha.tell(g, Result.of(0.1));
        // g is the best of seven at rung 0 (top two: g, d): promotable to rung 1
        asha.tell(eUp, Result.of(0.7));
        // now rung 1 has three results and d is its best: the higher rung goes first
        Job dTop = ask(asha);
        assertEquals(d.configId(), dTop.configId());
        assertEquals(2, dTop.rung());
        assertEquals(9, dTop.budget());
        assertEquals(3, dTop.previousBudget());
        Job gUp = ask(asha);
        assertEquals(g.configId(), gUp.configId());
        assertEquals(1, gUp.rung());
        // nothing is promoted from the top rung
        asha.tell(dTop, Result.of(0.4));
        assertEquals(0, ask(asha).rung());
    }

    @Test
    void failuresRankLastAndAreNeverPromoted() {
        AsyncSuccessiveHalving asha = AsyncSuccessiveHalving.asha(SPACE, SMALL_FIDELITY, SMALL_SEED);
        List<Job> failed = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Job j = ask(asha);
            assertEquals(0, j.rung(), "a failure must not be promoted");
            asha.tell(j, Result.failed("boom " + i));
            failed.add(j);
        }
        Job ok = ask(asha);
        assertEquals(0, ok.rung());
        asha.tell(ok, Result.of(100));
        // seven results, top two: the success ranks ahead of every failure despite its large value
        Job up = ask(asha);
        assertEquals(ok.configId(), up.configId());
        assertEquals(1, up.rung());
        Set<Job.ConfigId> failedIds = new HashSet<>();
        failed.forEach(j -> failedIds.add(j.configId()));
        for (int i = 0; i < 20; i++) {
            Job j = ask(asha);
            assertFalse(failedIds.contains(j.configId()), "failed configuration promoted: " + j);
            asha.tell(j, Result.of(Double.NaN)); // NaN is a failure too
        }
    }

    @Test
    void failingConfigurationsAreNeverPromotedInALongRun() {
        for (String name : List.of("async-hyperband", "async-bohb")) {
            neverPromotesAFailure(Optimizers.create(name, SPACE, new Fidelity(1, 81), 7));
        }
    }

    private static void neverPromotesAFailure(Optimizer o) {
        Set<Job.ConfigId> failedIds = new HashSet<>();
        Deque<Job> running = new ArrayDeque<>();
        for (int step = 0; step < 3000; step++) {
            while (running.size() < 8) {
                Job j = o.ask().jobToRun().orElseThrow();
                assertFalse(failedIds.contains(j.configId()), "failed configuration promoted: " + j);
                running.add(j);
            }
            Job done = step % 3 == 0 ? running.pollLast() : running.pollFirst();
            double x = done.configuration().getDouble("x");
            if (x < 0.3) {
                failedIds.add(done.configId());
                o.tell(done, Result.failed("x too small"));
            } else {
                o.tell(done, Result.of(x / done.budget()));
            }
        }
        assertFalse(failedIds.isEmpty());
    }

    /** Runs with a few jobs in flight, finishing them in an order that depends only on the jobs. */
    private static List<Job> run(Optimizer o, int jobs) {
        List<Job> handed = new ArrayList<>();
        TreeMap<Double, Job> running = new TreeMap<>();
        while (handed.size() < jobs) {
            while (running.size() < 5 && handed.size() < jobs) {
                Job j = o.ask().jobToRun().orElseThrow();
                handed.add(j);
                running.put(j.id() + j.budget() * 0.37 + j.configuration().getDouble("x"), j);
            }
            Job done = running.pollFirstEntry().getValue();
            double x = done.configuration().getDouble("x");
            o.tell(done, Result.of((x - 0.6) * (x - 0.6) + 1.0 / done.budget()));
        }
        return handed;
    }

    @Test
    void sameSeedAndSameResultsGiveTheSameJobs() {
        for (String name : List.of("asha", "async-hyperband", "async-bohb")) {
            Fidelity settingsFidelity = new Fidelity(1, 81);
            long settingsSeed = 11;
            List<Job> first = run(Optimizers.create(name, SPACE, settingsFidelity, settingsSeed), 600);
            List<Job> again = run(Optimizers.create(name, SPACE, settingsFidelity, settingsSeed), 600);
            assertEquals(first, again, name);
            assertTrue(first.stream().anyMatch(j -> j.rung() >= 2), name + " should promote");
            List<Job> other = run(Optimizers.create(name, SPACE, settingsFidelity, 12), 600);
            assertNotEquals(first, other, name);
        }
    }

    @Test
    void keepsTheContractOfEveryOptimizer() {
        for (String name : List.of("asha", "async-hyperband", "async-bohb")) {
            Fidelity settingsFidelity = new Fidelity(2, 81);
            long settingsSeed = 3;
            List<Job> jobs = run(Optimizers.create(name, SPACE, settingsFidelity, settingsSeed), 800);
            Set<Double> ladder = Set.of(3.0, 9.0, 27.0, 81.0);
            Map<Job.ConfigId, Job> last = new HashMap<>();
            for (int i = 0; i < jobs.size(); i++) {
                Job j = jobs.get(i);
                assertEquals(i, j.id(), name);
                assertTrue(j.budget() >= 2 && j.budget() <= 81, name + ": budget " + j.budget());
                assertTrue(ladder.contains(j.budget()), name + ": budget off the ladder " + j.budget());
                Configuration c = j.configuration();
                assertEquals(c, SPACE.configuration(c.asMap()), name + ": invalid configuration " + c);
                Job before = last.put(j.configId(), j);
                if (before == null) {
                    assertEquals(0, j.rung(), name);
                    assertEquals(0, j.previousBudget(), name);
                } else {
                    assertEquals(before.rung() + 1, j.rung(), name);
                    assertEquals(before.budget(), j.previousBudget(), name);
                    assertEquals(before.budget() * 3, j.budget(), 1e-9, name);
                    assertEquals(before.configuration(), c, name);
                }
            }
            assertTrue(jobs.stream().anyMatch(j -> j.budget() == 81), name + " should reach the top rung");
        }
    }

    @Test
    void refusesUnknownAndRepeatedResults() {
        AsyncSuccessiveHalving asha = AsyncSuccessiveHalving.asha(SPACE, SMALL_FIDELITY, SMALL_SEED);
        Job j = ask(asha);
        Job forged = new Job(5, j.configId(), j.configuration(), j.budget(), 0, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> asha.tell(forged, Result.of(1)));
        assertTrue(e.getMessage().contains("job 5"), e.getMessage());
        asha.tell(j, Result.of(1));
        assertThrows(IllegalArgumentException.class, () -> asha.tell(j, Result.of(1)));
    }

    @Test
    void asyncHyperbandLoopsThroughTheBracketsWithHyperbandsSizes() {
        // budgets 1..81, eta 3: Hyperband's bracket sizes 81, 34, 15, 8, 5
        Optimizer o = Optimizers.create("async-hyperband", SPACE, new Fidelity(1, 81), 5);
        List<Integer> expected = new ArrayList<>();
        int[] sizes = {81, 34, 15, 8, 5};
        double[] firstBudgets = {1, 3, 9, 27, 81};
        for (int cycle = 0; cycle < 2; cycle++) {
            for (int k = 0; k < 5; k++) {
                for (int i = 0; i < sizes[k]; i++) {
                    Job j = o.ask().jobToRun().orElseThrow();
                    assertEquals(0, j.rung());
                    assertEquals(new Job.ConfigId(cycle, 4 - k, i), j.configId());
                    assertEquals(firstBudgets[k], j.budget());
                }
            }
        }
    }

    @Test
    void cappedPromotionsNeverExceedATopFractionOfTheRung() {
        AsyncSuccessiveHalving capped = new AsyncSuccessiveHalving(HyperbandSchedule.of(SMALL_FIDELITY, HyperbandSettings.defaults()), List.of(2),
                new PriorSource(SPACE, new MersenneTwister(1)), 0, true);
        AsyncSuccessiveHalving plain = new AsyncSuccessiveHalving(HyperbandSchedule.of(SMALL_FIDELITY, HyperbandSettings.defaults()), List.of(2),
                new PriorSource(SPACE, new MersenneTwister(1)), 0, false);
        Map<AsyncSuccessiveHalving, Job> best = new HashMap<>();
        for (AsyncSuccessiveHalving o : List.of(capped, plain)) {
            for (double v : new double[] {5, 4, 3}) {
                Job j = ask(o);
                assertEquals(0, j.rung());
                o.tell(j, Result.of(v));
            }
            assertEquals(1, ask(o).rung(), "the best of three is promoted");
            Job d = ask(o);
            o.tell(d, Result.of(1));
            best.put(o, d);
        }
        // d is now the best of four: plain ASHA promotes it too (two promotions out of four results)
        Job dUp = ask(plain);
        assertEquals(best.get(plain).configId(), dUp.configId());
        assertEquals(1, dUp.rung());
        // the capped rung has promoted floor(4 / 3) = 1 already: new configurations instead
        Job x = ask(capped);
        assertEquals(0, x.rung());
        capped.tell(x, Result.of(6));
        Job y = ask(capped);
        assertEquals(0, y.rung(), "five results still allow one promotion only");
        capped.tell(y, Result.of(7));
        // six results allow two
        Job promoted = ask(capped);
        assertEquals(best.get(capped).configId(), promoted.configId());
        assertEquals(1, promoted.rung());
        assertEquals(1, promoted.previousBudget());
    }

    @Test
    void boundedRunDrainsAndFinishes() {
        Optimizer o = Optimizers.create("asha", SPACE, SMALL_FIDELITY, SMALL_SEED, HyperbandSettings.defaults().withMaxIterations(2));
        List<Job> jobs = new ArrayList<>();
        Deque<Job> running = new ArrayDeque<>();
        int guard = 0;
        while (!o.isFinished()) {
            assertTrue(guard++ < 1000, "never finished");
            Optional<Job> j = o.ask().jobToRun();
            if (j.isPresent()) {
                jobs.add(j.get());
                running.add(j.get());
                if (running.size() < 4) {
                    continue;
                }
            }
            assertFalse(running.isEmpty(), "waiting with nothing outstanding but not finished");
            Job done = running.poll();
            o.tell(done, Result.of(done.configuration().getDouble("x")));
        }
        assertTrue(o.ask().jobToRun().isEmpty());
        // two iterations of the single bracket: 2 * 9 new configurations
        assertEquals(18, jobs.stream().filter(j -> j.rung() == 0).count());
        // in the end at least the top third of every rung was promoted
        assertTrue(jobs.stream().filter(j -> j.rung() == 1).count() >= 6);
        assertTrue(jobs.stream().filter(j -> j.rung() == 2).count() >= 2);
    }

    @Test
    void asyncBohbProposesNearTheGoodConfigurationsOnceItHasAModel() {
        Optimizer o = Optimizers.create("async-bohb", SPACE, new Fidelity(1, 81), 21);
        List<Job> jobs = run(o, 1500);
        List<Job> fresh = jobs.stream().filter(j -> j.rung() == 0).toList();
        double early = meanDistanceToOptimum(fresh.subList(0, 30));
        double late = meanDistanceToOptimum(fresh.subList(fresh.size() - 300, fresh.size()));
        // the prior gives E|x - 0.6| = 0.26; a third of late proposals still come from it
        assertTrue(late < 0.6 * early, "early " + early + ", late " + late);
        List<Job> priorOnly = run(Optimizers.create("async-hyperband", SPACE, new Fidelity(1, 81), 21), 1500);
        List<Job> priorFresh = priorOnly.stream().filter(j -> j.rung() == 0).toList();
        assertTrue(meanDistanceToOptimum(priorFresh.subList(priorFresh.size() - 300, priorFresh.size())) > 0.2);
    }

    private static double meanDistanceToOptimum(List<Job> jobs) {
        return jobs.stream().mapToDouble(j -> Math.abs(j.configuration().getDouble("x") - 0.6)).average().orElseThrow();
    }
}
