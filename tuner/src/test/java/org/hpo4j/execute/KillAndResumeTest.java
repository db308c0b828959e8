package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hpo4j.store.SqliteStore;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyStore;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.StudyResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A study process killed with SIGKILL mid-run, then resumed: nothing finished is lost or repeated. */
class KillAndResumeTest {
    static final int MAX = 40;

    @TempDir
    Path dir;

    @Test
    void sigkillLosesNoFinishedEvaluationAndTheResumedStudyCompletes() throws Exception {
        Path file = dir.resolve("killed.db");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KillableStudyMain.class.getName(), file.toString(), dir.resolve("work").toString(), String.valueOf(MAX))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Set<Integer> reportedFinished = new HashSet<>();
        List<ProcessHandle> workers;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (reportedFinished.size() < 15 && (line = out.readLine()) != null) {
                if (line.startsWith("finished ")) {
                    reportedFinished.add(Integer.parseInt(line.substring(9)));
                }
            }
            workers = child.descendants().toList();
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no closing of the store
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertEquals(KillableStudyMain.PARALLELISM, workers.size(), "the study ran in worker JVMs");
        for (ProcessHandle worker : workers) {
            // a worker notices its coordinator is gone (its standard input closes) and ends
            worker.onExit().get(20, TimeUnit.SECONDS);
        }
        assertEquals(15, reportedFinished.size(), "the child ran long enough");
        assertNotEquals(0, child.exitValue());

        Map<Integer, StoredJob> beforeResume;
        try (StudyStore store = SqliteStore.open(file, false)) {
            beforeResume = store.jobs("killed").stream().collect(Collectors.toMap(StoredJob::jobId, j -> j));
        }
        Set<Integer> storedFinished = beforeResume.values().stream().filter(j -> j.state().isDone())
                .map(StoredJob::jobId).collect(Collectors.toSet());
        assertTrue(storedFinished.containsAll(reportedFinished), "every evaluation reported finished is stored");
        assertTrue(storedFinished.size() < MAX, "killed mid-run");

        StudyResult resumed;
        try (StudyStore store = SqliteStore.open(file, false);
             InProcessExecutor executor = new InProcessExecutor(KillableStudyMain.OBJECTIVE, KillableStudyMain.PARALLELISM)) {
            resumed = KillableStudyMain.study(dir.resolve("work")).store(store).executor(executor).build()
                    .optimize(StoppingRule.maxEvaluations(MAX));
            List<StoredJob> after = store.jobs("killed");
            assertEquals(MAX, after.stream().filter(j -> j.state().isDone()).count());
            for (int id : storedFinished) {
                StoredJob was = beforeResume.get(id);
                StoredJob now = after.get(id);
                assertEquals(was.finishedAt(), now.finishedAt(), "job " + id + " was not run again");
                assertEquals(was.attempt(), now.attempt(), "job " + id + " was not run again");
                assertEquals(was.value(), now.value(), 0.0, "job " + id);
            }
            for (StoredJob was : beforeResume.values()) {
                if (!was.state().isDone()) {
                    StoredJob now = after.get(was.jobId());
                    assertTrue(now.state().isDone() && now.attempt() == was.attempt() + 1,
                            "job " + was.jobId() + ", running at the kill, ran again: " + now);
                }
            }
        }
        List<Integer> ids = resumed.evaluations().stream().map(e -> e.job().id()).toList();
        assertEquals(MAX, ids.size());
        assertEquals(MAX, new HashSet<>(ids).size(), "no evaluation counted twice");
        assertTrue(ids.subList(0, storedFinished.size()).containsAll(storedFinished), "the stored ones come first");
        assertTrue(resumed.evaluations().stream().noneMatch(Evaluation::isFailure));

        StudyResult uninterrupted;
        try (InProcessExecutor executor = new InProcessExecutor(KillableStudyMain.OBJECTIVE, KillableStudyMain.PARALLELISM)) {
            uninterrupted = KillableStudyMain.study(dir.resolve("work2")).executor(executor).build()
                    .optimize(StoppingRule.maxEvaluations(MAX));
        }
        assertEquals(uninterrupted.evaluations().size(), resumed.evaluations().size());
    }
}
