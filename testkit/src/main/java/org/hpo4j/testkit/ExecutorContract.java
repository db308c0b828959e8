package org.hpo4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.WorkerObjective;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.space.Configuration;
import org.hpo4j.store.InMemoryStore;
import org.hpo4j.store.JobState;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyStore;
import org.hpo4j.study.StoppingRule;
import org.hpo4j.study.Study;
import org.hpo4j.study.StudyBuilder;
import org.hpo4j.study.StudyResult;
import org.hpo4j.testkit.ContractObjective.Behaviour;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Executor} guarantees: whatever the objective does, its task completes with a
 * result or a failure with its cause, the executor stays usable and the study goes on. Each case
 * runs a study of three jobs on the executor, the middle one failing, once without a store and once
 * with one, and expects the same recorded evaluations of every executor and in both runs: an
 * objective that throws (the exception's class, message and stack), returns NaN ({@code objective
 * returned NaN}), exhausts the heap ({@code java.lang.OutOfMemoryError...}) and calls
 * {@code System.exit} (a cause that names the exit status), each a failed evaluation with value NaN
 * between two successful ones, stored as FAILED with the same cause. hpo4j runs it over
 * {@code InProcessExecutor} and {@code ForkedWorkerExecutor}. ({@code CallerExecutor} runs nothing
 * itself: its caller evaluates and tells the outcome, so what the objective does is the caller's.)
 *
 * <p>An executor of your own passes when a subclass that creates it over the given objective
 * passes:
 * <pre>{@code
 * class DockerExecutorTest extends ExecutorContract {
 *     @Override
 *     protected Executor newExecutor(WorkerObjective objective) {
 *         // runs the objective in containers by its class name, the heap below 1 GB
 *         return DockerExecutor.builder(objective.getClass().getName()).memory("256m").build();
 *     }
 *
 *     @Override
 *     protected boolean survivesSystemExit() {
 *         return true;   // the objective runs in a process of its own
 *     }
 * }
 * }</pre>
 *
 * <p>Two things the subclass must arrange. The heap case fills the heap of the JVM that runs the
 * objective: that JVM must have at most {@value ContractObjective#MAX_HEAP} bytes
 * ({@code -Xmx256m}; for an executor that runs the objective in the test's JVM, surefire's
 * {@code argLine}), else the case fails saying so rather than take a shared machine's memory. And
 * {@code System.exit} ends the JVM that calls it: Java 17 can intercept it only with a
 * {@code SecurityManager}, deprecated for removal, which hpo4j does not install, so an executor
 * that runs objectives in the test's own JVM cannot survive it. Such an executor answers
 * {@code false} to {@link #survivesSystemExit()}, and the exit case then checks, in a JVM of its
 * own ({@link ExitProbe}), that the exit ends that JVM with the objective's status instead of
 * hanging or recording an outcome that never happened; there {@link #newExecutor} is called on an
 * instance made with the subclass's no-argument constructor, without JUnit's injections.
 *
 * <p>One executor serves all cases of a subclass (one test instance per class), so that each case
 * also shows the executor still works after the failures before it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExecutorContract {
    /** The value of the first job, {@code x = 3}. */
    static final double FIRST = 4.0;
    /** The value of the last job, {@code x = 2}, which runs after the failure. */
    static final double LAST = 1.0;

    private Executor executor;

    @TempDir
    Path work;

    /**
     * A new executor that runs {@code objective}, whose class has a public no-argument constructor
     * (executors that run objectives elsewhere create it by {@linkplain Class#getName() name}).
     */
    protected abstract Executor newExecutor(WorkerObjective objective);

    /**
     * Whether an objective that calls {@code System.exit} fails its evaluation and leaves the
     * executor working: true for executors that run objectives in processes of their own, false for
     * those that run them in the caller's JVM (which the exit ends).
     */
    protected abstract boolean survivesSystemExit();

    /** The store of the runs with a store: a new, empty one (in memory by default). */
    protected StudyStore newStore() {
        return new InMemoryStore();
    }

    @BeforeAll
    void startExecutor() {
        executor = newExecutor(new ContractObjective());
    }

    @AfterAll
    void closeExecutor() {
        if (executor != null) {
            executor.close();
        }
    }

    @Test
    void anObjectiveThatThrowsIsAFailedEvaluationWithItsExceptionAndStack() {
        String cause = failureWithAndWithoutAStore(Behaviour.THROW);
        assertTrue(cause.startsWith("java.lang.IllegalStateException: " + ContractObjective.THROWN + " x=0.0"), cause);
        assertTrue(cause.contains("\tat " + ContractObjective.class.getName() + ".evaluate"), "the stack: " + cause);
    }

    @Test
    void anObjectiveThatReturnsNaNIsAFailedEvaluation() {
        assertEquals("objective returned NaN", failureWithAndWithoutAStore(Behaviour.NAN));
    }

    @Test
    void anObjectiveThatExhaustsTheHeapIsAFailedEvaluation() {
        String cause = failureWithAndWithoutAStore(Behaviour.HEAP);
        assertTrue(cause.startsWith("java.lang.OutOfMemoryError"), cause);
    }

    @Test
    void anObjectiveThatCallsSystemExitIsAFailedEvaluationOrEndsTheJvmItRunsIn() throws Exception {
        if (survivesSystemExit()) {
            String cause = failureWithAndWithoutAStore(Behaviour.EXIT);
            assertTrue(Pattern.compile("(?is).*\\bexit.*\\b" + ContractObjective.EXIT_STATUS + "\\b.*").matcher(cause).matches(),
                    "the cause names the exit status " + ContractObjective.EXIT_STATUS + ": " + cause);
            return;
        }
        // the objective runs in the caller's JVM: show in a JVM of its own that the exit ends it
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ExitProbe.class.getName(),
                getClass().getName(), work.resolve("exit-probe").toString())
                .redirectErrorStream(true).start();
        probe.getOutputStream().close();
        String output;
        try {
            output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS), "the probe ended");
        } finally {
            probe.destroyForcibly();
        }
        assertFalse(output.contains(ExitProbe.SURVIVED), "survivesSystemExit() answers false, but the study went on after System.exit (answer true): "
                + output);
        assertEquals(ContractObjective.EXIT_STATUS, probe.exitValue(), "the JVM ended with the objective's status: "
                + output);
    }

    /**
     * Runs the study of {@code behaviour} without and with a store, checks what both recorded and
     * that they recorded the same, and returns the failed evaluation's cause.
     */
    private String failureWithAndWithoutAStore(Behaviour behaviour) {
        StudyResult without = run(executor, behaviour, null, work);
        Evaluation failed = checkEvaluations(without, behaviour);
        try (StudyStore store = newStore()) {
            StudyResult with = run(executor, behaviour, store, work);
            checkEvaluations(with, behaviour);
            assertEquals(recorded(without), recorded(with), "the same evaluations with a store as without");
            List<StoredJob> stored = store.jobs(with.name());
            assertEquals(List.of(JobState.FINISHED, JobState.FAILED, JobState.FINISHED),
                    stored.stream().map(StoredJob::state).toList());
            List<Evaluation> byJob = byJob(with);
            for (int i = 0; i < 3; i++) {
                assertEquals(byJob.get(i).result(), stored.get(i).result(), "the store holds job " + i + "'s result");
            }
        }
        return failed.result().failure();
    }

    /** The study of {@code behaviour}: a good job, the failing one, and a good job after it. */
    static StudyResult run(Executor executor, Behaviour behaviour, StudyStore store, Path work) {
        List<Configuration> script = List.of(ContractObjective.configuration(3, Behaviour.RETURN),
                ContractObjective.configuration(0, behaviour), ContractObjective.configuration(2, Behaviour.RETURN));
        StudyBuilder b = Study.builder(ContractObjective.SPACE).name("contract-" + behaviour.name().toLowerCase())
                .workDirectory(work).optimizer(new ScriptedOptimizer(script)).executor(executor);
        if (store != null) {
            b.store(store);
        }
        return b.build().optimize(StoppingRule.maxEvaluations(10));
    }

    /** Checks the three evaluations of {@link #run} and returns the failed one. */
    private static Evaluation checkEvaluations(StudyResult result, Behaviour behaviour) {
        List<Evaluation> byJob = byJob(result);
        assertEquals(List.of(0, 1, 2), byJob.stream().map(e -> e.job().id()).toList(), "the study went on to its end");
        assertEquals(FIRST, byJob.get(0).value());
        Evaluation failed = byJob.get(1);
        assertTrue(failed.isFailure(), behaviour + " is a failed evaluation: " + failed.result());
        assertTrue(Double.isNaN(failed.value()));
        assertFalse(failed.result().failure().isBlank(), "with its cause");
        assertEquals(LAST, byJob.get(2).value(), "the job after the failure ran");
        assertEquals(LAST, result.incumbent().orElseThrow().value());
        assertEquals(1, result.failures());
        return failed;
    }

    private static List<Evaluation> byJob(StudyResult result) {
        return result.evaluations().stream().sorted(Comparator.comparingInt(e -> e.job().id())).toList();
    }

    /** What the executors must agree on: each job, whether it failed, its value and the cause's first line. */
    record Recorded(int jobId, Configuration configuration, double budget, boolean failed, double value, String cause) {
    }

    private static List<Recorded> recorded(StudyResult result) {
        return byJob(result).stream().map(e -> new Recorded(e.job().id(), e.job().configuration(), e.job().budget(),
                e.isFailure(), e.value(), e.isFailure() ? e.result().failure().lines().findFirst().orElse("") : null))
                .toList();
    }

    /** For {@link ExitProbe}: the executor of a subclass instance made outside JUnit. */
    Executor executorForProbe() {
        return newExecutor(new ContractObjective());
    }
}
