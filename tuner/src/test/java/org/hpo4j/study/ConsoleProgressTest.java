package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hpo4j.annotations.Direction;
import org.hpo4j.execute.ModeObjective;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long now;

    static Evaluation evaluation(int id, double budget, Result result) {
        Job job = new Job(id, new Job.ConfigId(id, 0, 0), ModeObjective.config(0, "ok"), budget, 0, 0);
        return new Evaluation(job, result, Instant.EPOCH, Instant.EPOCH, List.of(), budget / 9);
    }

    String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesShowCountsBestAtHighestBudgetAndTimeLeft() {
        ConsoleProgress p = new ConsoleProgress(out, Direction.MINIMIZE, 10, false, Duration.ZERO, () -> now);
        p.evaluationStarted(evaluation(0, 1, null).job());
        p.evaluationStarted(evaluation(1, 3, null).job());
        now += 2_000_000_000L;
        p.evaluationFinished(evaluation(0, 1, Result.of(0.5)));
        now += 2_000_000_000L;
        p.evaluationFinished(evaluation(1, 3, Result.of(0.9)));
        p.evaluationFinished(evaluation(2, 9, Result.failed("boom")));
        String[] lines = text().split("\n");
        assertEquals(3, lines.length, text());
        assertEquals("hpo: 1/10 done, 1 running, 0 failed, best 0.500000 (budget 1), 2s elapsed, ~18s left", lines[0]);
        // the value at the higher budget wins even though it is worse: HpBandSter's incumbent rule
        assertEquals("hpo: 2/10 done, 0 running, 0 failed, best 0.900000 (budget 3), 4s elapsed, ~16s left", lines[1]);
        assertTrue(lines[2].startsWith("hpo: 3/10 done, 0 running, 1 failed, best 0.900000 (budget 3)"), lines[2]);
        assertFalse(text().contains("\r"));
    }

    @Test
    void plainLinesAreSpacedOutButTheLastIsAlwaysPrinted() {
        ConsoleProgress p = new ConsoleProgress(out, Direction.MAXIMIZE, 0, false, Duration.ofSeconds(10), () -> now);
        for (int i = 0; i < 5; i++) {
            now += 1_000_000_000L;
            p.evaluationFinished(evaluation(i, 9, Result.of(i)));
        }
        p.studyFinished(new StudyResult("s", Direction.MAXIMIZE, List.of()));
        String[] lines = text().split("\n");
        assertEquals(2, lines.length, text());
        assertEquals("hpo: 1 done, 0 running, 0 failed, best 0.00000 (budget 9), 1s elapsed", lines[0]);
        assertEquals("hpo: 5 done, 0 running, 0 failed, best 4.00000 (budget 9), 5s elapsed", lines[1]);
    }

    @Test
    void aLiveLineIsRewrittenInPlace() {
        ConsoleProgress p = new ConsoleProgress(out, Direction.MINIMIZE, 3, true, Duration.ZERO, () -> now);
        p.resumed(List.of(evaluation(0, 9, Result.of(2.0))));
        int afterResume = text().length();
        for (int i = 1; i < 3; i++) {
            now += 1_000_000_000L;
            p.evaluationStarted(evaluation(i, 9, null).job());
            p.evaluationFinished(evaluation(i, 9, Result.of(1.0 / i)));
        }
        p.studyFinished(new StudyResult("s", Direction.MINIMIZE, List.of()));
        String live = text().substring(afterResume);
        assertTrue(text().startsWith("hpo: continuing the stored study: 1 evaluations already done, best 2.00000 (budget 9)\n"));
        assertTrue(live.startsWith("\r"));
        assertEquals(1, live.chars().filter(c -> c == '\n').count(), "one newline, at the end");
        assertTrue(live.contains("\rhpo: 2/3 done, 1 running, 0 failed, best 1.00000 (budget 9), 2s elapsed, ~2s left\r"), live);
        // the last line is shorter than the one before: spaces wipe the rest
        assertTrue(live.endsWith("\rhpo: 3/3 done, 0 running, 0 failed, best 0.500000 (budget 9), 2s elapsed         \n"), live);
    }

    @Test
    void durationsReadWell() {
        assertEquals("59s", ConsoleProgress.duration(59_000_000_000L));
        assertEquals("1m05s", ConsoleProgress.duration(65_000_000_000L));
        assertEquals("2h03m04s", ConsoleProgress.duration((2 * 3600 + 3 * 60 + 4) * 1_000_000_000L));
    }
}
