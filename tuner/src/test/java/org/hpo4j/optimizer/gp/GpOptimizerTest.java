package org.hpo4j.optimizer.gp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.methodtest.Runs;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class GpOptimizerTest {
    private static final Fidelity FIDELITY = new Fidelity(1, 10);

    @Test
    void beatsRandomSearchOnAQuadratic() {
        double gp = 0;
        double random = 0;
        for (int seed = 0; seed < 3; seed++) {
            gp += Runs.sequential(new GpOptimizer(Runs.box(3), FIDELITY, seed), 40, Runs::quadratic);
            random += Runs.sequential(new RandomSearch(Runs.box(3), FIDELITY, seed), 40, Runs::quadratic);
        }
        assertTrue(gp < 0.1 * random, "gp " + gp / 3 + " vs random " + random / 3);
    }

    @Test
    void respectsConditionsAndBeatsRandomOnAConditionalSpace() {
        SearchSpace space = Runs.conditional();
        double gp = 0;
        double random = 0;
        for (int seed = 0; seed < 3; seed++) {
            List<Job> jobs = Runs.batched(new GpOptimizer(space, FIDELITY, seed), 50, 1, Runs::conditionalObjective);
            for (Job j : jobs) {
                assertTrue(Runs.respectsConditions(space, j.configuration()), j.configuration()::toString);
            }
            gp += jobs.stream().mapToDouble(j -> Runs.conditionalObjective(j.configuration())).min().orElseThrow();
            random += Runs.sequential(new RandomSearch(space, FIDELITY, seed), 50, Runs::conditionalObjective);
        }
        assertTrue(gp < 0.5 * random, "gp " + gp / 3 + " vs random " + random / 3);
    }

    @Test
    void sameSeedSameJobs() {
        List<Configuration> a = Runs.trace(new GpOptimizer(Runs.box(2), FIDELITY, 4), 25, Runs::quadratic);
        List<Configuration> b = Runs.trace(new GpOptimizer(Runs.box(2), FIDELITY, 4), 25, Runs::quadratic);
        List<Configuration> c = Runs.trace(new GpOptimizer(Runs.box(2), FIDELITY, 5), 25, Runs::quadratic);
        assertEquals(a, b);
        assertNotEquals(a, c);
    }

    @Test
    void failuresAreToleratedAndParallelProposalsSpreadOut() {
        GpOptimizer o = new GpOptimizer(Runs.box(2), FIDELITY, 6);
        List<Job> jobs = Runs.batched(o, 40, 4, c -> c.getDouble("x1") > 2 ? Double.NaN : Runs.quadratic(c));
        assertEquals(40, jobs.size());
        assertEquals(40, jobs.stream().map(Job::configuration).distinct().count());
        double best = jobs.stream().map(Job::configuration).filter(c -> c.getDouble("x1") <= 2)
                .mapToDouble(Runs::quadratic).min().orElseThrow();
        assertTrue(best < 0.5, "best " + best);
        assertThrows(IllegalArgumentException.class, () -> o.tell(jobs.get(0), Result.of(1)));
    }

    @Test
    void failuresTeachTheModelSoItStopsProposingWhereRunsFail() {
        // the optimum (x0 = 1.3) lies just inside a region where every run fails (x0 > 1.5), as the
        // best learning rate lies just below the one that diverges
        ToDoubleFunction<Configuration> diverging = c -> c.getDouble("x0") > 1.5 ? Double.NaN : Runs.quadratic(c);
        int lateFailures = 0;
        double best = 0;
        for (int seed = 0; seed < 3; seed++) {
            List<Job> jobs = Runs.batched(new GpOptimizer(Runs.box(2), FIDELITY, seed), 60, 1, diverging);
            List<Job> late = jobs.subList(30, 60);
            lateFailures += (int) late.stream().filter(j -> Double.isNaN(diverging.applyAsDouble(j.configuration()))).count();
            best += jobs.stream().mapToDouble(j -> diverging.applyAsDouble(j.configuration())).filter(v -> !Double.isNaN(v))
                    .min().orElseThrow();
        }
        // ignored, the failures left the failing third of the box unexplained and EI returned there (90 of 90)
        assertTrue(lateFailures <= 30, lateFailures + " of the last 90 proposals failed");
        assertTrue(best / 3 < 0.1, "best " + best / 3);
    }

    @Test
    void allFailuresKeepItSampling() {
        GpOptimizer o = new GpOptimizer(Runs.box(2), FIDELITY, 1);
        assertEquals(20, Runs.batched(o, 20, 2, c -> Double.NaN).size());
    }

    @Test
    void fittedHyperparametersCarryOverToAModelThatDoesNotFit() {
        GpOptimizer first = new GpOptimizer(Runs.box(3), FIDELITY, 2);
        assertTrue(first.hyperparameters().isEmpty(), "no fit before the first proposal from the model");
        Runs.sequential(first, 40, Runs::quadratic);
        GpOptimizer.Hyperparameters fitted = first.hyperparameters().orElseThrow();
        double reused = 0;
        double random = 0;
        for (int seed = 0; seed < 3; seed++) {
            reused += Runs.sequential(new GpOptimizer(Runs.box(3), FIDELITY, seed, GpSettings.defaults(), fitted),
                    40, Runs::quadratic);
            random += Runs.sequential(new RandomSearch(Runs.box(3), FIDELITY, seed), 40, Runs::quadratic);
        }
        assertTrue(reused < 0.1 * random, "reused " + reused / 3 + " vs random " + random / 3);
        List<Configuration> a = Runs.trace(new GpOptimizer(Runs.box(3), FIDELITY, 4, GpSettings.defaults(), fitted),
                25, Runs::quadratic);
        List<Configuration> b = Runs.trace(new GpOptimizer(Runs.box(3), FIDELITY, 4), 25, Runs::quadratic);
        assertNotEquals(a, b, "the fixed hyperparameters are used, not a fit of their own");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GpOptimizer(Runs.box(2), FIDELITY, 1, GpSettings.defaults(), fitted));
        assertTrue(e.getMessage().contains("hyperparameters"), e.getMessage());
    }
}
