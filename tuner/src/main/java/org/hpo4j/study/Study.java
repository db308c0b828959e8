package org.hpo4j.study;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.Failures;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;

/**
 * A named, seeded optimization of one objective over a search space, run by one thread, by the
 * threads or worker JVMs of an {@link Executor}, or by the caller through {@link #ask()} and
 * {@link #tell(Trial, double)}. A facade: every way of running goes through the same trial loop
 * (ARCHITECTURE.md, "The life of one trial"): ask the optimizer for a job, store it, run it, settle
 * what it counts as (a failure, an early stop, its cost by {@link org.hpo4j.objective.CostRule}),
 * store the result and tell it to the optimizer and the listeners, until the stopping rule or the
 * optimizer says stop, or the first {@linkplain StudyBuilder#failFastAfter evaluations} all failed. A
 * failure of the objective (an exception, an error such as {@code OutOfMemoryError}, NaN or
 * infinity) is a failed evaluation with its cause and stack, and the study goes on.
 *
 * <p>Optimizers minimize: for a study that maximizes, the values told to the optimizer are negated,
 * while evaluations and results keep the values as the objective returned them. Checkpoints live in
 * {@code <work folder>/<study>/checkpoints/<configuration>/} unless
 * {@linkplain StudyBuilder#checkpointDirectory another folder} is given; a study that starts afresh
 * deletes the old ones.
 *
 * <p>With a {@link StudyStore} every hand-out and result is stored as it happens and a study of the
 * same name continues where it stopped: the stored history is replayed into the fresh optimizer in
 * its original order and the jobs that were running when the earlier process died run again. On a
 * {@linkplain StudyStore#shared() shared} store (PostgreSQL) the study is the coordinator of many
 * machines: jobs are added pending, the executor's workers claim them like the
 * {@link org.hpo4j.distributed.RemoteWorker remote workers} of other processes do, and the study is
 * marked finished when it ends so that the remote workers leave.
 */
public final class Study {
    private final TrialLoop loop;
    private final Executor executor;
    /** The run of {@link #ask()}/{@link #tell}, started by the first ask. */
    private AskTellRun askTell;

    Study(StudyBuilder b, TrialLoop loop) {
        this.loop = loop;
        this.executor = b.executor;
    }

    /** A builder for a study over {@code space}. */
    public static StudyBuilder builder(SearchSpace space) {
        return new StudyBuilder(space);
    }

    /** The study's name. */
    public String name() {
        return loop.name;
    }

    /** The study's search space. */
    public SearchSpace space() {
        return loop.space;
    }

    /** Whether the objective is minimized or maximized. */
    public Direction direction() {
        return loop.direction;
    }

    /** The study's objectives and constraints. */
    public org.hpo4j.trial.Criteria criteria() {
        return loop.criteria;
    }

    /**
     * Asks a running {@code optimize} (on another thread, e.g. a Ctrl-C handler's) to end as soon as
     * it can: no new jobs, and no waiting for the running ones, which are not recorded. In a store
     * they stay running, so a resumed study runs them again; in a shared store a coordinator's
     * claims run out after their lease, and the study is not marked finished, so {@code hpo:worker}
     * processes keep working on what is pending. {@code optimize} then returns the evaluations so
     * far, and {@link #wasInterrupted()} says why.
     */
    public void interrupt() {
        loop.interrupted = true;
    }

    /** Whether {@link #interrupt()} was called. */
    public boolean wasInterrupted() {
        return loop.interrupted;
    }

    /**
     * Runs the study: jobs one after another until {@code stoppingRule} says stop or the optimizer
     * is finished. May be called again to continue (without a store). The objective runs on one
     * thread of an {@link InProcessExecutor}, as with a store, where each job is stored as it
     * happens and a stored study of the same name is continued first.
     *
     * @return every evaluation so far, the incumbent and the cost spent
     * @throws StudyFailedException if the study has evaluations and every one of them failed; the
     *     study stops early when its first {@linkplain StudyBuilder#failFastAfter evaluations} all failed
     * @throws IllegalStateException if the study has an {@linkplain StudyBuilder#executor executor}: use
     *     {@link #optimize(StoppingRule)}
     */
    public StudyResult optimize(Objective objective, StoppingRule stoppingRule) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(stoppingRule, "stoppingRule");
        refuseExecutor("optimize(Objective, StoppingRule)");
        // one thread keeps the single-thread order, with a store or without
        try (InProcessExecutor inThread = new InProcessExecutor(objective, 1, null, loop.clock)) {
            return optimizeWith(inThread, stoppingRule);
        }
    }

    /**
     * Runs the study on its {@linkplain StudyBuilder#executor executor}, up to its parallelism at once,
     * storing everything in its {@linkplain StudyBuilder#store store} if it has one (and continuing the
     * stored study of the same name). The stopping rule is checked before each new job, counting
     * running jobs as if finished, so {@code maxEvaluations(n)} ends with exactly {@code n}.
     *
     * @throws IllegalStateException if the study has no executor
     * @throws StudyFailedException if every evaluation failed; the study stops early when its first
     *     {@linkplain StudyBuilder#failFastAfter evaluations} all failed
     * @throws org.hpo4j.store.StudyMismatchException if the stored study has another space or settings
     */
    public StudyResult optimize(StoppingRule stoppingRule) {
        Objects.requireNonNull(stoppingRule, "stoppingRule");
        if (executor == null) {
            throw new IllegalStateException("study '" + loop.name + "' has no executor: call optimize(Objective, StoppingRule)");
        }
        return optimizeWith(executor, stoppingRule);
    }

    private StudyResult optimizeWith(Executor runner, StoppingRule stoppingRule) {
        if (loop.store != null && loop.store.shared()) {
            return new SharedStoreRun(loop).run(runner, stoppingRule);
        }
        return new LocalRun(loop, runner).run(stoppingRule);
    }

    /**
     * Asks the study for the next trial to evaluate, for a caller that runs the objective itself
     * (as with Optuna's {@code study.ask()}): evaluate {@link Trial#configuration()} at
     * {@link Trial#budget()}, then {@link #tell(Trial, double)} the value. Several trials may be
     * out at once. The trials go through the same loop as {@link #optimize}: with a store each is
     * stored when asked and when told, a stored study of the same name is continued (the jobs it
     * left running are asked again first), and a curve stopper's request to stop early shows in
     * {@code trial.context().shouldStop()}.
     *
     * @return the next trial; empty when the optimizer waits for the results of trials still out
     *     (tell them first), or when the study is over: the optimizer is finished, or the first
     *     {@linkplain StudyBuilder#failFastAfter evaluations} all failed
     * @throws IllegalStateException if the study has an executor (which runs its own objective), a
     *     {@linkplain StudyStore#shared() shared} store (run by a coordinator), or if the optimizer
     *     asks to wait although no trial is out
     */
    public synchronized Optional<Trial> ask() {
        refuseExecutor("ask()");
        if (loop.store != null && loop.store.shared()) {
            throw new IllegalStateException("study '" + loop.name + "' is on a shared store, whose jobs remote"
                    + " workers claim: run it with optimize, not ask()");
        }
        if (askTell == null) {
            askTell = new AskTellRun(loop);
        }
        return askTell.ask();
    }

    /**
     * Tells the study the value of a trial from {@link #ask()}; NaN or an infinite value is a failed
     * trial. The value is the objective's as the user sees it (not negated for maximization). A
     * trial the curve stopper asked to stop, which returns before its budget, counts with its last
     * reported value, as in {@link #optimize}.
     *
     * @throws IllegalArgumentException if the trial is not out (told already, or of another study)
     */
    public synchronized void tell(Trial trial, double value) {
        tell(trial, Result.of(value));
    }

    /**
     * Tells the study that a trial from {@link #ask()} failed with {@code failure}: it is recorded as
     * a failed evaluation with its cause and stack, and the study goes on.
     *
     * @throws IllegalArgumentException if the trial is not out (told already, or of another study)
     */
    public synchronized void tell(Trial trial, Throwable failure) {
        tell(trial, Result.failed(Failures.describe(Objects.requireNonNull(failure, "failure"))));
    }

    private void tell(Trial trial, Result result) {
        Objects.requireNonNull(trial, "trial");
        if (askTell == null) {
            throw new IllegalArgumentException(trial + " was not asked of study '" + loop.name + "'");
        }
        askTell.tell(trial, result);
    }

    private void refuseExecutor(String call) {
        if (executor != null) {
            throw new IllegalStateException("study '" + loop.name + "' has an executor, which runs its own objective:"
                    + " call optimize(StoppingRule) rather than " + call);
        }
    }

    /** What the store knows this study by; a stored study with another definition is not continued. */
    public StudyDefinition definition() {
        return loop.definition();
    }

    /** Evaluations, cost and time so far. */
    public StoppingRule.Progress progress() {
        return loop.progress();
    }

    /** The study's evaluations so far: with {@link #ask()}/{@link #tell}, the result to read at the end. */
    public StudyResult result() {
        return loop.result();
    }

    /** The folder under which each configuration's checkpoint folder lives. */
    public Path checkpointRoot() {
        return loop.folders.checkpointRoot();
    }

    /** "pid 123@host": who runs a job, as stored. */
    public static String workerName() {
        return "pid " + ProcessHandle.current().pid() + "@" + Objects.requireNonNullElse(System.getenv("HOSTNAME"),
                Objects.requireNonNullElse(System.getenv("COMPUTERNAME"), "localhost"));
    }
}
