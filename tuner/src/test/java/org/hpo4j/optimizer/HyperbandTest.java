package org.hpo4j.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HyperbandTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1))
            .build();

    private static double value(Job j) {
        return j.configuration().getDouble("x");
    }

    /** Runs one job at a time, telling x as the value, and returns every job in order. */
    private static List<Job> runSequentially(Optimizer o, int maxJobs) {
        List<Job> jobs = new ArrayList<>();
        while (jobs.size() < maxJobs) {
            Optional<Job> j = o.ask().jobToRun();
            if (j.isEmpty()) {
                break;
            }
            jobs.add(j.get());
            o.tell(j.get(), Result.of(value(j.get())));
        }
        return jobs;
    }

    /** Per (iteration, bracket): per rung, the number of jobs and their budget. */
    private static Map<String, Map<Integer, List<Double>>> schedule(List<Job> jobs) {
        Map<String, Map<Integer, List<Double>>> out = new TreeMap<>();
        for (Job j : jobs) {
            out.computeIfAbsent(j.configId().iteration() + "/" + j.configId().bracket(), k -> new TreeMap<>())
                    .computeIfAbsent(j.rung(), k -> new ArrayList<>()).add(j.budget());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(doubles = {81, 100})
    void oneIterationRunsEveryBracketOfTheScheduleThenFinishes(double max) {
        Hyperband h = new Hyperband(SPACE, new Fidelity(1, max), 7, new HyperbandSettings(3, 1));
        List<Job> jobs = runSequentially(h, 10_000);
        assertTrue(h.isFinished());
        int[][] sizes = {{5}, {8, 2}, {15, 5, 1}, {34, 11, 3, 1}, {81, 27, 9, 3, 1}};
        double[][] budgets = {{max}, {max / 3, max}, {max / 9, max / 3, max}, {max / 27, max / 9, max / 3, max},
            {max / 81, max / 27, max / 9, max / 3, max}};
        Map<String, Map<Integer, List<Double>>> seen = schedule(jobs);
        assertEquals(5, seen.size());
        for (int s = 0; s <= 4; s++) {
            Map<Integer, List<Double>> rungs = seen.get("0/" + s);
            assertEquals(sizes[s].length, rungs.size(), "rungs of bracket " + s);
            for (int i = 0; i < sizes[s].length; i++) {
                assertEquals(sizes[s][i], rungs.get(i).size(), "jobs in rung " + i + " of bracket " + s);
                for (double b : rungs.get(i)) {
                    assertEquals(budgets[s][i], b, 1e-12 * max);
                }
            }
        }
        // brackets in the order s_max .. 0
        assertEquals(4, jobs.get(0).configId().bracket());
        assertEquals(0, jobs.get(jobs.size() - 1).configId().bracket());
        for (int i = 0; i < jobs.size(); i++) {
            assertEquals(i, jobs.get(i).id());
        }
    }

    @Test
    void promotionsKeepTheBestAndCarryConfigIdAndPreviousBudget() {
        Hyperband h = new Hyperband(SPACE, new Fidelity(1, 9), 3, new HyperbandSettings(3, 1));
        List<Job> jobs = runSequentially(h, 10_000);
        // bracket s=2: 9 configs at 1, best 3 at 3, best 1 at 9
        List<Job> rung0 = jobs.stream().filter(j -> j.configId().bracket() == 2 && j.rung() == 0).toList();
        List<Job> rung1 = jobs.stream().filter(j -> j.configId().bracket() == 2 && j.rung() == 1).toList();
        List<Job> rung2 = jobs.stream().filter(j -> j.configId().bracket() == 2 && j.rung() == 2).toList();
        assertEquals(9, rung0.size());
        List<Double> best3 = rung0.stream().map(HyperbandTest::value).sorted().limit(3).toList();
        assertEquals(best3, rung1.stream().map(HyperbandTest::value).sorted().toList());
        for (Job p : rung1) {
            Job first = rung0.stream().filter(j -> j.configId().equals(p.configId())).findFirst().orElseThrow();
            assertEquals(first.configuration(), p.configuration());
            assertEquals(1.0, p.previousBudget());
            assertEquals(3.0, p.budget());
        }
        assertEquals(best3.get(0), value(rung2.get(0)));
        assertEquals(3.0, rung2.get(0).previousBudget());
        assertEquals(0.0, rung0.get(0).previousBudget());
    }

    @Test
    void handsOutTheWholeRungThenStartsTheNextBracketInsteadOfWaiting() {
        Hyperband h = new Hyperband(SPACE, new Fidelity(1, 9), 3, new HyperbandSettings(3, 1));
        List<Job> first = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            first.add(h.ask().jobToRun().orElseThrow());
        }
        assertTrue(first.stream().allMatch(j -> j.configId().bracket() == 2 && j.rung() == 0));
        // bracket 2 is blocked: the next jobs come from bracket 1 (5 configs at 3), then bracket 0 (3 at 9)
        Job next = h.ask().jobToRun().orElseThrow();
        assertEquals(1, next.configId().bracket());
        List<Job> more = new ArrayList<>();
        Optional<Job> j;
        while ((j = h.ask().jobToRun()).isPresent()) {
            more.add(j.get());
        }
        assertEquals(4 + 3, more.size());
        assertFalse(h.isFinished());
        // results of bracket 2 in reverse order; its promotions come next, before anything else
        for (int i = first.size() - 1; i >= 0; i--) {
            h.tell(first.get(i), Result.of(value(first.get(i))));
        }
        Job promoted = h.ask().jobToRun().orElseThrow();
        assertEquals(2, promoted.configId().bracket());
        assertEquals(1, promoted.rung());
    }

    @Test
    void failuresAreNeverPromoted() {
        Hyperband h = new Hyperband(SPACE, new Fidelity(1, 9), 3, new HyperbandSettings(3, 1));
        List<Job> rung0 = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            rung0.add(h.ask().jobToRun().orElseThrow());
        }
        // all but two fail: only those two go on
        for (int i = 0; i < 9; i++) {
            h.tell(rung0.get(i), i == 4 || i == 7 ? Result.of(1.0 - i) : Result.failed("boom"));
        }
        Job a = h.ask().jobToRun().orElseThrow();
        Job b = h.ask().jobToRun().orElseThrow();
        assertEquals(1, a.rung());
        assertEquals(7, a.configId().index());
        assertEquals(4, b.configId().index());
        Job c = h.ask().jobToRun().orElseThrow();
        assertEquals(1, c.configId().bracket(), "bracket 2 waits with 2 jobs out; the next bracket starts");
    }

    @Test
    void successiveHalvingRepeatsTheMostExploratoryBracket() {
        SuccessiveHalving sh = new SuccessiveHalving(SPACE, new Fidelity(1, 27), 5, new HyperbandSettings(3, 2));
        List<Job> jobs = runSequentially(sh, 10_000);
        assertTrue(sh.isFinished());
        assertEquals(2 * (27 + 9 + 3 + 1), jobs.size());
        assertTrue(jobs.stream().allMatch(j -> j.configId().bracket() == 3));
        assertEquals(1, jobs.get(jobs.size() - 1).configId().iteration());
        assertEquals(27.0, jobs.get(jobs.size() - 1).budget());
    }

    @Test
    void sameSeedSameJobs() {
        List<Job> a = runSequentially(new Hyperband(SPACE, new Fidelity(1, 27), 11), 200);
        List<Job> b = runSequentially(new Hyperband(SPACE, new Fidelity(1, 27), 11), 200);
        List<Job> c = runSequentially(new Hyperband(SPACE, new Fidelity(1, 27), 12), 200);
        assertEquals(a, b);
        assertFalse(a.equals(c));
    }
}
