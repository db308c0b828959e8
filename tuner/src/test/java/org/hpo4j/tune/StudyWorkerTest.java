package org.hpo4j.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.store.EmbeddedPostgresServer;
import org.hpo4j.store.JobState;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StoredJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hpo:tune} on a PostgreSQL store coordinates; {@code hpo:worker} joins it and leaves with it. */
class StudyWorkerTest {
    @TempDir
    Path dir;

    private ClassLoader withPeak() throws Exception {
        Path root = Files.createTempDirectory(dir, "cp");
        Path index = root.resolve(ObjectiveClasses.INDEX);
        Files.createDirectories(index.getParent());
        Files.writeString(index, Peak.class.getName() + "\n");
        return new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
    }

    @Test
    void tuneOnPostgresCoordinatesAndAWorkerLeavesWhenTheStudyIsFinished() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        ClassLoader loader = withPeak();
        // the coordinator runs for 3 s of (instant) evaluations; the worker joins once the study exists
        CompletableFuture<TuneSummary> tune = CompletableFuture.supplyAsync(() -> new Tuner(
                new PrintStream(new ByteArrayOutputStream())).run(TuneRequest.builder().optimizer("random")
                .baseDirectory(dir).seed(7).storage(url).timeLimit("3s").writeDate(false).build(), loader));
        try (PostgresStore store = PostgresStore.open(url)) {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (store.find("Peak").isEmpty() && System.nanoTime() < end) {
                Thread.sleep(20);
            }
        }
        ByteArrayOutputStream workerOut = new ByteArrayOutputStream();
        RemoteWorker.Summary w = new StudyWorker(new PrintStream(workerOut, true, StandardCharsets.UTF_8)).run(
                new StudyWorker.Request(null, null, url, null, null, 2, null, 5, dir, List.of()), loader);
        TuneSummary s = tune.get(30, TimeUnit.SECONDS);
        assertEquals(0, w.failed());
        assertEquals(0, w.superseded());
        String log = workerOut.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("joined study 'Peak'"), log);
        assertTrue(log.contains("leaves study 'Peak'"), log);
        try (PostgresStore store = PostgresStore.open(url)) {
            List<StoredJob> jobs = store.jobs("Peak");
            assertEquals(s.evaluations(), jobs.size(), "every stored job was told to the coordinator's optimizer");
            assertTrue(jobs.stream().allMatch(j -> j.state() == JobState.FINISHED && j.toldSeq() > 0));
            assertTrue(w.finished() <= jobs.size());
            assertTrue(store.isStudyFinished("Peak"));
            double best = jobs.stream().mapToDouble(StoredJob::value).max().orElseThrow();
            assertEquals(best, s.value(), "the tuned value is the best stored one (maximized)");
        }
    }

    @Test
    void tuneOnPostgresAcceptsCurveStopping() throws Exception {
        // refused before stop requests went through the store; Study tests check that they work
        String url = EmbeddedPostgresServer.newDatabase();
        TuneSummary s = new Tuner(new PrintStream(new ByteArrayOutputStream())).run(TuneRequest.builder()
                .optimizer("random").baseDirectory(dir).seed(7).storage(url).curveStopping(true).maxEvaluations(3)
                .writeDate(false).build(), withPeak());
        assertEquals(3, s.evaluations());
        try (PostgresStore store = PostgresStore.open(url)) {
            assertTrue(store.isStudyFinished("Peak"));
        }
    }

    @Test
    void aWorkerNeedsAPostgresStorage() throws Exception {
        ClassLoader loader = withPeak();
        StudyWorker worker = new StudyWorker(new PrintStream(new ByteArrayOutputStream()));
        TuneException e = assertThrows(TuneException.class, () -> worker.run(
                new StudyWorker.Request(null, null, "target/x.db", null, null, 1, null, 60, dir, null), loader));
        assertTrue(e.getMessage().startsWith("hpo.storage:") && e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
        TuneException lease = assertThrows(TuneException.class, () -> worker.run(
                new StudyWorker.Request(null, null, "jdbc:postgresql://h/db", null, null, 1, null, 0.5, dir, null), loader));
        assertTrue(lease.getMessage().startsWith("hpo.lease:"), lease.getMessage());
        assertFalse(Files.exists(dir.resolve("target/x.db")));
    }

    @Test
    void aPasswordInTheUrlIsWarnedAboutAndNotShown() throws Exception {
        ClassLoader loader = withPeak();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StudyWorker worker = new StudyWorker(new PrintStream(out, true, StandardCharsets.UTF_8));
        TuneException e = assertThrows(TuneException.class, () -> worker.run(new StudyWorker.Request(null, null,
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2&password=ab;cdLEAKTAIL", null, null, 1, null, 60,
                dir, null), loader));
        String console = out.toString(StandardCharsets.UTF_8);
        assertTrue(console.contains("warning: hpo.storage carries a password, which other users of this machine can read"),
                console);
        assertFalse(console.contains("LEAKTAIL") || e.getMessage().contains("LEAKTAIL"), e.getMessage());
    }
}
