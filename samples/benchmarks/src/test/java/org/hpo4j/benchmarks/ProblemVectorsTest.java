package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

/** Checks every problem against {@code reference/vectors.json} and {@code reference/optima.json}. */
class ProblemVectorsTest {
    /** Relative tolerance: the vectors come from another language's floating point. */
    private static final double TOLERANCE = 1e-12;

    static JsonElement resource(String path) throws IOException {
        try (InputStream in = ProblemVectorsTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IOException("test resource " + path + " is missing");
            }
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    static Configuration configuration(SearchSpace space, JsonObject json) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            values.put(e.getKey(), e.getValue().getAsJsonPrimitive().isString()
                    ? e.getValue().getAsString() : (Object) e.getValue().getAsDouble());
        }
        return space.configuration(values);
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, TOLERANCE * Math.max(1, Math.abs(expected)), what);
    }

    @Test
    void everyVectorMatches() throws IOException {
        JsonArray vectors = resource("/reference/vectors.json").getAsJsonArray();
        Map<String, Integer> checked = new LinkedHashMap<>();
        for (JsonElement element : vectors) {
            JsonObject v = element.getAsJsonObject();
            BenchmarkProblem problem = Problems.byName(v.get("problem").getAsString());
            Configuration c = configuration(problem.space(), v.getAsJsonObject("config"));
            double budget = v.get("budget").getAsDouble();
            String what = problem.name() + " " + c + " at " + budget;
            if (v.has("value")) {
                // deterministic problems: the value at the vector's budget
                assertClose(v.get("value").getAsDouble(), problem.evaluate(c, budget, new SplittableRandom(1)), what);
                if (budget == problem.maxBudget()) {
                    assertClose(v.get("value").getAsDouble(), problem.trueValue(c), "true value of " + what);
                }
            }
            if (v.has("true_value")) {
                assertClose(v.get("true_value").getAsDouble(), problem.trueValue(c), "true value of " + what);
            }
            assertTrue(v.has("value") || v.has("true_value"), "vector without an expected value: " + v);
            checked.merge(problem.name(), 1, Integer::sum);
        }
        assertEquals(List.of("branin-mf", "hartmann6-mf", "counting-ones", "conditional-mf"),
                List.copyOf(checked.keySet()), "every problem has vectors");
        assertEquals(vectors.size(), checked.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void optimaMatchTheReference() throws IOException {
        JsonObject optima = resource("/reference/optima.json").getAsJsonObject();
        for (BenchmarkProblem p : Problems.all(Problems.Group.PROBLEMS_MD)) {
            assertEquals(optima.get(p.name()).getAsDouble(), p.optimum(), 0.0, p.name());
        }
    }

    @Test
    void conditionalArgminHasTheOptimalValueAndNeighboursAreWorse() throws IOException {
        BenchmarkProblem p = Problems.byName("conditional-mf");
        JsonObject argmin = resource("/reference/optima.json").getAsJsonObject().getAsJsonObject("conditional-mf-argmin");
        Configuration best = configuration(p.space(), argmin);
        assertClose(p.optimum(), p.trueValue(best), "value at the argmin");
        assertClose(0, p.regret(best), "regret at the argmin");
        for (double dropout : new double[] {0.19, 0.1998, 0.1999, 0.2, 0.21}) {
            Map<String, Object> m = new LinkedHashMap<>(best.asMap());
            m.put("dropout", dropout);
            assertTrue(p.regret(p.space().configuration(m)) > 0, "dropout " + dropout + " is worse than the argmin");
        }
    }

    @Test
    void knownMinimaOfBraninAndHartmannGiveZeroRegret() {
        BenchmarkProblem branin = Problems.byName("branin-mf");
        for (double[] x : new double[][] {{-Math.PI, 12.275}, {Math.PI, 2.275}, {9.42478, 2.475}}) {
            Configuration c = branin.space().configuration(Map.of("x1", x[0], "x2", x[1]));
            assertEquals(0, branin.regret(c), 1e-5, "branin minimum " + x[0] + ", " + x[1]);
        }
        BenchmarkProblem hartmann = Problems.byName("hartmann6-mf");
        double[] xStar = {0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573};
        Map<String, Object> m = new LinkedHashMap<>();
        for (int j = 0; j < 6; j++) {
            m.put("x" + (j + 1), xStar[j]);
        }
        assertEquals(0, hartmann.regret(hartmann.space().configuration(m)), 1e-5, "hartmann6 minimum");
    }

    @Test
    void lowFidelityDiffersFromFullFidelity() {
        Configuration c = Problems.byName("branin-mf").space().configuration(Map.of("x1", 1.0, "x2", 2.0));
        BenchmarkProblem p = Problems.byName("branin-mf");
        assertFalse(p.evaluate(c, 1, null) == p.evaluate(c, 81, null), "branin-mf depends on the budget");
        assertEquals(p.trueValue(c), p.evaluate(c, 81, null), 0.0);
    }

    @Test
    void budgetsOutsideTheRangeAreRejectedWithTheProblemName() {
        BenchmarkProblem p = Problems.byName("hartmann6-mf");
        Configuration c = p.space().defaults();
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> p.evaluate(c, 0.5, null));
        assertTrue(e.getMessage().contains("hartmann6-mf") && e.getMessage().contains("0.5"), e.getMessage());
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Problems.byName("rosenbrock"));
        assertTrue(unknown.getMessage().contains("rosenbrock"), unknown.getMessage());
    }

    @Test
    void budgetRangesFollowHyperbandWithFiveRungs() {
        for (BenchmarkProblem p : Problems.all(Problems.Group.PROBLEMS_MD)) {
            assertEquals(p.maxBudget() / 81, p.minBudget(), 0.0, p.name());
            assertEquals(p.maxBudget(), p.space().budget().orElseThrow().max(), 0.0, p.name());
            assertEquals(p.minBudget(), p.space().budget().orElseThrow().min(), 0.0, p.name());
        }
        assertEquals(729, Problems.byName("counting-ones").maxBudget(), 0.0);
        assertEquals(9, Problems.byName("counting-ones").minBudget(), 0.0);
    }
}
