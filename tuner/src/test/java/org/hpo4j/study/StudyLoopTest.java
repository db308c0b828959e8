package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.objective.InProcessTrialContext;
import org.hpo4j.trial.TrialContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudyLoopTest {
    private static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", -1, 1))
            .budget("epochs", 1, 9, true)
            .build();

    /** Hands out jobs at a fixed sequence of budgets and remembers what it was told. */
    private static final class ScriptedOptimizer implements Optimizer {
        final double[] budgets;
        final List<Result> told = new ArrayList<>();
        int next;

        ScriptedOptimizer(double... budgets) {
            this.budgets = budgets;
        }

        @Override
        public Ask ask() {
            if (next >= budgets.length) {
                return isFinished() ? Ask.FINISHED : Ask.WAIT;
            }
            int id = next++;
            Configuration c = SPACE.configuration(java.util.Map.of("x", id / 10.0));
            return Ask.run(new Job(id, new Job.ConfigId(0, 0, id), c, budgets[id], 0, 0));
        }

        @Override
        public void tell(Job job, Result result) {
            told.add(result);
        }

        @Override
        public boolean isFinished() {
            return next >= budgets.length;
        }
    }

    private static StudyBuilder study(Optimizer o) {
        return Study.builder(SPACE).name("t").optimizer(o);
    }

    @Test
    void stopsAfterMaxEvaluationsAndRecordsInOrder() {
        Study s = study(new RandomSearch(SPACE, new Fidelity(1, 9), 1)).build();
        StudyResult r = s.optimize((c, ctx) -> c.getDouble("x"), StoppingRule.maxEvaluations(7));
        assertEquals(7, r.evaluations().size());
        for (int i = 0; i < 7; i++) {
            assertEquals(i, r.evaluations().get(i).job().id());
        }
        assertEquals(7.0, r.totalCost(), 1e-12);
    }

    @Test
    void costIsBudgetOverMaxBudgetAndStopsAtMaxCost() {
        ScriptedOptimizer o = new ScriptedOptimizer(1, 1, 1, 3, 3, 9, 9, 9);
        StudyResult r = study(o).build().optimize((c, ctx) -> ctx.budget(), StoppingRule.maxCost(2.0));
        // 1/9*3 + 3/9*2 = 1 after five jobs, + 1 = 2 after six
        assertEquals(6, r.evaluations().size());
        assertEquals(2.0, r.totalCost(), 1e-12);
        assertEquals(1.0 / 9, r.evaluations().get(0).cost(), 1e-15);
    }

    @Test
    void stopsWhenTheOptimizerIsFinished() {
        ScriptedOptimizer o = new ScriptedOptimizer(1, 3, 9);
        StudyResult r = study(o).build().optimize((c, ctx) -> 1.0, StoppingRule.maxEvaluations(100));
        assertEquals(3, r.evaluations().size());
    }

    @Test
    void timeLimitUsesTheStudyClock() {
        Instant[] now = {Instant.parse("2026-01-01T00:00:00Z")};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        Study s = study(new RandomSearch(SPACE, new Fidelity(1, 9), 1)).clock(clock).build();
        StudyResult r = s.optimize((c, ctx) -> {
            now[0] = now[0].plusSeconds(10);
            return 0.0;
        }, StoppingRule.anyOf(StoppingRule.maxEvaluations(100), StoppingRule.timeLimit(Duration.ofSeconds(35))));
        assertEquals(4, r.evaluations().size());
        assertEquals(Duration.ofSeconds(10), r.evaluations().get(0).duration());
    }

    @Test
    void incumbentIsBestAtHighestBudgetReached() {
        // values: at budget 1 the best is 0.1, at budget 3 the values are 5 and 4, at 9 a failure
        double[] values = {0.1, 0.5, 5, 4, Double.NaN};
        ScriptedOptimizer o = new ScriptedOptimizer(1, 1, 3, 3, 9);
        StudyResult r = study(o).build().optimize((c, ctx) -> values[ctx.jobId()], StoppingRule.maxEvaluations(5));
        assertEquals(3, r.incumbent().orElseThrow().job().id());
        assertEquals(0, r.incumbentAtCost(2.0 / 9).orElseThrow().job().id());
        assertEquals(1, r.failures());
    }

    @Test
    void maximizationNegatesForTheOptimizerButReportsUserValues() {
        ScriptedOptimizer o = new ScriptedOptimizer(9, 9, 9);
        StudyResult r = study(o).direction(Direction.MAXIMIZE).build()
                .optimize((c, ctx) -> ctx.jobId() * 2.0, StoppingRule.maxEvaluations(3));
        assertEquals(List.of(-0.0, -2.0, -4.0), o.told.stream().map(Result::value).toList());
        assertEquals(4.0, r.evaluations().get(2).value());
        assertEquals(2, r.incumbent().orElseThrow().job().id());
    }

    @Test
    void failuresAreRecordedWithTheirCauseAndTheStudyGoesOn() {
        ScriptedOptimizer o = new ScriptedOptimizer(9, 9, 9, 9);
        StudyResult r = study(o).build().optimize((c, ctx) -> {
            if (ctx.jobId() == 1) {
                throw new IllegalStateException("diverged");
            }
            return ctx.jobId() == 2 ? Double.NaN : 1.0;
        }, StoppingRule.maxEvaluations(10));
        assertEquals(4, r.evaluations().size());
        String failure = r.evaluations().get(1).result().failure();
        assertTrue(failure.startsWith("java.lang.IllegalStateException: diverged\n\tat "), failure);
        assertTrue(failure.contains("StudyLoopTest"), "the stack names where it was thrown: " + failure);
        assertTrue(r.evaluations().get(2).result().failure().contains("NaN"));
        assertTrue(o.told.get(1).isFailure());
        assertFalse(r.evaluations().get(3).isFailure());
    }

    @Test
    void aStudyWhoseEvaluationsAllFailEndsWithTheFirstCause() {
        ScriptedOptimizer o = new ScriptedOptimizer(9, 9);
        StudyFailedException e = assertThrows(StudyFailedException.class, () -> study(o).build().optimize((c, ctx) -> {
            throw new ArithmeticException("boom " + ctx.jobId());
        }, StoppingRule.maxEvaluations(10)));
        assertTrue(e.getMessage().contains("java.lang.ArithmeticException: boom 0"), e.getMessage());
        assertTrue(e.getMessage().contains("all 2 evaluations"), e.getMessage());
        assertEquals(2, e.result().evaluations().size());
    }

    @Test
    void contextCarriesIntegerBudgetSeedReportsAndWorkFolder(@TempDir Path tmp) {
        ScriptedOptimizer o = new ScriptedOptimizer(1.0000000000000002, 3);
        List<Long> seeds = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        List<StudyResult> finished = new ArrayList<>();
        Study s = study(o).seed(42).workDirectory(tmp).listener(new StudyListener() {
            @Override
            public void studyFinished(StudyResult result) {
                finished.add(result);
            }
        }).build();
        StudyResult r = s.optimize((c, ctx) -> {
            seeds.add(ctx.seed());
            dirs.add(ctx.workDirectory());
            ctx.report(1, 0.5);
            ctx.report(2, 0.25);
            return ctx.budget();
        }, StoppingRule.maxEvaluations(2));
        assertEquals(1.0, r.evaluations().get(0).value());
        assertEquals(List.of(new Evaluation.Report(1, 0.5), new Evaluation.Report(2, 0.25)),
                r.evaluations().get(0).reports());
        assertEquals(InProcessTrialContext.deriveSeed(42, 0), seeds.get(0));
        assertNotEquals(seeds.get(0), seeds.get(1));
        assertEquals(tmp.resolve("t").resolve("job-1"), dirs.get(1));
        assertTrue(Files.isDirectory(dirs.get(1)));
        assertEquals(1, finished.size());
    }

    @Test
    void stoppingRulesRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> StoppingRule.maxEvaluations(0));
        assertThrows(IllegalArgumentException.class, () -> StoppingRule.maxCost(-1));
        assertThrows(IllegalArgumentException.class, () -> StoppingRule.timeLimit(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> Study.builder(SPACE).build());
    }
}
