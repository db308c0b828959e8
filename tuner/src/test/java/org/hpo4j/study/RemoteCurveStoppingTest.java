package org.hpo4j.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.execute.Completion;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.ForkedWorkerExecutor;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.execute.ReportListener;
import org.hpo4j.execute.Task;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.RandomSearch;
import org.hpo4j.optimizer.WarmStart;
import org.hpo4j.space.Configuration;
import org.hpo4j.store.EmbeddedPostgresServer;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StoredReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curve stopping on a shared PostgreSQL store: the coordinator runs no evaluation itself, a
 * {@link RemoteWorker} runs them all, and the only channel between the two is the database.
 */
class RemoteCurveStoppingTest {
    private static final int EPOCHS = CurveObjective.EPOCHS;
    /** Short, so that heartbeats (a quarter lease) carry a stop request to the worker within epochs. */
    private static final Duration LEASE = Duration.ofMillis(400);

    @TempDir
    Path dir;

    private static Configuration at(double rate, double floor) {
        return CurveObjective.SPACE.configuration(Map.of("rate", rate, "floor", floor));
    }

    /** A coordinator that works on no job itself: every evaluation is a remote worker's. */
    static final class NoLocalWorkers implements Executor {
        @Override public int parallelism() { return 0; }
        @Override public int outstanding() { return 0; }
        @Override public void submit(Task task) { throw new IllegalStateException("the coordinator runs no job"); }
        @Override public Completion take() { throw new IllegalStateException("the coordinator runs no job"); }
        @Override public Optional<Completion> poll(Duration timeout) { return Optional.empty(); }
        @Override public void reportsTo(ReportListener listener) { }
        @Override public void close() { }
    }

    /**
     * Evaluated in this order: an incumbent at 0.2 (nothing to compare with yet), two runs levelling
     * off at 0.6 and 0.8, and a slow run heading to 0.05 that ends best.
     */
    private static StudyBuilder study(PostgresStore store) {
        List<Configuration> runs = List.of(at(0.3, 0.2), at(0.3, 0.6), at(0.3, 0.8), at(0.08, 0.05));
        Fidelity settingsFidelity = new Fidelity(1, EPOCHS);
        long settingsSeed = 7;
        return Study.builder(CurveObjective.SPACE).name("remote-curves").seed(7)
                .optimizer(new WarmStart(new RandomSearch(CurveObjective.SPACE, settingsFidelity, settingsSeed), runs, EPOCHS, List.of(), 1))
                .stopper(CurveStopper.defaults(Direction.MINIMIZE))
                .lease(LEASE).store(store);
    }

    @Test
    void aRemoteWorkerInThisJvmStopsBadCurvesWhenTheDatabaseSaysSo() throws Exception {
        try (InProcessExecutor executor = new InProcessExecutor(new CurveObjective.Slow(), 1)) {
            runAndCheck(executor);
        }
    }

    @Test
    void aRemoteWorkerWithAForkedWorkerJvmStopsBadCurvesToo() throws Exception {
        try (ForkedWorkerExecutor executor = ForkedWorkerExecutor.builder(CurveObjective.Slow.class.getName())
                .workers(1).maxHeap("64m").expectedSpace(CurveObjective.SPACE.describe()).build()) {
            runAndCheck(executor);
        }
    }

    private void runAndCheck(Executor workerExecutor) throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StudyResult result;
        RemoteWorker.Summary summary;
        try (PostgresStore coordinatorStore = PostgresStore.open(url);
             PostgresStore workerStore = PostgresStore.open(url)) {
            RemoteWorker worker = new RemoteWorker(workerStore, "remote-curves", CurveObjective.SPACE, workerExecutor,
                    dir.resolve("work"), LEASE, Duration.ofMillis(20), new PrintStream(out, true, StandardCharsets.UTF_8));
            CompletableFuture<RemoteWorker.Summary> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return worker.run();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            result = study(coordinatorStore).executor(new NoLocalWorkers()).build()
                    .optimize(StoppingRule.maxEvaluations(4));
            summary = run.get(30, TimeUnit.SECONDS);
            String log = out.toString(StandardCharsets.UTF_8);
            assertEquals(new RemoteWorker.Summary(4, 0, 0), summary, log);

            List<Evaluation> evaluations = result.evaluations();
            assertEquals(4, evaluations.size());
            for (int i = 0; i < 4; i++) {
                Evaluation e = evaluations.get(i);
                StoredJob stored = coordinatorStore.jobs("remote-curves").get(e.job().id());
                List<StoredReport> reports = coordinatorStore.reports("remote-curves", e.job().id());
                boolean bad = i == 1 || i == 2;
                assertEquals(bad, e.stoppedEarly(), "evaluation " + i + " " + e.job().configuration() + "\n" + log);
                assertEquals(bad, stored.stopRequested(), "job " + stored.jobId());
                if (bad) {
                    Evaluation.Report last = e.reports().get(e.reports().size() - 1);
                    assertTrue(reports.size() < EPOCHS, "job " + stored.jobId() + " ran all " + reports.size() + " epochs");
                    assertEquals(reports.size(), e.reports().size());
                    assertEquals(last.value(), e.value(), "it counts with its last reported value");
                    assertEquals(last.value(), stored.value(), "and the store keeps that value");
                    assertEquals(last.step() / EPOCHS, e.cost(), 1e-12, "charged for the epochs it ran");
                    assertTrue(log.contains("[hpo] job " + stored.jobId() + " (attempt 1): the coordinator's curve"
                            + " stopper asks it to stop early"), log);
                } else {
                    assertEquals(EPOCHS, reports.size(), "job " + stored.jobId() + " ran to its budget");
                    assertEquals(1.0, e.cost());
                    assertEquals(stored.value(), e.value());
                }
            }
            assertEquals(evaluations.get(3), result.incumbent().orElseThrow(), "the slow run ends best");
            assertTrue(coordinatorStore.isStudyFinished("remote-curves"));

            // a coordinator that continues the study reads the same from the store
            StudyResult resumed = study(coordinatorStore).executor(new NoLocalWorkers()).build()
                    .optimize(StoppingRule.maxEvaluations(4));
            assertEquals(evaluations.stream().map(Evaluation::stoppedEarly).toList(),
                    resumed.evaluations().stream().map(Evaluation::stoppedEarly).toList());
            assertEquals(evaluations.stream().map(Evaluation::value).toList(),
                    resumed.evaluations().stream().map(Evaluation::value).toList());
            assertEquals(result.totalCost(), resumed.totalCost(), 1e-12);
        }
    }

    @Test
    void theCoordinatorsOwnWorkersAreStoppedAtOnce() {
        try (PostgresStore store = PostgresStore.open(EmbeddedPostgresServer.newDatabase());
             InProcessExecutor local = new InProcessExecutor(new CurveObjective.Slow(), 1)) {
            StudyResult r = study(store).executor(local).build().optimize(StoppingRule.maxEvaluations(4));
            List<Boolean> stopped = r.evaluations().stream().map(Evaluation::stoppedEarly).toList();
            assertEquals(List.of(false, true, true, false), stopped);
            for (Evaluation e : r.evaluations()) {
                StoredJob stored = store.jobs("remote-curves").get(e.job().id());
                assertEquals(e.stoppedEarly(), stored.stopRequested());
                assertEquals(e.value(), stored.value());
            }
            assertFalse(r.evaluations().get(3).reports().size() < EPOCHS);
        }
    }
}
