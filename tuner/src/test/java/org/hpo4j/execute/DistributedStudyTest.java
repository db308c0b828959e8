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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.hpo4j.store.EmbeddedPostgresServer;
import org.hpo4j.store.JobState;
import org.hpo4j.store.PostgresStore;
import org.hpo4j.store.StoredAttempt;
import org.hpo4j.store.StoredJob;
import org.hpo4j.objective.Evaluation;
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

    /** A JVM whose output lines are collected as they come. */
    record WorkerProcess(Process process, List<String> lines) {
        /** Waits until {@code count} lines start with {@code prefix}. */
        boolean await(String prefix, int count, long seconds) throws InterruptedException {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (lines.stream().filter(l -> l.startsWith(prefix)).count() >= count) {
                    return true;
                }
                Thread.sleep(20);
            }
            return false;
        }
    }

    WorkerProcess startWorker(String url, String study, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(url, study, dir.resolve("work").toString(), String.valueOf(LEASE_MS)));
        args.addAll(List.of(extra));
        return start(RemoteWorkerMain.class.getName(), args.toArray(new String[0]));
    }

    /** A JVM on the test class path running {@code mainClass}. */
    WorkerProcess start(String mainClass, String... args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process was killed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return new WorkerProcess(p, lines);
    }

    @Test
    void fourWorkerProcessesOneKilledMidEvaluationEveryJobEndsOnce() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        List<WorkerProcess> workers = new ArrayList<>();
        // the victim's evaluations take a minute, so the kill lands inside one
        WorkerProcess victim = startWorker(url, "many", "hang");
        workers.add(victim);
        for (int i = 0; i < 3; i++) {
            workers.add(startWorker(url, "many"));
        }
        // started before the coordinator: the victim waits for the study, then claims a job at once
        assertTrue(victim.await("[hpo] waiting for study", 1, 60), victim.lines().toString());
        StudyResult result;
        Thread killer = new Thread(() -> {
            try {
                if (victim.await("[hpo] job ", 1, 60)) {
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
            Study study = KillableCoordinatorMain.study("many", dir, LEASE_MS).store(store).executor(local).build();
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

    @Test
    void workersOutliveACoordinatorKilledAndRestarted() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        List<WorkerProcess> workers = List.of(startWorker(url, "restart"), startWorker(url, "restart"));
        WorkerProcess coordinator = start(KillableCoordinatorMain.class.getName(), url, dir.toString(),
                String.valueOf(LEASE_MS));
        try {
            assertTrue(coordinator.await("told ", 6, 60), "six results told: " + coordinator.lines());
            coordinator.process().destroyForcibly();
            assertTrue(coordinator.process().waitFor(10, TimeUnit.SECONDS));
            List<Integer> toldBefore = coordinator.lines().stream().filter(l -> l.startsWith("told "))
                    .map(l -> Integer.parseInt(l.substring(5))).toList();
            for (WorkerProcess w : workers) {
                assertTrue(w.process().isAlive(), "a worker waits for the coordinator to come back");
            }
            try (PostgresStore store = PostgresStore.open(url);
                 InProcessExecutor local = new InProcessExecutor(RemoteWorkerMain.OBJECTIVE, 1)) {
                assertFalse(store.isStudyFinished("restart"));
                StudyResult result = KillableCoordinatorMain.study("restart", dir, LEASE_MS).store(store)
                        .executor(local).build().optimize(StoppingRule.maxCost(1000));
                List<StoredJob> jobs = store.jobs("restart");
                assertEquals(22, jobs.size(), "the resumed coordinator completes the same Hyperband iteration");
                assertEquals(22, result.evaluations().size());
                assertEquals(22, result.evaluations().stream().map(e -> e.job().id()).distinct().count());
                assertTrue(result.evaluations().stream().map(e -> e.job().id()).toList().containsAll(toldBefore));
                for (StoredJob j : jobs) {
                    assertEquals(JobState.FINISHED, j.state(), "job " + j.jobId());
                    assertEquals(1, store.attempts("restart", j.jobId()).stream().filter(StoredAttempt::counted).count());
                }
                assertTrue(store.isStudyFinished("restart"));
            }
            for (WorkerProcess w : workers) {
                assertTrue(w.process().waitFor(20, TimeUnit.SECONDS), "the worker leaves with the study");
                assertEquals(0, w.process().exitValue(), w.lines().toString());
            }
        } finally {
            coordinator.process().destroyForcibly();
            workers.forEach(w -> w.process().destroyForcibly());
        }
    }

    /**
     * A study of two objectives and a bound (parego) with a coordinator process and a remote worker
     * process: the coordinator is killed after six results and resumed in this JVM, which replays
     * the stored vectors into parego and completes the same cycle; every component of every
     * evaluation is stored, as the objective computed it, whoever ran it.
     */
    @Test
    void severalObjectivesWithARemoteWorkerAndACoordinatorResumedInAnotherProcess() throws Exception {
        String url = EmbeddedPostgresServer.newDatabase();
        WorkerProcess worker = startWorker(url, "several", "several");
        WorkerProcess coordinator = start(KillableCoordinatorMain.class.getName(), url, dir.toString(),
                String.valueOf(LEASE_MS), "several");
        try {
            assertTrue(coordinator.await("told ", 6, 60), "six results told: " + coordinator.lines());
            coordinator.process().destroyForcibly();
            assertTrue(coordinator.process().waitFor(10, TimeUnit.SECONDS));
            try (PostgresStore store = PostgresStore.open(url);
                 InProcessExecutor local = new InProcessExecutor(RemoteWorkerMain.SEVERAL, 1)) {
                assertFalse(store.isStudyFinished("several"));
                StudyResult result = KillableCoordinatorMain.severalObjectives("several", dir, LEASE_MS).store(store)
                        .executor(local).build().optimize(StoppingRule.maxCost(1000));
                List<StoredJob> jobs = store.jobs("several");
                assertTrue(store.isStudyFinished("several"), "parego's one cycle is done");
                assertEquals(jobs.size(), result.evaluations().size());
                // parego's bounded run: full-budget starts (at most half the iteration's budget), then
                // screening and promotions in the weighted brackets
                assertTrue(jobs.size() > 6, "the resumed coordinator goes on past the six results told: " + jobs.size());
                assertTrue(jobs.stream().anyMatch(j -> j.budget() < 9), "screened below the full budget too");
                for (StoredJob j : jobs) {
                    assertEquals(JobState.FINISHED, j.state(), "job " + j.jobId() + " " + j.failure());
                    org.hpo4j.space.Configuration c = j.toJob(StudyExecutionTest.SPACE).configuration();
                    assertEquals(RemoteWorkerMain.components(c, j.budget()), j.objectives(), "job " + j.jobId());
                    assertEquals(List.of(RemoteWorkerMain.latency(c)), j.constraints(), "job " + j.jobId());
                    assertEquals(j.objectives().get(0), j.value());
                }
                Map<Integer, Evaluation> byJob = new HashMap<>();
                result.evaluations().forEach(e -> byJob.put(e.job().id(), e));
                for (StoredJob j : jobs) {
                    assertEquals(j.objectives(), byJob.get(j.jobId()).result().objectives(), "job " + j.jobId());
                }
                assertTrue(jobs.stream().anyMatch(j -> j.budget() == 9 && RemoteWorkerMain.latency(
                        j.toJob(StudyExecutionTest.SPACE).configuration()) <= RemoteWorkerMain.LATENCY_BOUND),
                        "a feasible evaluation at the full budget");
            }
            assertTrue(worker.process().waitFor(20, TimeUnit.SECONDS), "the worker leaves with the study");
            assertEquals(0, worker.process().exitValue(), worker.lines().toString());
            String exit = worker.lines().stream().filter(l -> l.startsWith("exit ")).findFirst().orElseThrow();
            assertTrue(Integer.parseInt(exit.split(" ")[1]) > 0, "the remote worker ran evaluations: " + exit);
        } finally {
            coordinator.process().destroyForcibly();
            worker.process().destroyForcibly();
        }
    }
}
