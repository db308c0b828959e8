package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an objective prints or throws is kept within hpo.outputLimit, wherever it ends up. */
class OutputLimitTest {
    @TempDir
    Path dir;

    @Test
    void boundKeepsStartAndEndAndSaysWhatWasCut() {
        assertEquals("short", Failures.bound("short", 1024));
        String text = "A".repeat(10_000) + "Z".repeat(10_000);
        String cut = Failures.bound(text, 4096);
        assertTrue(cut.startsWith("A".repeat(1024) + "\n[... 15904 characters cut by hpo4j (hpo.outputLimit=4096) ...]\n"), cut);
        assertTrue(cut.endsWith("Z".repeat(3072)));
    }

    @Test
    void linesAreCutWithoutHoldingThemWhole() throws IOException {
        List<String> lines = new ArrayList<>();
        String input = "first\r\n" + "x".repeat(100_000) + "END\nlast";
        BoundedLines.read(new StringReader(input), 2048, lines::add);
        assertEquals(3, lines.size(), lines.toString().substring(0, 200));
        assertEquals("first", lines.get(0));
        assertTrue(lines.get(1).startsWith("x".repeat(512) + "[... 97955 characters cut"), lines.get(1).substring(0, 600));
        assertTrue(lines.get(1).endsWith("END"));
        assertTrue(lines.get(1).length() < 2048 + 100);
        assertEquals("last", lines.get(2));
    }

    @Test
    void theEchoAllowsABurstThenARate() {
        EchoLimit echo = new EchoLimit(3, 10);
        long t = 0;
        assertEquals(0, echo.tryAcquire(t));
        assertEquals(0, echo.tryAcquire(t));
        assertEquals(0, echo.tryAcquire(t));
        assertEquals(EchoLimit.REFUSED, echo.tryAcquire(t));
        assertEquals(EchoLimit.REFUSED, echo.tryAcquire(t + 50_000_000L));
        assertEquals(2, echo.tryAcquire(t + 100_000_000L), "one line per 100 ms; it says two were dropped");
    }

    /**
     * The 30 MB line and the 20 MB message of issue 13, three times each, in worker JVMs and a
     * SQLite store: every cause is bounded and marked as cut, the database stays small, and the
     * console gets a bounded echo.
     */
    @Test
    void floodsEndAsBoundedCausesInASmallDatabase() throws Exception {
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        Path db = dir.resolve("flood.db");
        StudyResult result;
        try (SqliteStore store = SqliteStore.open(db, false);
             ForkedWorkerExecutor executor = ForkedWorkerExecutor.builder(FloodObjective.class.getName())
                     .workers(1).maxHeap("256m").expectedSpace(FloodObjective.SPACE.describe())
                     .workerOutput(console::add).timeout(Duration.ofSeconds(60)).build()) {
            result = Study.builder(FloodObjective.SPACE).name("flood").optimizer("random", new Fidelity(1, 3), 5)
                    .seed(5).workDirectory(dir).store(store).executor(executor).failFastAfter(100).build()
                    .optimize(StoppingRule.maxEvaluations(9));
            for (StoredJob j : store.jobs("flood")) {
                if (j.failure() != null) {
                    assertTrue(j.failure().length() < Failures.DEFAULT_LIMIT + 200, "job " + j.jobId() + ": " + j.failure().length());
                    assertTrue(j.failure().contains("characters cut by hpo4j (hpo.outputLimit=65536)"), j.failure().substring(0, 300));
                }
                for (StoredAttempt a : store.attempts("flood", j.jobId())) {
                    assertTrue(!a.result().isFailure() || a.result().failure().length() < Failures.DEFAULT_LIMIT + 200);
                }
            }
        }
        Map<String, Long> modes = new java.util.TreeMap<>();
        result.evaluations().forEach(e -> modes.merge(e.job().configuration().getString("mode"), 1L, Long::sum));
        assertTrue(modes.getOrDefault("line", 0L) >= 1 && modes.getOrDefault("message", 0L) >= 1, modes.toString());
        result.evaluations().stream().filter(e -> !e.job().configuration().getString("mode").equals("chatty"))
                .forEach(e -> assertTrue(e.isFailure(), e.toString()));
        result.evaluations().stream().filter(e -> e.job().configuration().getString("mode").equals("line"))
                .forEach(e -> assertTrue(e.result().failure().startsWith("worker exited with code 3\nlast output"),
                        e.result().failure().substring(0, 100)));
        long size = Files.size(db) + (Files.exists(dir.resolve("flood.db-wal")) ? Files.size(dir.resolve("flood.db-wal")) : 0);
        assertTrue(size < 3 << 20, "database of " + size + " bytes");
        long echoed = console.stream().mapToLong(String::length).sum();
        assertTrue(echoed < 2 << 20, "console echo of " + echoed + " characters");
    }
}
