package org.hpo4j.benchmarks.lcbench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.benchmarks.multiobjective.MultiObjectiveProblem;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;

class LcBenchMoProblemTest {

    /** golden.csv's configuration (batch 91, lr 0.0031622777, ...), which it evaluates on every task of record. */
    private static Configuration goldenConfiguration(MultiObjectiveProblem p) {
        return p.space().configuration(Map.of("batch_size", 91L, "learning_rate", 0.0031622777, "momentum", 0.545,
                "weight_decay", 0.050005, "num_layers", 3L, "max_units", 256L, "max_dropout", 0.5));
    }

    @Test
    void objectivesAreTheReadmesFormulasOnGoldenCsvRows() {
        // golden.csv, task 189906: epoch 52 time 104.83784 s, val_accuracy 55.345936; epoch 26: 68.06983 s, 52.495213
        LcBenchMoProblem p = new LcBenchMoProblem("189906");
        assertEquals(564.307, p.timeReferenceSeconds(), 0.0, "time_ref_s of optima.json");
        Configuration c = goldenConfiguration(p);
        assertArrayEquals(new double[] {1 - 55.345936f / 100.0, 104.83784f / 564.307}, p.trueObjectives(c), 0.0);
        assertArrayEquals(p.trueObjectives(c), p.evaluate(c, 52, null), 0.0, "deterministic: observed at 52 is true");
        // 26 epochs: the time is projected to 52 epochs
        assertArrayEquals(new double[] {1 - 52.495213f / 100.0, (double) 68.06983f * 52 / 26 / 564.307}, p.objectives(c, 26), 0.0);
        // budget 25.6 runs 26 epochs
        assertArrayEquals(p.objectives(c, 26), p.evaluate(c, 25.6, null), 0.0);
        assertEquals(26, p.effectiveBudget(25.6), 0.0);
        assertThrows(IllegalArgumentException.class, () -> p.evaluate(c, 53, null));
    }

    @Test
    void timeObjectiveIsCappedAtOneAndBothLieInTheUnitSquare() {
        // golden.csv, task 189873, epoch 1: 33.20388 s, projected 1726.6 s, below time_ref_s 25959.2
        LcBenchMoProblem slow = new LcBenchMoProblem("189873");
        Configuration c = goldenConfiguration(slow);
        assertEquals((double) 33.20388f * 52 / 25959.2, slow.objectives(c, 1)[1], 0.0);
        LcBenchMoProblem p = new LcBenchMoProblem("167168");
        SplittableRandom random = new SplittableRandom(1);
        boolean capped = false;
        for (int i = 0; i < 300; i++) {
            Configuration x = p.space().sample(random::nextDouble);
            double[] f = p.trueObjectives(x);
            assertTrue(f[0] >= 0 && f[0] <= 1 && f[1] >= 0 && f[1] <= 1, x + " " + f[0] + ", " + f[1]);
            capped |= f[1] == 1;
        }
        // time_ref_s is the 99th percentile of time at 52 epochs: about 1 in 100 random configurations exceeds it
        assertTrue(capped, "some of 300 random configurations train longer than time_ref_s");
    }

    @Test
    void problemsOfRecordByNameAndBadTasksAreRefusedWithTheValidOnes() {
        List<String> names = Problems.names(Problems.Group.MULTI_OBJECTIVE);
        assertEquals(List.of("zdt1-mf", "lcbench-mo-167168", "lcbench-mo-189873", "lcbench-mo-189906"), names);
        for (String name : names.subList(1, 4)) {
            MultiObjectiveProblem p = Problems.multiObjective(name);
            assertEquals(name, p.name());
            assertEquals(52, p.maxBudget(), 0.0);
            assertEquals(52.0 / 27, p.minBudget(), 0.0);
            assertEquals(LcBenchSpace.space(), p.space());
            assertEquals(1, p.bestHypervolume(), 0.0);
        }
        IllegalArgumentException noReference = assertThrows(IllegalArgumentException.class,
                () -> Problems.multiObjective("lcbench-mo-3945"));
        assertTrue(noReference.getMessage().contains("time_ref_s") && noReference.getMessage().contains("189906"),
                noReference.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Problems.multiObjective("lcbench-mo-12345"));
        assertTrue(unknown.getMessage().contains("'lcbench-mo-12345'"), unknown.getMessage());
        IllegalArgumentException asSingle = assertThrows(IllegalArgumentException.class,
                () -> Problems.byName("lcbench-mo-167168"));
        assertTrue(asSingle.getMessage().contains("several objectives"), asSingle.getMessage());
        assertTrue(!Problems.names().contains("lcbench-mo-167168"), "'all' holds problems of one objective");
    }
}
