package org.hpo4j.optimizer.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.methodtest.Runs;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class LocalSearchTest {
    private static final Fidelity FIDELITY = new Fidelity(1, 10);

    @Test
    void startsAtTheDefaultsThenChangesOneParameterAtATime() {
        SearchSpace space = Runs.box(3);
        LocalSearch o = new LocalSearch(space, FIDELITY, 1);
        Job first = o.ask().jobToRun().orElseThrow();
        assertEquals(space.defaults(), first.configuration());
        o.tell(first, Result.of(Runs.quadratic(first.configuration())));
        for (int i = 0; i < 4; i++) {
            Job n = o.ask().jobToRun().orElseThrow();
            long changed = space.parameters().stream()
                    .filter(p -> !n.configuration().get(p.name()).equals(first.configuration().get(p.name())))
                    .count();
            assertEquals(1, changed, n.configuration()::toString);
            // a worse neighbour is not a move: the next one is still around the defaults
            o.tell(n, Result.of(1e9));
        }
    }

    @Test
    void keepsAnImprovingMove() {
        SearchSpace space = Runs.box(2);
        LocalSearch o = new LocalSearch(space, FIDELITY, 3);
        Job start = o.ask().jobToRun().orElseThrow();
        o.tell(start, Result.of(10));
        Job better = o.ask().jobToRun().orElseThrow();
        o.tell(better, Result.of(5));
        Job next = o.ask().jobToRun().orElseThrow();
        long changedFromBetter = space.parameters().stream()
                .filter(p -> !next.configuration().get(p.name()).equals(better.configuration().get(p.name())))
                .count();
        assertEquals(1, changedFromBetter);
    }

    @Test
    void beatsRandomSearchOnAQuadratic() {
        double local = 0;
        double random = 0;
        int seeds = 5;
        for (int seed = 0; seed < seeds; seed++) {
            local += Runs.sequential(new LocalSearch(Runs.box(3), FIDELITY, seed), 150, Runs::quadratic);
            random += Runs.sequential(new RandomSearch(Runs.box(3), FIDELITY, seed), 150, Runs::quadratic);
        }
        assertTrue(local < 0.25 * random, "local " + local / seeds + " vs random " + random / seeds);
    }

    @Test
    void restartsAfterANeighbourhoodWithoutImprovement() {
        SearchSpace space = Runs.box(2);
        LocalSearch o = new LocalSearch(space, FIDELITY, 5);
        Job start = o.ask().jobToRun().orElseThrow();
        o.tell(start, Result.of(0));
        // 2 parameters x 2 steps: four neighbours, all worse
        for (int i = 0; i < 4; i++) {
            o.tell(o.ask().jobToRun().orElseThrow(), Result.of(1));
        }
        Job restart = o.ask().jobToRun().orElseThrow();
        long changed = space.parameters().stream()
                .filter(p -> !restart.configuration().get(p.name()).equals(start.configuration().get(p.name())))
                .count();
        assertEquals(2, changed, "a restart draws every parameter anew");
    }

    @Test
    void respectsConditionsAndFindsTheConditionalOptimumRegion() {
        SearchSpace space = Runs.conditional();
        LocalSearch o = new LocalSearch(space, FIDELITY, 2);
        List<Job> jobs = Runs.batched(o, 200, 1, Runs::conditionalObjective);
        for (Job j : jobs) {
            assertTrue(Runs.respectsConditions(space, j.configuration()), j.configuration()::toString);
        }
        double best = jobs.stream().mapToDouble(j -> Runs.conditionalObjective(j.configuration())).min().orElseThrow();
        assertTrue(best < 0.05, "best " + best);
    }

    @Test
    void sameSeedSameJobsAndNoRepeats() {
        List<Configuration> a = Runs.trace(new LocalSearch(Runs.box(3), FIDELITY, 9), 80, Runs::quadratic);
        List<Configuration> b = Runs.trace(new LocalSearch(Runs.box(3), FIDELITY, 9), 80, Runs::quadratic);
        List<Configuration> c = Runs.trace(new LocalSearch(Runs.box(3), FIDELITY, 10), 80, Runs::quadratic);
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(a.size(), new HashSet<>(a).size());
    }

    @Test
    void toleratesFailuresAndParallelJobs() {
        SearchSpace space = Runs.box(2);
        LocalSearch o = new LocalSearch(space, FIDELITY, 4);
        // the left half of the box fails
        List<Job> jobs = Runs.batched(o, 120, 4,
                c -> c.getDouble("x0") < 0 ? Double.NaN : Runs.quadratic(c));
        assertEquals(120, jobs.size());
        double best = jobs.stream().map(Job::configuration).filter(c -> c.getDouble("x0") >= 0)
                .mapToDouble(Runs::quadratic).min().orElseThrow();
        assertTrue(best < 0.5, "best " + best);
        assertThrows(IllegalArgumentException.class, () -> o.tell(jobs.get(0), Result.of(1)));
    }
}
