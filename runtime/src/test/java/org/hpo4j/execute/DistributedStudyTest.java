package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.store.EmbeddedPostgresServer;
import org.hpo4j.store.JobState;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.study.Evaluation;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One study, many processes, a real PostgreSQL server: this JVM coordinates (and works with one
 * thread), four worker JVMs join, one of them is SIGKILLed mid-evaluation.
 */
class DistributedStudyTest {
    static final long LEASE_MS = 1500;

    @TempDir
    Path dir;

    /** A worker JVM whose output lines are collected as they come. */
    record WorkerProcess(Process process, List<String> lines, CountDownLatch startedAJob) {
    }

    WorkerProcess startWorker(String url, String study) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                RemoteWorkerMain.class.getName(), url, study, dir.resolve("work").toString(), String.valueOf(LEASE_MS))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("[hpo] job ") && line.contains("(attempt")) {
                        started.countDown();
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new WorkerProcess(p, lines, started);
    }

    @Test
    void fourWorkerProcessesOneKilledMidEvaluationEveryJobEndsOnce() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        List<WorkerProcess> workers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // started before the coordinator: they wait for the study to appear
            workers.add(startWorker(url, "many"));
        }
        StudyResult result;
        WorkerProcess victim = workers.get(0);
        Thread killer = new Thread(() -> {
            try {
                if (victim.startedAJob().await(60, TimeUnit.SECONDS)) {
                    Thread.sleep(60); // inside the evaluation, which sleeps at least 150 ms
                    victim.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        killer.start();
        try (PostgresStore store = PostgresStore.open(url);
             InProcessExecutor local = new InProcessExecutor(RemoteWorkerMain.OBJECTIVE, 1)) {
            // one Hyperband iteration over budgets 1..9: 22 jobs in rungs with barriers between them
            Study study = Study.builder(StudyExecutionTest.SPACE).name("many").seed(5).workDirectory(dir)
                    .optimizer("hyperband", new OptimizerSettings(1, 9, 3, 5, 1))
                    .maxBudget(9).lease(Duration.ofMillis(LEASE_MS)).store(store).executor(local).build();
            result = study.optimize(StoppingRule.maxCost(1000));
            killer.join();

            List<StoredJob> jobs = store.jobs("many");
            assertEquals(22, jobs.size(), "one Hyperband iteration");
            assertEquals(22, result.evaluations().size());
            assertEquals(22, result.evaluations().stream().map(e -> e.job().id()).distinct().count(),
                    "no evaluation counted twice");
            assertTrue(store.isStudyFinished("many"));
            int rerun = 0;
            for (StoredJob j : jobs) {
                assertTrue(j.state() == JobState.FINISHED, "job " + j.jobId() + " ended " + j.state() + " " + j.failure());
                assertNotEquals(0, j.toldSeq(), "job " + j.jobId() + " told to the optimizer");
                List<StoredAttempt> attempts = store.attempts("many", j.jobId());
                assertEquals(1, attempts.stream().filter(StoredAttempt::counted).count(),
                        "job " + j.jobId() + " has exactly one counted result: " + attempts);
                assertEquals(j.attempt(), attempts.size());
                if (j.attempt() > 1) {
                    rerun++;
                    assertNull(attempts.get(0).result(), "the first attempt died with its worker");
                }
            }
            assertEquals(1, rerun, "exactly the killed worker's job ran again");
            assertEquals(22, jobs.stream().map(StoredJob::toldSeq).distinct().count());
            Map<Integer, Evaluation> byJob = new HashMap<>();
            result.evaluations().forEach(e -> byJob.put(e.job().id(), e));
            for (StoredJob j : jobs) {
                assertEquals(j.value(), byJob.get(j.jobId()).value(), "job " + j.jobId());
            }
        } finally {
            for (WorkerProcess w : workers) {
                if (w != victim && !w.process().waitFor(20, TimeUnit.SECONDS)) {
                    w.process().destroyForcibly();
                }
            }
        }
        assertFalse(victim.process().isAlive());
        int workedRemotely = 0;
        for (WorkerProcess w : workers.subList(1, 4)) {
            assertEquals(0, w.process().exitValue(), "a worker leaves by itself once the study is finished: " + w.lines());
            String exit = w.lines().stream().filter(l -> l.startsWith("exit ")).findFirst().orElse(null);
            assertNotNull(exit, w.lines().toString());
            workedRemotely += Integer.parseInt(exit.split(" ")[1]);
        }
        assertTrue(workedRemotely > 0, "remote workers ran evaluations");
        assertTrue(workedRemotely <= 22);
    }
}
