package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.junit.jupiter.api.Test;

class ProgressPrinterTest {
    private static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();

    private static Job job(int id) {
        return new Job(id, new Job.ConfigId(0, 0, id), SPACE.configuration(Map.of("x", id / 10.0)), 1, 0, 0);
    }

    @Test
    void theLiveLineCountsTheJobsStillRunning() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressPrinter printer = new ProgressPrinter(new PrintStream(bytes, true, StandardCharsets.UTF_8), false,
                Direction.MINIMIZE, null);
        for (int id = 0; id < 3; id++) {
            printer.evaluationStarted(job(id));
        }
        printer.evaluationFinished(new Evaluation(job(1), Result.of(0.5), Instant.EPOCH, Instant.EPOCH, List.of(), 1));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("evaluations 1 | running 2 | best 0.500000 at budget 1"), out);
        printer.evaluationFinished(new Evaluation(job(0), Result.of(0.25), Instant.EPOCH, Instant.EPOCH, List.of(), 1));
        printer.evaluationFinished(new Evaluation(job(2), Result.failed("boom"), Instant.EPOCH, Instant.EPOCH, List.of(), 1));
        out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("evaluations 3 | running 0 | best 0.250000 at budget 1"), out);
    }
}
