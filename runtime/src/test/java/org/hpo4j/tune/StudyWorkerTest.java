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
import org.hpo4j.execute.RemoteWorker;
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
        ByteArrayOutputStream workerOut = new ByteArrayOutputStream();
        // the worker starts first and waits for the study to appear
        CompletableFuture<RemoteWorker.Summary> worker = CompletableFuture.supplyAsync(() -> {
            try {
                return new StudyWorker(new PrintStream(workerOut, true, StandardCharsets.UTF_8)).run(
                        new StudyWorker.Request(null, null, url, null, null, 2, null, 5, dir), loader);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        TuneSummary s = new Tuner(new PrintStream(new ByteArrayOutputStream())).run(TuneRequest.builder()
                .optimizer("random").baseDirectory(dir).seed(7).storage(url).maxEvaluations(30).writeDate(false)
                .build(), loader);
        assertEquals(30, s.evaluations());
        RemoteWorker.Summary w = worker.get(30, TimeUnit.SECONDS);
        assertEquals(0, w.failed());
        assertEquals(0, w.superseded());
        String log = workerOut.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("joined study 'Peak'"), log);
        assertTrue(log.contains("leaves study 'Peak'"), log);
        try (PostgresStore store = PostgresStore.open(url)) {
            List<StoredJob> jobs = store.jobs("Peak");
            assertEquals(30, jobs.size());
            assertTrue(jobs.stream().allMatch(j -> j.state() == JobState.FINISHED && j.toldSeq() > 0));
            assertTrue(store.isStudyFinished("Peak"));
            double best = jobs.stream().mapToDouble(StoredJob::value).max().orElseThrow();
            assertEquals(best, s.value(), "the tuned value is the best stored one (maximized)");
        }
    }

    @Test
    void aWorkerNeedsAPostgresStorage() throws Exception {
        ClassLoader loader = withPeak();
        StudyWorker worker = new StudyWorker(new PrintStream(new ByteArrayOutputStream()));
        TuneException e = assertThrows(TuneException.class, () -> worker.run(
                new StudyWorker.Request(null, null, "target/x.db", null, null, 1, null, 60, dir), loader));
        assertTrue(e.getMessage().startsWith("hpo.storage:") && e.getMessage().contains("jdbc:postgresql://"), e.getMessage());
        TuneException lease = assertThrows(TuneException.class, () -> worker.run(
                new StudyWorker.Request(null, null, "jdbc:postgresql://h/db", null, null, 1, null, 0.5, dir), loader));
        assertTrue(lease.getMessage().startsWith("hpo.lease:"), lease.getMessage());
        assertFalse(Files.exists(dir.resolve("target/x.db")));
    }
}
