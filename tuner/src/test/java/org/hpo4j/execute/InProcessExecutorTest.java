package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.hpo4j.optimizer.Result;
import org.hpo4j.objective.InProcessTrialContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InProcessExecutorTest {
    @TempDir
    Path dir;

    Task task(int id, double x, String mode) {
        return new Task(id, 1, ModeObjective.config(x, mode), 9, 0, InProcessTrialContext.deriveSeed(1, id), dir.resolve("job-" + id));
    }

    @Test
    void runsInParallelAndRecordsFailuresAndTimeouts() throws Exception {
        ModeObjective objective = new ModeObjective();
        try (InProcessExecutor executor = new InProcessExecutor(objective, 3, Duration.ofMillis(300))) {
            executor.submit(task(0, 3, "ok"));
            executor.submit(task(1, 0, "throw"));
            executor.submit(task(2, 0, "sleep"));
            assertThrows(IllegalStateException.class, () -> executor.submit(task(3, 0, "ok")),
                    "no more than parallelism at once");
            Map<Integer, Result> r = new HashMap<>();
            for (int i = 0; i < 3; i++) {
                Completion c = executor.take();
                r.put(c.task().jobId(), c.result());
            }
            assertEquals(4.0, r.get(0).value());
            assertTrue(r.get(1).failure().startsWith("java.lang.IllegalStateException: bad configuration"));
            assertEquals("timeout after 0.3 s", r.get(2).failure());
            assertEquals(0, executor.outstanding());
            // the timed-out thread does not hold a slot
            for (int i = 10; i < 13; i++) {
                executor.submit(task(i, 1, "ok"));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(0.0, executor.take().result().value());
            }
        }
    }
}
