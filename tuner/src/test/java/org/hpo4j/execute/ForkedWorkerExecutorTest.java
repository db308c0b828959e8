package org.hpo4j.execute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hpo4j.optimizer.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.hpo4j.objective.InProcessTrialContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real worker JVMs against objectives that fail in every way user code does. */
class ForkedWorkerExecutorTest {
    @TempDir
    static Path dir;
    static ForkedWorkerExecutor executor;
    static final List<String> workerOutput = new CopyOnWriteArrayList<>();
    static final List<double[]> reports = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startWorkers() {
        executor = ForkedWorkerExecutor.builder(ModeObjective.class.getName())
                .workers(2).maxHeap("64m").timeout(Duration.ofSeconds(6))
                .expectedSpace(ModeObjective.SPACE.describe())
                .workerOutput(workerOutput::add)
                .build();
        executor.reportsTo((task, step, value) -> reports.add(new double[] {task.jobId(), step, value}));
    }

    @AfterAll
    static void stopWorkers() {
        executor.close();
    }

    static Task task(int id, double x, String mode) {
        return new Task(id, 1, ModeObjective.config(x, mode), 9, 3, InProcessTrialContext.deriveSeed(42, id), dir.resolve("job-" + id));
    }

    /** Runs the tasks two at a time, as a study would, and returns each job's result. */
    static Map<Integer, Result> runAll(List<Task> tasks) throws InterruptedException {
        Map<Integer, Result> results = new HashMap<>();
        List<Task> pending = new ArrayList<>(tasks);
        while (results.size() < tasks.size()) {
            while (!pending.isEmpty() && executor.outstanding() < executor.parallelism()) {
                executor.submit(pending.remove(0));
            }
            Completion c = executor.take();
            results.put(c.task().jobId(), c.result());
        }
        return results;
    }

    @Test
    void everyFailureIsRecordedWithItsCauseAndTheWorkersGoOn() throws Exception {
        List<Task> tasks = List.of(task(0, 3, "ok"), task(1, 0, "throw"), task(2, 0, "nan"), task(3, 0, "sleep"),
                task(4, 0, "exit"), task(5, 0, "oom"), task(6, 2, "ok"), task(7, 1, "print"));
        Map<Integer, Result> r = runAll(tasks);

        assertEquals(4.0, r.get(0).value());
        assertTrue(r.get(1).failure().startsWith("java.lang.IllegalStateException: bad configuration x=0.0"), r.get(1).failure());
        assertTrue(r.get(1).failure().contains("\tat org.hpo4j.execute.ModeObjective.evaluate"), r.get(1).failure());
        assertEquals("objective returned NaN", r.get(2).failure());
        assertEquals("timeout after 6 s", r.get(3).failure());
        assertTrue(r.get(4).failure().startsWith("worker exited with code 3"), r.get(4).failure());
        assertTrue(r.get(5).failure().startsWith("java.lang.OutOfMemoryError"), r.get(5).failure());
        assertEquals(1.0, r.get(6).value());
        assertEquals(0.0, r.get(7).value(), "printing to System.out does not disturb the protocol");
        // stderr is drained on its own thread and may lag the result a little
        long deadline = System.currentTimeMillis() + 10_000;
        while (workerOutput.stream().noneMatch(l -> l.endsWith("] user output 199 that must not reach the protocol"))
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(workerOutput.stream().anyMatch(l -> l.matches("\\[worker-[12]\\] user output 199 that must not reach the protocol")));
        // a thousand lines at once: the console gets the first ones and a note, not a flood
        assertTrue(workerOutput.stream().anyMatch(l -> l.matches("\\[worker-[12]\\] \\[\\d{3} lines not shown: more than 50 lines per second\\]")),
                workerOutput.toString());
        assertTrue(workerOutput.stream().filter(l -> l.contains("user output")).count() < 400);

        // the dead and killed workers were replaced: both slots still evaluate
        Map<Integer, Result> after = runAll(List.of(task(8, 1, "ok"), task(9, 4, "ok"), task(10, 5, "ok")));
        assertEquals(List.of(0.0, 9.0, 16.0), List.of(after.get(8).value(), after.get(9).value(), after.get(10).value()));
    }

    @Test
    void contextCarriesSeedBudgetFolderAndReports() throws Exception {
        Map<Integer, Result> r = runAll(List.of(task(20, 0, "seed"), task(21, 0, "file"), task(22, 2, "report")));
        assertEquals((double) InProcessTrialContext.deriveSeed(42, 20), r.get(20).value());
        assertEquals(9 + 1000 * 3, r.get(21).value(), "budget and previous budget reach the objective");
        assertEquals("job 21", Files.readString(dir.resolve("job-21/out.txt")));
        assertEquals(6.0, r.get(22).value());
        List<double[]> mine = reports.stream().filter(x -> x[0] == 22).toList();
        assertEquals(3, mine.size());
        assertEquals(List.of(1.0, 2.0, 3.0), mine.stream().map(x -> x[1]).toList());
        assertEquals(List.of(2.0, 4.0, 6.0), mine.stream().map(x -> x[2]).toList());
    }

    @Test
    void aWorkerThatCannotStartFailsItsTasksWithTheReason() throws Exception {
        try (ForkedWorkerExecutor broken = ForkedWorkerExecutor.builder("no.such.Objective")
                .workerOutput(line -> { }).build()) {
            broken.submit(task(30, 0, "ok"));
            Completion c = broken.take();
            assertTrue(c.result().failure().contains("worker 1 failed to start: cannot load objective no.such.Objective"),
                    c.result().failure());
            assertTrue(c.result().failure().contains("ClassNotFoundException"), c.result().failure());
        }
        try (ForkedWorkerExecutor otherSpace = ForkedWorkerExecutor.builder(ModeObjective.class.getName())
                .expectedSpace("x FloatParameter [0.0, 1.0]\n").workerOutput(line -> { }).build()) {
            otherSpace.submit(task(31, 0, "ok"));
            Result r = otherSpace.take().result();
            assertTrue(r.failure().contains("differs from the study's"), r.failure());
            assertFalse(r.failure().isEmpty());
        }
    }

    @Test
    void workerJvmsGetTheGivenOptions() throws Exception {
        try (ForkedWorkerExecutor tuned = ForkedWorkerExecutor.builder(ModeObjective.class.getName())
                .jvmArgs(List.of("-Xmx96m", "-D" + ModeObjective.PROPERTY + "=2.5"))
                .expectedSpace(ModeObjective.SPACE.describe()).workerOutput(line -> { }).build()) {
            tuned.submit(task(50, 0, "property"));
            assertEquals(2.5, tuned.take().result().value(), "the objective reads the system property");
            tuned.submit(task(51, 0, "heap"));
            double heap = tuned.take().result().value();
            // the JVM reports the heap less what one survivor space holds back, depending on the collector
            assertTrue(heap <= 96 << 20 && heap > 80 << 20, "max heap of the worker: " + heap);
        }
        // and without them, the worker has its own default heap and no property
        Map<Integer, Result> plain = runAll(List.of(task(52, 0, "property")));
        assertEquals("objective returned NaN", plain.get(52).failure(), "other workers do not have the property");
    }

    @Test
    void runsAnAnnotatedClassThroughItsInjector() throws Exception {
        try (ForkedWorkerExecutor annotated = ForkedWorkerExecutor.builder(AnnotatedSphere.class.getName())
                .expectedSpace(AnnotatedSphereInjector.SPACE.describe()).workerOutput(line -> { }).build()) {
            annotated.submit(new Task(0, 1, AnnotatedSphereInjector.SPACE.configuration(Map.of("x", 2.0)), 3, 0, 1,
                    dir.resolve("a0")));
            assertEquals(4.0 + 3, annotated.take().result().value(), "field x and the budget field were set");
        }
    }

    @Test
    void aWorkerKilledWhileIdleIsReplacedBeforeTheNextTask() throws Exception {
        Set<Long> others = workerPids();
        try (ForkedWorkerExecutor one = ForkedWorkerExecutor.builder(ModeObjective.class.getName())
                .workerOutput(line -> { }).build()) {
            one.submit(task(40, 2, "ok"));
            assertEquals(1.0, one.take().result().value());
            Set<Long> pids = workerPids();
            pids.removeAll(others);
            assertEquals(1, pids.size(), "the one worker of this executor");
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
            }
            one.submit(task(41, 3, "ok"));
            assertEquals(4.0, one.take().result().value(), "the task ran on a fresh worker");
        }
    }

    /** The worker JVMs this JVM started. */
    static Set<Long> workerPids() {
        return ProcessHandle.current().children().filter(p -> p.info().commandLine().orElse("")
                .contains(WorkerMain.class.getName())).map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
