package org.hpo4j.benchmarks.multiobjective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.hpo4j.benchmarks.BenchmarkRunner;
import org.hpo4j.benchmarks.RunnerOptions;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncumbentFrontTest {
    private final ZdtMf problem = new ZdtMf();

    private Configuration x(double x1) {
        return problem.space().configuration(Map.of("x1", x1, "x2", 0.5, "x3", 0.5, "x4", 0.5, "x5", 0.5));
    }

    @Test
    void frontIsTheNonDominatedAtTheHighestBudgetByObservedObjectives() {
        IncumbentFront front = new IncumbentFront();
        front.offer(x(0.1), 1, new double[] {0.1, 0.1});
        assertEquals(1, front.members().size());
        front.offer(x(0.2), 3, new double[] {0.9, 0.9});
        assertEquals(List.of(x(0.2)), configurations(front), "a higher budget starts a new front whatever its values");
        front.offer(x(0.3), 1, new double[] {0, 0});
        assertEquals(List.of(x(0.2)), configurations(front), "lower budgets no longer count");
        front.offer(x(0.4), 3, new double[] {0.5, 0.95});
        front.offer(x(0.5), 3, new double[] {0.95, 0.5});
        assertEquals(List.of(x(0.2), x(0.4), x(0.5)), configurations(front), "mutually non-dominated");
        front.offer(x(0.6), 3, new double[] {0.5, 0.95});
        assertEquals(3, front.members().size(), "equal objectives: the first is kept");
        front.offer(x(0.7), 3 * (1 + 1e-12), new double[] {0.8, 0.8});
        assertEquals(List.of(x(0.4), x(0.5), x(0.7)), configurations(front), "same rung after rounding; dominated x(0.2) leaves");
        assertEquals(3, front.budget(), 0.0);
    }

    @Test
    void hypervolumeUsesTheTrueObjectivesNotTheObservedOnes() {
        IncumbentFront front = new IncumbentFront();
        assertEquals(0, front.hypervolume(problem), 0.0);
        // observed at a small budget as perfect, true (0.25, 0.5)
        front.offer(x(0.25), 1, new double[] {0, 0});
        assertEquals(0.75 * 0.5 / (2.0 / 3), front.hypervolume(problem), 1e-12);
        front.offer(x(0.64), 1, new double[] {0.1, 0.1});
        assertEquals(1, front.members().size(), "dominated by what it observed");
        front.offer(x(0.64), 81, problem.trueObjectives(x(0.64)));
        front.offer(x(0.25), 81, problem.trueObjectives(x(0.25)));
        // boxes (0.36 x 0.8) and (0.75 x 0.5) overlap in (0.36 x 0.5)
        assertEquals((0.36 * 0.8 + 0.75 * 0.5 - 0.36 * 0.5) / (2.0 / 3), front.hypervolume(problem), 1e-12);
    }

    @Test
    void randomSearchFrontsOnlyGrowAndRunsRepeat() {
        double[] costs = {2, 5, 10};
        FrontRun.Outcome a = FrontRun.run(problem, "random", 4, 10, costs);
        FrontRun.Outcome b = FrontRun.run(problem, "random", 4, 10, costs);
        assertEquals(10, a.evaluations(), "random search evaluates at the full budget only");
        for (int k = 0; k < costs.length; k++) {
            assertEquals(a.hypervolumes()[k], b.hypervolumes()[k], 0.0, "same seed, same front");
            assertTrue(a.hypervolumes()[k] > 0 && a.hypervolumes()[k] < 1, "hv " + a.hypervolumes()[k]);
            assertTrue(k == 0 || a.hypervolumes()[k] >= a.hypervolumes()[k - 1], "all at b_max: the front only improves");
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrontRun.run(problem, "bohb", 0, 2, new double[] {2}));
        assertTrue(e.getMessage().contains("'bohb'") && e.getMessage().contains("zdt1-mf"), e.getMessage());
    }

    @Test
    void runnerWritesHypervolumeTablesComparisonsJsonAndCsv(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("mo.json");
        Path csv = dir.resolve("mo.csv");
        RunnerOptions options = RunnerOptions.parse("--problems", "multi-objective,branin-mf", "--optimizers",
                "random,mo-asha", "--seeds", "2", "--max-cost", "3", "--costs", "1,3", "--json", json.toString());
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<FrontSummary> fronts = BenchmarkRunner.runFronts(options, quiet);
        assertEquals(8, fronts.size(), "four problems of two objectives x two optimizers");
        var cells = BenchmarkRunner.run(options, quiet);
        assertEquals(2, cells.size(), "branin-mf goes the single-objective way");
        BenchmarkRunner.writeJson(cells, fronts, json);
        JsonObject root = JsonParser.parseString(Files.readString(json)).getAsJsonObject();
        assertTrue(root.has("branin-mf") && root.getAsJsonObject("branin-mf").getAsJsonObject("random").has("3"));
        for (String p : List.of("zdt1-mf", "lcbench-mo-167168", "lcbench-mo-189873", "lcbench-mo-189906")) {
            JsonObject q = root.getAsJsonObject(p).getAsJsonObject("mo-asha").getAsJsonObject("hypervolume")
                    .getAsJsonObject("3");
            double median = q.get("median").getAsDouble();
            assertTrue(q.get("q25").getAsDouble() <= median && median <= q.get("q75").getAsDouble(), p);
            assertTrue(median >= 0 && median < 1, p + " " + median);
        }
        BenchmarkRunner.writeCsv(cells, fronts, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("problem,optimizer,seed,cost,regret,test_score,hypervolume", lines.get(0));
        assertEquals(1 + (2 + 8) * 2 * 2, lines.size());
        assertTrue(lines.stream().allMatch(l -> l.split(",", -1).length == 7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FrontTables.print(fronts, new PrintStream(out, true, StandardCharsets.UTF_8));
        FrontTables.compare("mo-asha", fronts, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("| lcbench-mo-189906 | 3 |") && text.contains("vs random"), text);
    }

    private static List<Configuration> configurations(IncumbentFront front) {
        return front.members().stream().map(IncumbentFront.Member::configuration).toList();
    }
}
