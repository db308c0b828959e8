package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.JobState;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyMismatchException;
import org.hpo4j.store.StudyStore;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyBuilder;
import org.hpo4j.study.StudyFailedException;
import org.hpo4j.study.StudyListener;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Studies run by executors and kept in stores: parallel jobs, resume, failures. */
class StudyExecutionTest {
    static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", -5, 5))
            .add(IntParameter.uniform("n", 1, 8))
            .budget("epochs", 1, 27, true)
            .build();
    static final Objective QUADRATIC = (c, ctx) -> Math.pow(c.getDouble("x") - 1, 2) + c.getLong("n") + 10.0 / ctx.budget();

    @TempDir
    Path dir;

    StudyBuilder study(String optimizer) {
        return Study.builder(SPACE).name("quad").seed(7).workDirectory(dir)
                .optimizer(optimizer, new Fidelity(1, 27), 11);
    }

    static List<String> trials(StudyResult r) {
        return r.evaluations().stream().map(e -> e.job().id() + " " + e.job().configuration() + " @" + e.job().budget()
                + " = " + e.result()).toList();
    }

    @Test
    void parallelJobsRunAtOnceAndTheStudyEndsWithExactlyMaxEvaluations() {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Objective slow = (c, ctx) -> {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            Thread.sleep(20);
            now.decrementAndGet();
            return QUADRATIC.evaluate(c, ctx);
        };
        try (InProcessExecutor executor = new InProcessExecutor(slow, 3)) {
            StudyResult r = study("hyperband").executor(executor).build().optimize(StoppingRule.maxEvaluations(20));
            assertEquals(20, r.evaluations().size());
            assertEquals(20, r.evaluations().stream().map(e -> e.job().id()).distinct().count());
            assertEquals(3, most.get(), "three jobs ran at once");
        }
    }

    @Test
    void aStoreKeepsTheSingleThreadTrialsIdentical() {
        StudyResult plain = study("bohb").build().optimize(QUADRATIC, StoppingRule.maxEvaluations(40));
        try (StudyStore store = new InMemoryStore()) {
            StudyResult stored = study("bohb").store(store).build().optimize(QUADRATIC, StoppingRule.maxEvaluations(40));
            assertEquals(trials(plain), trials(stored));
            List<StoredJob> jobs = store.jobs("quad");
            assertEquals(40, jobs.size());
            assertTrue(jobs.stream().allMatch(j -> j.state() == JobState.FINISHED));
        }
    }

    @Test
    void aStoppedStudyContinuesWhereItStoppedWithTheSameTrials() {
        StudyResult uninterrupted = study("hyperband").build().optimize(QUADRATIC, StoppingRule.maxEvaluations(30));
        Path file = dir.resolve("quad.db");
        try (StudyStore store = SqliteStore.open(file, false)) {
            study("hyperband").store(store).build().optimize(QUADRATIC, StoppingRule.maxEvaluations(12));
        }
        List<Evaluation> replayed = new java.util.ArrayList<>();
        try (StudyStore store = SqliteStore.open(file, false)) {
            StudyResult resumed = study("hyperband").store(store).listener(new StudyListener() {
                @Override
                public void resumed(List<Evaluation> evaluations) {
                    replayed.addAll(evaluations);
                }
            }).build().optimize(QUADRATIC, StoppingRule.maxEvaluations(30));
            assertEquals(12, replayed.size());
            assertEquals(trials(uninterrupted), trials(resumed));
        }
    }

    @Test
    void jobsRunningWhenTheCoordinatorDiedRunAgainAndNothingIsCountedTwice() {
        StudyResult uninterrupted;
        try (InProcessExecutor executor = new InProcessExecutor(QUADRATIC, 3)) {
            uninterrupted = study("hyperband").executor(executor).build().optimize(StoppingRule.maxEvaluations(25));
        }
        Path file = dir.resolve("crash.db");
        AtomicInteger finished = new AtomicInteger();
        Objective slowerForSome = (c, ctx) -> {
            Thread.sleep(c.getLong("n") * 3);
            return QUADRATIC.evaluate(c, ctx);
        };
        try (StudyStore store = SqliteStore.open(file, false);
             InProcessExecutor executor = new InProcessExecutor(slowerForSome, 3)) {
            // the coordinator "dies" (an exception escapes its loop) with jobs still running
            StudyListener crash = new StudyListener() {
                @Override
                public void evaluationFinished(Evaluation e) {
                    if (finished.incrementAndGet() == 10) {
                        throw new IllegalStateException("simulated crash");
                    }
                }
            };
            Study s = study("hyperband").executor(executor).store(store).listener(crash).build();
            assertThrows(IllegalStateException.class, () -> s.optimize(StoppingRule.maxEvaluations(25)));
        }
        Set<Integer> finishedBefore;
        try (StudyStore store = SqliteStore.open(file, false)) {
            List<StoredJob> before = store.jobs("quad");
            assertTrue(before.stream().anyMatch(j -> j.state() == JobState.RUNNING), "jobs were running at the crash");
            finishedBefore = before.stream().filter(j -> j.state().isDone()).map(StoredJob::jobId).collect(Collectors.toSet());
            assertEquals(10, finishedBefore.size());
        }
        try (StudyStore store = SqliteStore.open(file, false);
             InProcessExecutor executor = new InProcessExecutor(QUADRATIC, 3)) {
            StudyResult resumed = study("hyperband").executor(executor).store(store).build()
                    .optimize(StoppingRule.maxEvaluations(25));
            assertEquals(25, resumed.evaluations().size());
            assertEquals(25, resumed.evaluations().stream().map(e -> e.job().id()).distinct().count(),
                    "no job counted twice");
            List<StoredJob> after = store.jobs("quad");
            assertEquals(25, after.stream().filter(j -> j.state().isDone()).count());
            assertTrue(after.stream().filter(j -> !finishedBefore.contains(j.jobId())).anyMatch(j -> j.attempt() == 2),
                    "a job that was running ran again as attempt 2");
            assertEquals(uninterrupted.evaluations().size(), resumed.evaluations().size());
        }
    }

    @Test
    void aChangedSpaceIsRefusedNamingTheStudy() {
        try (StudyStore store = new InMemoryStore()) {
            study("random").store(store).build().optimize(QUADRATIC, StoppingRule.maxEvaluations(2));
            SearchSpace wider = SearchSpace.builder().add(FloatParameter.uniform("x", -10, 10))
                    .add(IntParameter.uniform("n", 1, 8)).budget("epochs", 1, 27, true).build();
            Study changed = Study.builder(wider).name("quad").seed(7).workDirectory(dir)
                    .optimizer("random", new Fidelity(1, 27), 11).store(store).build();
            StudyMismatchException e = assertThrows(StudyMismatchException.class,
                    () -> changed.optimize(QUADRATIC, StoppingRule.maxEvaluations(4)));
            assertTrue(e.getMessage().contains("study 'quad'"), e.getMessage());
            assertTrue(e.getMessage().contains("+ x float [-10.0, 10.0]"), e.getMessage());
        }
    }

    @Test
    void aStudyWhoseEvaluationsAllFailStopsEarlyQuotingTheFirstFailure() {
        Objective broken = (c, ctx) -> {
            throw new UnsupportedOperationException("no GPU for job " + ctx.jobId());
        };
        try (InProcessExecutor executor = new InProcessExecutor(broken, 2)) {
            Study s = study("random").executor(executor).failFastAfter(6).build();
            StudyFailedException e = assertThrows(StudyFailedException.class,
                    () -> s.optimize(StoppingRule.maxEvaluations(1000)));
            // the first to finish of the two that started together
            assertTrue(e.getMessage().matches("(?s).*failed with: java.lang.UnsupportedOperationException: no GPU for job [01]\n.*"),
                    e.getMessage());
            int n = e.result().evaluations().size();
            assertTrue(n >= 6 && n <= 7, "stopped after the first 6 failures and the one in flight: " + n);
        }
    }

    @Test
    void forkedWorkersSurviveEveryFailureAndTheBestIsAGoodEvaluation() {
        List<String> modes = List.of("ok", "throw", "nan", "sleep", "exit", "oom", "ok", "print", "ok");
        List<Configuration> configs = new java.util.ArrayList<>();
        for (int i = 0; i < modes.size(); i++) {
            configs.add(ModeObjective.config(i - 3.0, modes.get(i)));
        }
        try (ForkedWorkerExecutor workers = ForkedWorkerExecutor.builder(ModeObjective.class.getName())
                .workers(2).maxHeap("64m").timeout(Duration.ofSeconds(6)).expectedSpace(ModeObjective.SPACE.describe())
                .workerOutput(line -> { }).build();
             StudyStore store = new InMemoryStore()) {
            StudyResult r = Study.builder(ModeObjective.SPACE).name("modes").workDirectory(dir)
                    .optimizer(new ListOptimizer(configs)).executor(workers).store(store).build()
                    .optimize(StoppingRule.maxEvaluations(100));
            assertEquals(modes.size(), r.evaluations().size(), "the study went on to the end");
            Map<String, String> causeByMode = r.evaluations().stream().filter(Evaluation::isFailure)
                    .collect(Collectors.toMap(e -> e.job().configuration().getString("mode"), e -> e.result().failure()));
            assertTrue(causeByMode.get("throw").startsWith("java.lang.IllegalStateException: bad configuration"));
            assertEquals("objective returned NaN", causeByMode.get("nan"));
            assertEquals("timeout after 6 s", causeByMode.get("sleep"));
            assertTrue(causeByMode.get("exit").startsWith("worker exited with code 3"));
            assertTrue(causeByMode.get("oom").startsWith("java.lang.OutOfMemoryError"));
            assertEquals(5, causeByMode.size());
            Evaluation best = r.incumbent().orElseThrow();
            assertEquals("ok", best.job().configuration().getString("mode"));
            assertEquals(3.0, best.job().configuration().getDouble("x"));
            assertEquals(4.0, best.value());
            // the store holds the same causes
            assertEquals("timeout after 6 s", store.jobs("modes").get(3).failure());
        }
    }

    @Test
    void maximizedStudiesResumeWithTheUsersValues() {
        Objective negated = (c, ctx) -> -QUADRATIC.evaluate(c, ctx);
        StudyResult uninterrupted = study("bohb").direction(Direction.MAXIMIZE).build()
                .optimize(negated, StoppingRule.maxEvaluations(20));
        try (StudyStore store = new InMemoryStore()) {
            study("bohb").direction(Direction.MAXIMIZE).store(store).build().optimize(negated, StoppingRule.maxEvaluations(9));
            StudyResult resumed = study("bohb").direction(Direction.MAXIMIZE).store(store).build()
                    .optimize(negated, StoppingRule.maxEvaluations(20));
            assertEquals(trials(uninterrupted), trials(resumed));
            assertEquals(uninterrupted.incumbent().orElseThrow().value(), resumed.incumbent().orElseThrow().value());
        }
    }

    @Test
    void aFinishedStudyCanBeContinuedForMoreIterations() {
        StudyBuilder twoIterations = Study.builder(SPACE).name("quad").seed(7).workDirectory(dir)
                .optimizer("hyperband", new Fidelity(1, 27), 11, new HyperbandSettings(3, 2));
        StudyResult uninterrupted = twoIterations.build().optimize(QUADRATIC, StoppingRule.maxEvaluations(1000));
        try (StudyStore store = new InMemoryStore()) {
            StudyResult first = Study.builder(SPACE).name("quad").seed(7).workDirectory(dir)
                    .optimizer("hyperband", new Fidelity(1, 27), 11, new HyperbandSettings(3, 1)).store(store).build()
                    .optimize(QUADRATIC, StoppingRule.maxEvaluations(1000));
            assertTrue(first.evaluations().size() < uninterrupted.evaluations().size());
            StudyResult continued = Study.builder(SPACE).name("quad").seed(7).workDirectory(dir)
                    .optimizer("hyperband", new Fidelity(1, 27), 11, new HyperbandSettings(3, 2)).store(store).build()
                    .optimize(QUADRATIC, StoppingRule.maxEvaluations(1000));
            assertEquals(trials(uninterrupted), trials(continued));
        }
    }

    @Test
    void intermediateReportsAreStoredAndReplayed() {
        Objective reporting = (c, ctx) -> {
            for (int step = 1; step <= 3; step++) {
                ctx.report(step, step * c.getDouble("x"));
            }
            return QUADRATIC.evaluate(c, ctx);
        };
        try (StudyStore store = new InMemoryStore(); InProcessExecutor executor = new InProcessExecutor(reporting, 2)) {
            StudyResult r = study("random").executor(executor).store(store).build().optimize(StoppingRule.maxEvaluations(4));
            for (Evaluation e : r.evaluations()) {
                double x = e.job().configuration().getDouble("x");
                assertEquals(List.of(new Evaluation.Report(1, x), new Evaluation.Report(2, 2 * x), new Evaluation.Report(3, 3 * x)),
                        e.reports());
                assertEquals(List.of(1.0, 2.0, 3.0), store.reports("quad", e.job().id()).stream()
                        .map(org.hpo4j.store.StoredReport::step).toList());
            }
            StudyResult resumed = study("random").store(store).build().optimize(reporting, StoppingRule.maxEvaluations(4));
            assertEquals(r.evaluations().stream().map(Evaluation::reports).collect(Collectors.toSet()),
                    resumed.evaluations().stream().map(Evaluation::reports).collect(Collectors.toSet()));
        }
    }
}
