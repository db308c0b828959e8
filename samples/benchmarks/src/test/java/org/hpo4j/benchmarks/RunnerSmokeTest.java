package org.hpo4j.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpo4j.optimizer.registry.Optimizers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner on 2 seeds and a small cost: the JSON's shape and figures. */
class RunnerSmokeTest {

    /** The optimizers of the benchmark, as far as they are registered yet. */
    private static List<String> benchmarked() {
        return List.of("random", "hyperband", "bohb").stream().filter(Optimizers.names()::contains).toList();
    }

    @Test
    void benchmarkedOptimizersOnEveryProblemGiveFiniteNonNegativeRegretsInTheDocumentedJson(@TempDir Path dir)
            throws IOException {
        checkRun(dir, "all", benchmarked());
    }

    @Test
    void everyRegisteredOptimizerRunsOnTheSmallSpaces(@TempDir Path dir) throws IOException {
        // grid search refuses counting-ones' 16 dimensions by design, so only the small spaces here
        checkRun(dir, "branin-mf,conditional-mf", List.copyOf(Optimizers.names()));
    }

    private static void checkRun(Path dir, String problemList, List<String> optimizerNames) throws IOException {
        String optimizers = String.join(",", optimizerNames);
        List<String> problems = problemList.equals("all") ? Problems.names() : List.of(problemList.split(","));
        Path file = dir.resolve("out/bench.json");
        RunnerOptions options = RunnerOptions.parse("--problems", problemList, "--optimizers", optimizers, "--seeds", "2",
                "--max-cost", "6", "--costs", "2,6", "--threads", "2", "--json", file.toString());
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<CellSummary> cells = BenchmarkRunner.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));
        BenchmarkRunner.writeJson(cells, file);
        Path csv = dir.resolve("seeds.csv");
        BenchmarkRunner.writeCsv(cells, csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("problem,optimizer,seed,cost,regret,test_score", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            assertEquals(6, fields.length, line);
            assertEquals(fields[0].startsWith("lcbench-"), !fields[5].isEmpty(), "a test score exactly for LCBench: " + line);
        }
        assertEquals(1 + problems.size() * optimizerNames.size() * 2 * 2, lines.size(), "a line per seed and cost");

        JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertEquals(Set.copyOf(problems), json.keySet());
        for (String problem : problems) {
            JsonObject perOptimizer = json.getAsJsonObject(problem);
            assertEquals(Set.copyOf(optimizerNames), perOptimizer.keySet(), problem);
            for (Map.Entry<String, JsonElement> e : perOptimizer.entrySet()) {
                String where = problem + " / " + e.getKey();
                JsonObject cell = e.getValue().getAsJsonObject();
                for (String cost : List.of("2", "6")) {
                    JsonObject q = cell.getAsJsonObject(cost);
                    assertEquals(Set.of("median", "q25", "q75"), q.keySet(), where);
                    double q25 = q.get("q25").getAsDouble();
                    double median = q.get("median").getAsDouble();
                    double q75 = q.get("q75").getAsDouble();
                    assertTrue(Double.isFinite(q25) && q25 >= 0, where + " q25 " + q25);
                    assertTrue(q25 <= median && median <= q75, where + " quartiles out of order");
                }
                if (problem.startsWith("lcbench-")) {
                    for (String cost : List.of("2", "6")) {
                        double score = cell.getAsJsonObject("test_score").getAsJsonObject(cost).get("median").getAsDouble();
                        assertTrue(score > 0 && score <= 1, where + " test balanced accuracy " + score);
                    }
                } else {
                    assertTrue(!cell.has("test_score"), where + " has no test score");
                }
                double overhead = cell.get("overhead_us").getAsDouble();
                assertTrue(Double.isFinite(overhead) && overhead > 0, where + " overhead " + overhead);
                assertEquals(2, cell.get("seeds").getAsInt(), where);
            }
        }

        ByteArrayOutputStream table = new ByteArrayOutputStream();
        BenchmarkRunner.printTable(options, cells, 1.0, new PrintStream(table, true, StandardCharsets.UTF_8));
        String text = table.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("restart semantics"), text);
        assertTrue(text.contains("cost 6") && text.contains(problems.get(problems.size() - 1)), text);
    }

    @Test
    void parallelAndSequentialRunsGiveTheSameRegrets() {
        // lcbench-189906: threads share one onnxruntime session
        RunnerOptions one = RunnerOptions.parse("--problems", "counting-ones,branin-mf,lcbench-189906", "--seeds", "3",
                "--max-cost", "4");
        RunnerOptions two = RunnerOptions.parse("--problems", "counting-ones,branin-mf,lcbench-189906", "--seeds", "3",
                "--max-cost", "4", "--threads", "2");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<CellSummary> a = BenchmarkRunner.run(one, quiet);
        List<CellSummary> b = BenchmarkRunner.run(two, quiet);
        assertEquals(3, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).regret()[0], b.get(i).regret()[0]);
            assertTrue(java.util.Arrays.deepEquals(a.get(i).seedRegrets(), b.get(i).seedRegrets()), a.get(i).problem());
        }
        assertEquals(1, one.checkpoints().length);
        assertEquals(4.0, one.checkpoints()[0], 0.0, "no default cost fits under --max-cost 4, so 4 itself is reported");
    }

    @Test
    void badOptionsNameTheOption() {
        assertMessage("--optimizers", "--optimizers", "nope");
        assertMessage("nope", "--problems", "branin-mf,nope");
        assertMessage("--seeds", "--seeds", "-1");
        assertMessage("--max-cost", "--max-cost", "abc");
        assertMessage("--costs", "--max-cost", "10", "--costs", "5,20");
        assertMessage("--frobnicate", "--frobnicate", "1");
        assertMessage("--json", "--json");
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse(args));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void problemGroupsExpandInOrderWithoutRepeats() {
        assertEquals(List.of("branin-mf", "hartmann6-mf", "counting-ones", "conditional-mf", "lcbench-167168",
                "lcbench-189873", "lcbench-189906", "slow-big-models", "crossing-curves", "late-parameter"),
                RunnerOptions.parse().problems(), "the default is every problem of record");
        assertEquals(RunnerOptions.parse().problems(), RunnerOptions.parse("--problems", "all").problems());
        assertEquals(List.of("lcbench-167168", "lcbench-189873", "lcbench-189906", "branin-mf", "lcbench-3945"),
                RunnerOptions.parse("--problems", "lcbench,lcbench-189873,branin-mf,lcbench-3945").problems());
        assertEquals(List.of("slow-big-models", "crossing-curves", "late-parameter"),
                RunnerOptions.parse("--problems", "misleading").problems());
        assertEquals(4, RunnerOptions.parse("--problems", "problems-md").problems().size());
        assertMessage("lcbench-42", "--problems", "lcbench-42");
    }

    @Test
    void defaultCostsArePeersCheckpoints() {
        RunnerOptions o = RunnerOptions.parse("--optimizers", "random");
        assertEquals(32, o.seeds());
        assertEquals(List.of(10.0, 30.0, 100.0, 300.0),
                java.util.Arrays.stream(o.checkpoints()).boxed().toList());
        assertEquals("10", RunnerOptions.format(10));
        assertEquals("2.5", RunnerOptions.format(2.5));
    }
}
