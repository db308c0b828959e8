package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hpo4j.distributed.RemoteWorker;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.store.JobState;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyListener;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A coordinator and two remote workers on a PostgreSQL server that is restarted in the middle of
 * the study and later stopped for 30 s (-Dhpo4j.test.outageSeconds=N for a longer outage): every
 * job ends finished exactly once, with the values an uninterrupted run with one worker counts.
 */
class DatabaseOutageTest {
    /** Slow enough that the outages land in the middle of the study. */
    static final Objective SLOW = (c, ctx) -> {
        Thread.sleep(250 + (long) (ctx.budget() * 30));
        return StudyExecutionTest.QUADRATIC.evaluate(c, ctx);
    };

    @TempDir
    Path dir;

    private EmbeddedPostgres server;

    private void startServer(Path data, int port) throws IOException {
        server = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void aStudyRidesOutARestartAndAStopOfItsDatabase() throws Exception {
        int stopSeconds = Integer.getInteger("hpo4j.test.outageSeconds", 30);
        // the same configurations at the same budgets with the same values; with several workers
        // promotions may be handed out (and numbered) in another order
        Map<String, Double> expected = new TreeMap<>();
        for (Evaluation e : KillableCoordinatorMain.study("outage", dir.resolve("alone"), 60_000).build()
                .optimize(StudyExecutionTest.QUADRATIC, StoppingRule.maxCost(1000)).evaluations()) {
            expected.put(key(e), e.value());
        }

        Path data = dir.resolve("pgdata");
        int port = freePort();
        startServer(data, port);
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE hpo");
        }
        String url = server.getJdbcUrl("postgres", "hpo");
        AtomicInteger finished = new AtomicInteger();
        List<CompletableFuture<RemoteWorker.Summary>> workers = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        StudyResult result;
        try {
            for (int i = 0; i < 2; i++) {
                PostgresStore store = PostgresStore.open(url).outageTolerance(Duration.ofSeconds(stopSeconds + 60));
                InProcessExecutor executor = new InProcessExecutor(SLOW, 1);
                resources.add(executor);
                resources.add(store);
                RemoteWorker worker = new RemoteWorker(store, "outage", StudyExecutionTest.SPACE, executor,
                        dir.resolve("w" + i), Duration.ofSeconds(5), Duration.ofMillis(50),
                        new PrintStream(PrintStream.nullOutputStream()));
                workers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return worker.run();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            Thread outages = new Thread(() -> {
                try {
                    awaitFinished(finished, 4);
                    // the server ends every session (SQLState 57P01), then restarts
                    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'hpo'"
                                + " AND pid <> pg_backend_pid()");
                    }
                    server.close();
                    startServer(data, port);
                    awaitFinished(finished, 10);
                    server.close();
                    Thread.sleep(stopSeconds * 1000L);
                    startServer(data, port);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "outages");
            outages.start();
            try (PostgresStore store = PostgresStore.open(url).outageTolerance(Duration.ofSeconds(stopSeconds + 60));
                 InProcessExecutor local = new InProcessExecutor(SLOW, 1)) {
                Study study = KillableCoordinatorMain.study("outage", dir.resolve("coordinator"), 5_000).store(store)
                        .executor(local).listener(new StudyListener() {
                            @Override
                            public void evaluationFinished(Evaluation evaluation) {
                                finished.incrementAndGet();
                            }
                        }).build();
                result = study.optimize(StoppingRule.maxCost(1000));
                outages.join();
                for (CompletableFuture<RemoteWorker.Summary> w : workers) {
                    w.get(60, TimeUnit.SECONDS);
                }
                List<StoredJob> jobs = store.jobs("outage");
                assertEquals(expected.size(), jobs.size());
                for (StoredJob j : jobs) {
                    assertEquals(JobState.FINISHED, j.state(), "job " + j.jobId() + " " + j.failure());
                    List<StoredAttempt> attempts = store.attempts("outage", j.jobId());
                    assertEquals(1, attempts.stream().filter(StoredAttempt::counted).count(), "job " + j.jobId() + ": " + attempts);
                }
            }
        } finally {
            for (AutoCloseable r : resources) {
                r.close();
            }
            server.close();
        }
        Map<String, Double> counted = new TreeMap<>();
        for (Evaluation e : result.evaluations()) {
            assertEquals(null, counted.put(key(e), e.value()), "job " + e.job().id() + " counted twice");
        }
        assertEquals(expected.size(), result.evaluations().stream().map(e -> e.job().id()).distinct().count());
        assertEquals(expected, counted, "the values of an uninterrupted run");
    }

    private static String key(Evaluation e) {
        return e.job().configuration() + " @ " + e.job().budget();
    }

    private static void awaitFinished(AtomicInteger finished, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000;
        while (finished.get() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
