package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hpo4j.space.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What one evaluation leaves in a worker JVM: fresh workers on request, a warning about threads, no passwords. */
class WorkerIsolationTest {
    @TempDir
    Path dir;

    static Configuration mode(String m) {
        return LeftoverObjective.SPACE.configuration(Map.of("mode", m));
    }

    List<Double> run(ForkedWorkerExecutor executor, String mode, int n) throws InterruptedException {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            executor.submit(new Task(i, 1, mode(mode), 1, 0, 0, dir.resolve("job-" + i)));
            values.add(executor.take().result().value());
        }
        return values;
    }

    @Test
    void staticStateCarriesOverUnlessEachEvaluationGetsAFreshWorker() throws Exception {
        try (ForkedWorkerExecutor reused = ForkedWorkerExecutor.builder(LeftoverObjective.class.getName())
                .workerOutput(line -> { }).build()) {
            assertEquals(List.of(1.0, 2.0, 3.0), run(reused, "count", 3), "a reused JVM keeps the static counter");
        }
        try (ForkedWorkerExecutor fresh = ForkedWorkerExecutor.builder(LeftoverObjective.class.getName())
                .freshWorkerEvery(1).workerOutput(line -> { }).build()) {
            assertEquals(List.of(1.0, 1.0, 1.0), run(fresh, "count", 3));
        }
        try (ForkedWorkerExecutor everyTwo = ForkedWorkerExecutor.builder(LeftoverObjective.class.getName())
                .freshWorkerEvery(2).workerOutput(line -> { }).build()) {
            assertEquals(List.of(1.0, 2.0, 1.0, 2.0), run(everyTwo, "count", 4));
        }
    }

    @Test
    void anEvaluationThatLeavesAThreadRunningIsWarnedAbout() throws Exception {
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        try (ForkedWorkerExecutor executor = ForkedWorkerExecutor.builder(LeftoverObjective.class.getName())
                .workerOutput(output::add).build()) {
            run(executor, "thread", 2);
            run(executor, "count", 1);
            long deadline = System.currentTimeMillis() + 10_000;
            while (output.stream().filter(l -> l.contains("non-daemon")).count() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }
        List<String> warnings = output.stream().filter(l -> l.contains("non-daemon")).toList();
        assertEquals(2, warnings.size(), output.toString());
        assertTrue(warnings.get(0).contains("the evaluation of job 0 left 1 non-daemon thread(s) running (user-spinner-0)"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("-Dhpo.freshWorkerEvery=1"));
    }

    @Test
    void workersDoNotInheritDatabasePasswords() {
        Map<String, String> env = new HashMap<>(Map.of("HPO_DB_PASSWORD", "s", "PGPASSWORD", "t", "PATH", "/bin",
                "HPO_DB_USER", "u"));
        ForkedWorkerExecutor.withholdSecrets(env, Set.of());
        assertEquals(Map.of("PATH", "/bin", "HPO_DB_USER", "u"), env);
        Map<String, String> kept = new HashMap<>(Map.of("HPO_DB_PASSWORD", "s", "PGPASSWORD", "t"));
        ForkedWorkerExecutor.withholdSecrets(kept, Set.of("PGPASSWORD"));
        assertEquals(Map.of("PGPASSWORD", "t"), kept, "an objective that needs PGPASSWORD can have it");
    }
}
