package org.hpo4j.benchmarks.lcbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpo4j.benchmarks.BenchmarkProblem;
import org.hpo4j.benchmarks.Problems;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class LcBenchTest {

    private static String text(String resource) throws IOException {
        try (InputStream in = LcBenchTest.class.getResourceAsStream(resource)) {
            assertTrue(in != null, resource + " is on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every output of every golden.csv row, compared bit for bit with the surrogate's float. */
    @Test
    void surrogateReproducesGoldenCsvBitForBit() throws IOException {
        List<String> lines = text("/lcbench/golden.csv").lines().toList();
        String[] header = lines.get(0).split(",");
        assertEquals(List.of("OpenML_task_id", "batch_size", "learning_rate", "max_dropout", "max_units", "momentum",
                "num_layers", "weight_decay", "epoch", "time", "val_accuracy", "val_cross_entropy",
                "val_balanced_accuracy", "test_cross_entropy", "test_balanced_accuracy"), List.of(header));
        LcBenchSurrogate surrogate = LcBenchSurrogate.shared();
        int rows = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            SurrogateInput input = new SurrogateInput(Integer.parseInt(f[8]), Long.parseLong(f[1]),
                    Double.parseDouble(f[2]), Double.parseDouble(f[5]), Double.parseDouble(f[7]), Long.parseLong(f[6]),
                    Long.parseLong(f[4]), Double.parseDouble(f[3]));
            SurrogateOutput out = surrogate.predict(LcBenchTasks.get().code(f[0]), input);
            float[] got = {out.time(), out.valAccuracy(), out.valCrossEntropy(), out.valBalancedAccuracy(),
                    out.testCrossEntropy(), out.testBalancedAccuracy()};
            for (int k = 0; k < 6; k++) {
                float expected = Float.parseFloat(f[9 + k]);
                assertEquals(Float.floatToIntBits(expected), Float.floatToIntBits(got[k]),
                        header[9 + k] + " of row " + line + ": expected " + expected + ", got " + got[k]);
            }
            rows++;
        }
        assertEquals(21, rows);
    }

    @Test
    void problemEvaluatesTheGoldenRowsThroughItsSpace() {
        // task 126026, the corner of the space (lr at its upper bound, 5 layers), at epoch 52
        LcBenchProblem p = new LcBenchProblem("126026");
        Configuration corner = p.space().configuration(Map.of("batch_size", 16L, "learning_rate", 0.10000000000000002,
                "momentum", 0.99, "weight_decay", 1e-5, "num_layers", 5L, "max_units", 1024L, "max_dropout", 0.0));
        assertEquals(1 - 99.56864f / 100.0, p.trueValue(corner), 0.0);
        assertEquals(p.trueValue(corner), p.evaluate(corner, 52, null), 0.0);
        assertEquals(0.97718906f, p.testScore(corner).getAsDouble(), 0.0);
        assertEquals(0, p.optimum(), 0.0, "no reference optimum for 126026: regret is the error");
        // 168330 at epoch 1 is below every rung; the lower corner of the learning rate
        LcBenchProblem q = new LcBenchProblem("168330");
        Configuration low = q.space().configuration(Map.of("batch_size", 512L, "learning_rate", LcBenchSpace.LEARNING_RATE_LOWER,
                "momentum", 0.1, "weight_decay", 0.1, "num_layers", 1L, "max_units", 64L, "max_dropout", 1.0));
        assertEquals(27.730335f, q.predict(low, 1).valAccuracy(), 0.0);
    }

    @Test
    void learningRateBelowTheStoredBoundIsClampedToIt() {
        assertTrue(1e-4 < LcBenchSpace.LEARNING_RATE_LOWER, "the stored bound is the round-off above 1e-4");
        assertEquals(LcBenchSpace.LEARNING_RATE_LOWER, LcBenchSpace.clampLearningRate(1e-4), 0.0);
        assertEquals(LcBenchSpace.LEARNING_RATE_UPPER, LcBenchSpace.clampLearningRate(0.2), 0.0);
        assertEquals(0.01, LcBenchSpace.clampLearningRate(0.01), 0.0);
        FloatParameter lr = (FloatParameter) LcBenchSpace.space().parameter("learning_rate");
        // the space's own decoding stays inside the stored bounds at both ends of the unit interval
        assertEquals(LcBenchSpace.LEARNING_RATE_LOWER, lr.fromUnit(0), 0.0);
        assertEquals(LcBenchSpace.LEARNING_RATE_UPPER, lr.fromUnit(1), 0.0);
        SurrogateInput in = new SurrogateInput(52, 16, 1e-4, 0.5, 0.01, 2, 128, 0.1);
        LcBenchProblem p = new LcBenchProblem("167168");
        Configuration atBound = p.space().configuration(Map.of("batch_size", 16L, "learning_rate", LcBenchSpace.LEARNING_RATE_LOWER,
                "momentum", 0.5, "weight_decay", 0.01, "num_layers", 2L, "max_units", 128L, "max_dropout", 0.1));
        assertEquals(SurrogateInput.of(atBound, 52).learningRate(), LcBenchSpace.LEARNING_RATE_LOWER, 0.0);
        assertEquals(p.predict(atBound, 52), LcBenchSurrogate.shared().predict(LcBenchTasks.get().code("167168"), in));
    }

    /** The space against config_space.json: names, types, bounds, log scales; the epoch is the fidelity. */
    @Test
    void spaceMatchesConfigSpaceJson() throws IOException {
        JsonObject json = JsonParser.parseString(text("/lcbench/config_space.json")).getAsJsonObject();
        SearchSpace space = LcBenchSpace.space();
        Set<String> seen = new HashSet<>();
        for (JsonElement e : json.getAsJsonArray("hyperparameters")) {
            JsonObject h = e.getAsJsonObject();
            String name = h.get("name").getAsString();
            String type = h.get("type").getAsString();
            if (name.equals("OpenML_task_id")) {
                assertEquals("categorical", type);
                List<String> choices = h.getAsJsonArray("choices").asList().stream().map(JsonElement::getAsString).toList();
                assertEquals(choices, LcBenchTasks.get().tasks());
                continue;
            }
            if (name.equals("epoch")) {
                assertEquals(1, h.get("lower").getAsInt());
                assertEquals(52, h.get("upper").getAsInt());
                assertEquals(52, space.budget().orElseThrow().max(), 0.0);
                assertEquals(52.0 / 27, space.budget().orElseThrow().min(), 0.0);
                assertFalse(space.contains("epoch"), "the epoch is the budget, not a hyperparameter");
                continue;
            }
            seen.add(name);
            Parameter p = space.parameter(name);
            boolean log = h.get("log").getAsBoolean();
            switch (type) {
                case "uniform_int" -> {
                    IntParameter ip = assertInstance(IntParameter.class, p, name);
                    assertEquals(h.get("lower").getAsLong(), ip.lo(), name);
                    assertEquals(h.get("upper").getAsLong(), ip.hi(), name);
                    assertEquals(log, ip.log(), name + " log");
                }
                case "uniform_float" -> {
                    FloatParameter fp = assertInstance(FloatParameter.class, p, name);
                    // exact: the learning rate's bounds are the round-offs 1.0000000000000009e-4 and 0.10000000000000002
                    assertEquals(h.get("lower").getAsDouble(), fp.lo(), 0.0, name);
                    assertEquals(h.get("upper").getAsDouble(), fp.hi(), 0.0, name);
                    assertEquals(log, fp.log(), name + " log");
                }
                default -> throw new AssertionError("unexpected type " + type + " of " + name);
            }
        }
        assertEquals(seen.size(), space.size(), "the space has no parameter config_space.json lacks");
        assertEquals(7, seen.size());
    }

    private static <T> T assertInstance(Class<T> type, Parameter p, String name) {
        assertTrue(type.isInstance(p), name + " is a " + type.getSimpleName() + ", got " + p);
        return type.cast(p);
    }

    @Test
    void problemsOfRecordHaveFourRungsRunAsWholeEpochsAndReferenceOptima() throws IOException {
        JsonObject optima = JsonParser.parseString(text("/lcbench/optima.json")).getAsJsonObject();
        for (String name : Problems.names(Problems.Group.LCBENCH)) {
            BenchmarkProblem p = Problems.byName(name);
            assertEquals(optima.getAsJsonObject(name).get("optimum").getAsDouble(), p.optimum(), 0.0, name);
            HyperbandSchedule schedule = HyperbandSchedule.of(new Fidelity(p.minBudget(), p.maxBudget()), HyperbandSettings.defaults());
            assertEquals(3, schedule.sMax(), "four rungs");
            double[] rungs = {52.0 / 27, 52.0 / 9, 52.0 / 3, 52};
            int[] epochs = {2, 6, 17, 52};
            for (int i = 0; i < 4; i++) {
                assertEquals(epochs[i], p.effectiveBudget(rungs[i]), 0.0, "rung " + rungs[i]);
                assertEquals(epochs[i], p.effectiveBudget(schedule.rungBudgets(3)[i]), 0.0, "schedule rung " + i);
            }
            // the optimum's configuration evaluates to the optimum (to its 9 printed digits)
            LcBenchTasks.ReferenceOptimum ref = LcBenchTasks.get().optimum(p.name().substring(8)).orElseThrow();
            Configuration at = p.space().configuration(ref.at());
            assertEquals(p.optimum(), p.trueValue(at), 5e-9, name + " at its reference optimum");
            assertTrue(ref.randomBestOf1e6() >= p.optimum(), name);
            double score = p.testScore(at).getAsDouble();
            assertTrue(score > 0 && score <= 1, name + " test balanced accuracy " + score);
            // a small budget gives another value than the full one: the fidelity matters
            assertFalse(p.evaluate(at, 52.0 / 27, null) == p.evaluate(at, 52, null), name);
        }
    }

    @Test
    void anyServedTaskIsAProblemAndABadTaskListsTheValidOnes() {
        assertEquals(34, LcBenchTasks.get().tasks().size());
        BenchmarkProblem p = Problems.byName("lcbench-3945");
        assertEquals("lcbench-3945", p.name());
        Configuration c = p.space().defaults();
        double v = p.evaluate(c, 52, null);
        assertTrue(v > 0 && v < 1, "error " + v);
        assertEquals(34, LcBenchTasks.get().code("3945"), "the code of encoding.json, not the position");
        for (String bad : List.of("lcbench-12345", "lcbench-", "lcbench-167083")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Problems.byName(bad));
            assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
            for (String task : LcBenchTasks.get().tasks()) {
                assertTrue(e.getMessage().contains(task), "lists " + task + ": " + e.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new LcBenchProblem("nope"));
    }
}
