package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.annotations.Direction;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.JobState;
import org.hpo4j.store.LeaseStatus;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StoreUnavailableException;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StoredReport;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.objective.Objective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker loop against an in-memory store, the test playing the coordinator. */
class RemoteWorkerTest {
    static final SearchSpace SPACE = StudyExecutionTest.SPACE;
    static final StudyDefinition STUDY = new StudyDefinition("w", SPACE.describe(), Direction.MINIMIZE, "random", 9, "");

    @TempDir
    Path dir;

    /** A store whose writes of results fail the first {@code failures} times, as a database outage would. */
    static final class FlakyStore implements StudyStore {
        final InMemoryStore inner = new InMemoryStore();
        final AtomicInteger failuresLeft;
        final RuntimeException failure;

        FlakyStore(int failures) {
            this(failures, new StoreUnavailableException("study store test: connection refused"));
        }

        FlakyStore(int failures, RuntimeException failure) {
            failuresLeft = new AtomicInteger(failures);
            this.failure = failure;
        }

        @Override
        public boolean finish(String study, int jobId, int attempt, Result result, long now, double continuedFrom) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw failure;
            }
            return inner.finish(study, jobId, attempt, result, now, continuedFrom);
        }

        // everything else as the in-memory store does it
        @Override public boolean open(StudyDefinition d) { return inner.open(d); }
        @Override public Optional<StudyDefinition> find(String s) { return inner.find(s); }
        @Override public void addJob(String s, NewJob j, String w, long n, long l) { inner.addJob(s, j, w, n, l); }
        @Override public Optional<StoredJob> claim(String s, String w, long n, long l) { return inner.claim(s, w, n, l); }
        @Override public LeaseStatus renewLease(String s, int j, int a, long l) { return inner.renewLease(s, j, a, l); }
        @Override public boolean requestStop(String s, int j, int a) { return inner.requestStop(s, j, a); }
        @Override public long acknowledge(String s, int j) { return inner.acknowledge(s, j); }
        @Override public List<StoredAttempt> attempts(String s, int j) { return inner.attempts(s, j); }
        @Override public void setStudyFinished(String s, boolean f) { inner.setStudyFinished(s, f); }
        @Override public boolean isStudyFinished(String s) { return inner.isStudyFinished(s); }
        @Override public void report(String s, int j, int a, double st, double v, long n) { inner.report(s, j, a, st, v, n); }
        @Override public int requeueStale(String s, long n) { return inner.requeueStale(s, n); }
        @Override public List<StoredJob> jobs(String s) { return inner.jobs(s); }
        @Override public List<StoredReport> reports(String s, int j) { return inner.reports(s, j); }
        @Override public List<StoredReport> runningReports(String s, long after) { return inner.runningReports(s, after); }
        @Override public void recordCheckpoint(String s, Job.ConfigId c, double b, String d) { inner.recordCheckpoint(s, c, b, d); }
        @Override public Optional<String> checkpointDigest(String s, Job.ConfigId c, double b) { return inner.checkpointDigest(s, c, b); }
        @Override public String location() { return "flaky"; }
        @Override public void close() { }
    }

    static NewJob job(int id) {
        return NewJob.of(new Job(id, new Job.ConfigId(id, 0, 0), SPACE.defaults(), 3, 0, 0));
    }

    @Test
    void runsPendingJobsSurvivesAnOutageAndLeavesWhenTheStudyIsFinished() throws Exception {
        FlakyStore store = new FlakyStore(2);
        store.open(STUDY);
        for (int i = 0; i < 6; i++) {
            store.addJob("w", job(i), null, 0, 0);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Objective reporting = (c, ctx) -> {
            ctx.report(1, ctx.budget());
            return ctx.budget() + ctx.jobId();
        };
        try (InProcessExecutor executor = new InProcessExecutor(reporting, 2)) {
            RemoteWorker worker = new RemoteWorker(store, "w", SPACE, executor, dir, Duration.ofMillis(400),
                    Duration.ofMillis(10), new PrintStream(out, true, StandardCharsets.UTF_8));
            CompletableFuture<RemoteWorker.Summary> run = inBackground(worker);
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (store.jobs("w").stream().anyMatch(j -> !j.state().isDone()) && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            store.setStudyFinished("w", true);
            RemoteWorker.Summary summary = run.get(10, TimeUnit.SECONDS);
            assertEquals(new RemoteWorker.Summary(6, 0, 0), summary);
        }
        for (StoredJob j : store.jobs("w")) {
            assertEquals(JobState.FINISHED, j.state());
            assertEquals(3.0 + j.jobId(), j.value(), "the budget (3) reached the objective");
            assertEquals(1, j.attempt(), "the outage lost no result and no lease");
            assertEquals(List.of(3.0), store.reports("w", j.jobId()).stream().map(StoredReport::value).toList());
        }
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("the study store failed (study store test: connection refused); trying again"), log);
    }

    @Test
    void aFailureOfTheStoreThatIsNoOutageEndsTheWorkerAtOnce() throws Exception {
        FlakyStore store = new FlakyStore(1, new IllegalStateException("study store test: no such column"));
        store.open(STUDY);
        store.addJob("w", job(0), null, 0, 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InProcessExecutor executor = new InProcessExecutor((c, ctx) -> 1.0, 1)) {
            RemoteWorker worker = new RemoteWorker(store, "w", SPACE, executor, dir, Duration.ofMillis(400),
                    Duration.ofMillis(10), new PrintStream(out, true, StandardCharsets.UTF_8));
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> inBackground(worker).get(10, TimeUnit.SECONDS));
            assertEquals("study store test: no such column", e.getCause().getMessage());
        }
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("trying again"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusesAStudyOfAnotherSpace() {
        InMemoryStore store = new InMemoryStore();
        store.open(new StudyDefinition("w", "x float [0.0, 1.0]\n", Direction.MINIMIZE, "random", 9, ""));
        try (InProcessExecutor executor = new InProcessExecutor((c, ctx) -> 0, 1)) {
            RemoteWorker worker = new RemoteWorker(store, "w", SPACE, executor, dir, Duration.ofSeconds(1),
                    Duration.ofMillis(10), new PrintStream(new ByteArrayOutputStream()));
            IllegalStateException e = assertThrows(IllegalStateException.class, worker::run);
            assertTrue(e.getMessage().contains("study 'w'") && e.getMessage().contains("another objective")
                    && e.getMessage().contains("x float"), e.getMessage());
        }
    }

    @Test
    void releaseHandsRunningJobsBackAtOnce() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.open(STUDY);
        store.addJob("w", job(0), null, 0, 0);
        java.util.concurrent.CountDownLatch running = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        Objective waiting = (c, ctx) -> {
            running.countDown();
            done.await();
            return 1;
        };
        try (InProcessExecutor executor = new InProcessExecutor(waiting, 1)) {
            RemoteWorker worker = new RemoteWorker(store, "w", SPACE, executor, dir, Duration.ofMinutes(10),
                    Duration.ofMillis(10), new PrintStream(new ByteArrayOutputStream()));
            CompletableFuture<RemoteWorker.Summary> run = inBackground(worker);
            assertTrue(running.await(10, TimeUnit.SECONDS));
            assertEquals(0, store.requeueStale("w", System.currentTimeMillis()), "a ten-minute lease holds");
            assertEquals(1, worker.release());
            assertEquals(1, store.requeueStale("w", System.currentTimeMillis()), "released: back to pending now");
            assertEquals(JobState.PENDING, store.jobs("w").get(0).state());
            done.countDown();
            RemoteWorker.Summary summary = run.get(10, TimeUnit.SECONDS);
            assertEquals(new RemoteWorker.Summary(0, 0, 1), summary, "the late result is not counted");
        }
    }

    /** Waits until {@code condition} holds, for at most 30 s. */
    /** Runs the worker on another thread until its study is finished. */
    private static CompletableFuture<RemoteWorker.Summary> inBackground(RemoteWorker worker) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return worker.run();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting until " + what);
            Thread.sleep(5);
        }
    }

    @Test
    void aStopRequestReachesTheAttemptItNamesAndNoLaterOne() throws Exception {
        InMemoryStore store = new InMemoryStore();
        store.open(STUDY);
        store.addJob("w", job(0), null, 0, 0);
        store.addJob("w", job(1), null, 0, 0);
        // job 0's first attempt belongs to a worker that is asked to stop, then dies before it hears of it
        assertEquals(0, store.claim("w", "ghost", 0, 100).orElseThrow().jobId());
        assertTrue(store.requestStop("w", 0, 1));
        assertEquals(1, store.requeueStale("w", System.currentTimeMillis()));
        // 100 steps up to the budget (3); returns a value no report had, to see which one is stored
        Objective epochs = (c, ctx) -> {
            for (int i = 1; i <= 100; i++) {
                Thread.sleep(10);
                ctx.report(i * ctx.budget() / 100, 10 - i * 0.01);
                if (ctx.shouldStop()) {
                    break;
                }
            }
            return -1;
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InProcessExecutor executor = new InProcessExecutor(epochs, 1)) {
            RemoteWorker worker = new RemoteWorker(store, "w", SPACE, executor, dir, Duration.ofMillis(200),
                    Duration.ofMillis(10), new PrintStream(out, true, StandardCharsets.UTF_8));
            CompletableFuture<RemoteWorker.Summary> run = inBackground(worker);
            await(() -> store.jobs("w").get(1).state() == JobState.RUNNING && store.reports("w", 1).size() >= 3,
                    "job 1 runs");
            assertTrue(store.requestStop("w", 1, 1));
            await(() -> store.jobs("w").get(1).state().isDone(), "job 1 ends");
            store.setStudyFinished("w", true);
            assertEquals(new RemoteWorker.Summary(2, 0, 0), run.get(10, TimeUnit.SECONDS));
        }
        String log = out.toString(StandardCharsets.UTF_8);
        StoredJob second = store.jobs("w").get(0);
        assertEquals(2, second.attempt());
        assertFalse(second.stopRequested(), "the request was the dead attempt's");
        assertEquals(100, store.reports("w", 0).size(), "attempt 2 ran to its budget: " + log);
        assertEquals(-1.0, second.value(), "and counts with the value its objective returned");

        StoredJob stopped = store.jobs("w").get(1);
        List<StoredReport> reports = store.reports("w", 1);
        assertTrue(stopped.stopRequested());
        assertTrue(reports.size() < 100, "job 1 stopped early, after " + reports.size() + " steps");
        assertEquals(reports.get(reports.size() - 1).value(), stopped.value(),
                "a stopped attempt counts with its last reported value, as in one process");
        assertTrue(log.contains("[hpo] job 1 (attempt 1): the coordinator's curve stopper asks it to stop early"), log);
        assertFalse(log.contains("[hpo] job 0 (attempt 2): the coordinator"), log);
        assertTrue(log.contains("(asked to stop early)"), log);
    }
}
