package org.hpo4j.optimizer.cmaes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.methodtest.Runs;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class CmaEsTest {
    private static final Fidelity FIDELITY = new Fidelity(1, 10);

    @Test
    void mirrorReflectsAtTheBounds() {
        assertEquals(0.8, CmaEs.mirror(1.2), 1e-12);
        assertEquals(0.3, CmaEs.mirror(-0.3), 1e-12);
        assertEquals(0.5, CmaEs.mirror(2.5), 1e-12);
        assertEquals(0.4, CmaEs.mirror(0.4), 1e-12);
    }

    @Test
    void beatsRandomSearchOnAQuadratic() {
        double cma = 0;
        double random = 0;
        for (int seed = 0; seed < 5; seed++) {
            cma += Runs.sequential(new CmaEs(Runs.box(3), FIDELITY, seed), 150, Runs::quadratic);
            random += Runs.sequential(new RandomSearch(Runs.box(3), FIDELITY, seed), 150, Runs::quadratic);
        }
        assertTrue(cma < 0.1 * random, "cma " + cma / 5 + " vs random " + random / 5);
    }

    @Test
    void convergesOnASphereInFiveDimensions() {
        double best = Runs.sequential(new CmaEs(Runs.box(5), FIDELITY, 1), 1000, Runs::quadratic);
        assertTrue(best < 1e-4, "best " + best);
    }

    @Test
    void aGenerationUpdatesOnlyWhenAllItsResultsAreIn() {
        CmaEs o = new CmaEs(Runs.box(4), FIDELITY, 2);
        int lambda = o.populationSize();
        assertEquals(4 + (int) Math.floor(3 * Math.log(4)), lambda);
        List<Job> jobs = new ArrayList<>();
        for (int i = 0; i < lambda + 3; i++) {
            jobs.add(o.ask().jobToRun().orElseThrow());
        }
        double sigma = o.sigma();
        for (int i = 0; i < lambda - 1; i++) {
            o.tell(jobs.get(i), Result.of(Runs.quadratic(jobs.get(i).configuration())));
        }
        assertEquals(sigma, o.sigma());
        // failures count towards the generation and rank last
        o.tell(jobs.get(lambda + 2), Result.failed("crash"));
        assertNotEquals(sigma, o.sigma());
        double after = o.sigma();
        // the extra results of the finished generation change nothing
        for (int i = lambda - 1; i < lambda + 2; i++) {
            o.tell(jobs.get(i), Result.of(0));
        }
        assertEquals(after, o.sigma());
    }

    @Test
    void integersAndCategoricalsAndConditionsWork() {
        SearchSpace mixed = SearchSpace.builder()
                .add(IntParameter.uniform("n", 0, 20))
                .add(CategoricalParameter.of("c", List.of("x", "y", "z")))
                .build();
        double best = Runs.sequential(new CmaEs(mixed, FIDELITY, 3), 200,
                c -> Math.abs(c.getLong("n") - 13) + (c.getString("c").equals("z") ? 0 : 1));
        assertEquals(0.0, best);

        SearchSpace space = Runs.conditional();
        List<Job> jobs = Runs.batched(new CmaEs(space, FIDELITY, 4), 200, 3, Runs::conditionalObjective);
        for (Job j : jobs) {
            assertTrue(Runs.respectsConditions(space, j.configuration()), j.configuration()::toString);
        }
        double bestConditional = jobs.stream().mapToDouble(j -> Runs.conditionalObjective(j.configuration())).min().orElseThrow();
        assertTrue(bestConditional < 0.05, "best " + bestConditional);
    }

    @Test
    void restartsWithALargerPopulationOnAPlateau() {
        CmaEs o = new CmaEs(Runs.box(2), FIDELITY, 5);
        int lambda = o.populationSize();
        Runs.sequential(o, 20 * lambda, c -> 1.0);
        assertTrue(o.populationSize() > lambda);
    }

    @Test
    void sameSeedSameJobs() {
        List<Configuration> a = Runs.trace(new CmaEs(Runs.box(3), FIDELITY, 7), 60, Runs::quadratic);
        List<Configuration> b = Runs.trace(new CmaEs(Runs.box(3), FIDELITY, 7), 60, Runs::quadratic);
        List<Configuration> c = Runs.trace(new CmaEs(Runs.box(3), FIDELITY, 8), 60, Runs::quadratic);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void failuresAreToleratedWithParallelJobs() {
        CmaEs o = new CmaEs(Runs.box(2), FIDELITY, 6);
        List<Job> jobs = Runs.batched(o, 300, 5, c -> c.getDouble("x1") > 2 ? Double.NaN : Runs.quadratic(c));
        assertEquals(300, jobs.size());
        double best = jobs.stream().map(Job::configuration).filter(c -> c.getDouble("x1") <= 2)
                .mapToDouble(Runs::quadratic).min().orElseThrow();
        assertTrue(best < 0.01, "best " + best);
        assertThrows(IllegalArgumentException.class, () -> o.tell(jobs.get(0), Result.of(1)));
    }
}
