package org.hpo4j.study;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.execute.CallerExecutor;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.Failures;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.TrialContext;
import org.hpo4j.warmstart.Prior;
import org.hpo4j.warmstart.Priors;

/**
 * A named, seeded optimization of one objective over a search space, run by one thread, by the
 * threads or worker JVMs of an {@link Executor}, or by the caller through {@link #ask()} and
 * {@link #tell(Trial, double)}.
 *
 * <p>Every way of running goes through the same trial loop ({@code TrialLoop}, ARCHITECTURE.md): ask
 * the optimizer for a job, store it, run it, settle what it counts as (a failure, an early stop, its
 * cost), store the result and tell it to the optimizer and the listeners, until the stopping rule or
 * the optimizer says stop, or the first {@linkplain Builder#failFastAfter evaluations} all failed.
 * A failure of the objective (an exception, an error such as {@code OutOfMemoryError}, NaN or
 * infinity) is a failed evaluation with its cause and stack, and the study goes on.
 *
 * <p>Cost: an evaluation costs its full {@code budget / maxBudget} (restart semantics, as
 * HpBandSter evaluates), unless its objective continued from a checkpoint: a promotion whose
 * objective {@linkplain TrialContext#loadCheckpoint loaded} the state its configuration saved at
 * {@code previousBudget} costs {@code (budget - previousBudget) / maxBudget}
 * ({@link org.hpo4j.objective.CostRule}). {@link Evaluation#continuedFrom()} (and the store) say
 * which was charged. Checkpoints live in {@code <work folder>/<study>/checkpoints/<configuration>/}
 * unless {@linkplain Builder#checkpointDirectory another folder} is given; a study that starts afresh
 * deletes the old ones.
 *
 * <p>Optimizers minimize: for a study that maximizes, the values told to the optimizer are negated,
 * while evaluations and results keep the values as the objective returned them.
 *
 * <p>With an {@link Executor} several jobs run at once (the optimizer is asked until it says wait or
 * the executor is full, and told as results come back); with a {@link StudyStore} every hand-out
 * and result is stored as it happens and a study of the same name continues where it stopped: the
 * stored history is replayed into the fresh optimizer in its original order (its state is a
 * function of seed and history, ARCHITECTURE.md) and the jobs that were running when the earlier
 * process died run again.
 *
 * <p>On a {@linkplain StudyStore#shared() shared} store (PostgreSQL) the study is the coordinator of
 * many machines: jobs are added pending, the executor's workers claim them like the
 * {@link org.hpo4j.distributed.RemoteWorker remote workers} of other processes do, results are read back
 * from the store, and the study is marked finished when it ends so that the remote workers leave.
 */
public final class Study {
    private final TrialLoop loop;
    private final Executor executor;
    /** The run of {@link #ask()}/{@link #tell}, started by the first ask. */
    private LocalRun askTell;
    private CallerExecutor caller;

    private Study(Builder b, TrialLoop loop) {
        this.loop = loop;
        this.executor = b.executor;
    }

    /** A builder for a study over {@code space}. */
    public static Builder builder(SearchSpace space) {
        return new Builder(space);
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

    /**
     * Runs the study: jobs one after another until {@code stoppingRule} says stop or the optimizer
     * is finished. May be called again to continue (without a store). The objective runs on one
     * thread of an {@link InProcessExecutor}, as with a store, where each job is stored as it
     * happens and a stored study of the same name is continued first.
     *
     * @return every evaluation so far, the incumbent and the cost spent
     * @throws StudyFailedException if the study has evaluations and every one of them failed; the
     *     study stops early when its first {@linkplain Builder#failFastAfter evaluations} all failed
     * @throws IllegalStateException if the study has an {@linkplain Builder#executor executor}: use
     *     {@link #optimize(StoppingRule)}
     */
    public StudyResult optimize(Objective objective, StoppingRule stoppingRule) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(stoppingRule, "stoppingRule");
        if (executor != null) {
            throw new IllegalStateException("study '" + loop.name + "' has an executor, which runs its own objective:"
                    + " call optimize(StoppingRule)");
        }
        // one thread keeps the single-thread order, with a store or without
        try (InProcessExecutor inThread = new InProcessExecutor(objective, 1, null, loop.clock)) {
            return optimizeWith(inThread, stoppingRule);
        }
    }

    /**
     * Runs the study on its {@linkplain Builder#executor executor}, up to its parallelism at once,
     * storing everything in its {@linkplain Builder#store store} if it has one (and continuing the
     * stored study of the same name). The stopping rule is checked before each new job, counting
     * running jobs as if finished, so {@code maxEvaluations(n)} ends with exactly {@code n}.
     *
     * @throws IllegalStateException if the study has no executor
     * @throws StudyFailedException if every evaluation failed; the study stops early when its first
     *     {@linkplain Builder#failFastAfter evaluations} all failed
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
     *     {@linkplain Builder#failFastAfter evaluations} all failed
     * @throws IllegalStateException if the study has an executor (which runs its own objective), a
     *     {@linkplain StudyStore#shared() shared} store (run by a coordinator), or if the optimizer
     *     asks to wait although no trial is out
     */
    public synchronized Optional<Trial> ask() {
        if (executor != null) {
            throw new IllegalStateException("study '" + loop.name + "' has an executor, which runs its own objective:"
                    + " call optimize(StoppingRule) rather than ask()");
        }
        if (loop.store != null && loop.store.shared()) {
            throw new IllegalStateException("study '" + loop.name + "' is on a shared store, whose jobs remote"
                    + " workers claim: run it with optimize, not ask()");
        }
        if (askTell == null) {
            caller = new CallerExecutor(loop.clock);
            askTell = new LocalRun(loop, caller);
        }
        if (askTell.stopping()) {
            return Optional.empty();
        }
        Optional<Job> job = askTell.submitNext(null);
        return job.map(j -> new Trial(j, caller.context(j.id())));
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
        caller.complete(trial.job().id(), result);
        try {
            askTell.complete(caller.take());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("study '" + loop.name + "' was interrupted", e);
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

    /** Collects a study's settings. */
    public static final class Builder {
        final SearchSpace space;
        String name = "study";
        Direction direction = Direction.MINIMIZE;
        Optimizer optimizer;
        long seed;
        final List<StudyListener> listeners = new ArrayList<>();
        Path workDirectory;
        Clock clock = Clock.systemUTC();
        double maxBudget = Double.NaN;
        Executor executor;
        StudyStore store;
        String optimizerName;
        String optimizerSettings = "";
        int failFastAfter = 10;
        CurveStopper stopper;
        List<Prior> priors = List.of();
        int warmStartTopK = 3;
        double warmStartWeight = 0.5;
        double optimizerMaxBudget = Double.NaN;
        boolean checkpoints = true;
        Path checkpointDirectory;
        Duration lease = Duration.ofSeconds(60);

        private Builder(SearchSpace space) {
            this.space = Objects.requireNonNull(space, "space");
            space.budget().ifPresent(b -> maxBudget = b.max());
        }

        /** The study's name; {@code "study"} by default. */
        public Builder name(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("a study name must not be blank");
            }
            this.name = value;
            return this;
        }

        /** Minimize (default) or maximize the objective. */
        public Builder direction(Direction value) {
            this.direction = Objects.requireNonNull(value, "direction");
            return this;
        }

        /** The optimizer that proposes jobs; required. */
        public Builder optimizer(Optimizer value) {
            this.optimizer = Objects.requireNonNull(value, "optimizer");
            this.optimizerName = value.getClass().getName();
            this.optimizerSettings = "";
            this.optimizerMaxBudget = Double.NaN;
            return this;
        }

        /**
         * The optimizer registered as {@code optimizerName}, built over the study's space; its
         * maximum budget also sets the cost unit unless the space has a budget.
         */
        public Builder optimizer(String optimizerName, OptimizerSettings settings) {
            this.optimizer = Optimizers.create(optimizerName, space, settings);
            this.optimizerName = optimizerName;
            // maxIterations is left out: a study may be continued for more (or fewer) iterations,
            // since the bound only ends the same sequence of jobs earlier or later
            this.optimizerSettings = "minBudget=" + settings.minBudget() + " maxBudget=" + settings.maxBudget()
                    + " eta=" + settings.eta() + " seed=" + settings.seed();
            if (space.budget().isEmpty()) {
                this.maxBudget = settings.maxBudget();
            }
            this.optimizerMaxBudget = settings.maxBudget();
            return this;
        }

        /**
         * Stops evaluations early whose learning curve, as the objective reports it through
         * {@link TrialContext#report}, is unlikely to beat the best evaluation at the same budget
         * ({@link TrialContext#shouldStop} becomes true). An evaluation that then returns early is
         * recorded as {@linkplain Evaluation#stoppedEarly stopped early}, with its last reported
         * value, charged for the steps it ran. Works in this thread, with executors that can
         * signal a running task ({@link Executor#requestStop}: in-process threads and forked
         * workers), and on a {@linkplain StudyStore#shared() shared} store, where the coordinator
         * decides from the values workers report to the store and stores a stop request that a
         * {@link org.hpo4j.distributed.RemoteWorker} learns with its next heartbeat (within a quarter
         * of its lease). The stopper's direction must be the study's.
         */
        public Builder stopper(CurveStopper value) {
            this.stopper = Objects.requireNonNull(value, "stopper");
            return this;
        }

        /**
         * Seeds the study with earlier evaluations ({@link Priors#load}): the best 3 configurations
         * are evaluated first, and model-based optimizers learn from all of them with weight 0.5.
         */
        public Builder warmStart(List<Prior> value) {
            return warmStart(value, 3, 0.5);
        }

        /**
         * Seeds the study with earlier evaluations: the best {@code topK} distinct configurations
         * ({@link Priors#best}) are evaluated first at the optimizer's maximum budget, and model-based
         * optimizers ({@link org.hpo4j.optimizer.WarmStartable}) learn from every prior with a value,
         * each counting {@code weight} of an own evaluation. See {@link org.hpo4j.optimizer.WarmStart}.
         */
        public Builder warmStart(List<Prior> value, int topK, double weight) {
            if (topK < 0) {
                throw new IllegalArgumentException("warm-start topK must be >= 0, got " + topK);
            }
            org.hpo4j.optimizer.WarmStartable.checkWeight(weight);
            this.priors = List.copyOf(value);
            this.warmStartTopK = topK;
            this.warmStartWeight = weight;
            return this;
        }

        /** The seed from which every evaluation's own seed is derived; 0 by default. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Adds a listener. */
        public Builder listener(StudyListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * The folder under which the study keeps per-job folders ({@code <folder>/<name>/job-<id>});
         * a new temporary folder by default.
         */
        public Builder workDirectory(Path value) {
            this.workDirectory = Objects.requireNonNull(value, "workDirectory");
            return this;
        }

        /**
         * The budget that counts as one full evaluation for the cost; by default the maximum of the
         * space's budget. Without either, every evaluation costs 1.
         */
        public Builder maxBudget(double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException("maxBudget must be positive and finite, got " + value);
            }
            this.maxBudget = value;
            return this;
        }

        /**
         * Who runs the evaluations, and how many at once: {@link InProcessExecutor} threads or
         * {@link org.hpo4j.execute.ForkedWorkerExecutor} worker JVMs. The executor holds the
         * objective; run the study with {@link Study#optimize(StoppingRule)}. The caller closes it.
         */
        public Builder executor(Executor value) {
            this.executor = Objects.requireNonNull(value, "executor");
            return this;
        }

        /**
         * Where the study is stored as it runs; a stored study of the same name is continued. The
         * caller closes it.
         */
        public Builder store(StudyStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /**
         * A study whose first {@code count} evaluations all failed stops early (default 10): the
         * objective is broken, not unlucky.
         */
        public Builder failFastAfter(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("failFastAfter must be at least 1, got " + count);
            }
            this.failFastAfter = count;
            return this;
        }

        /**
         * Whether objectives may keep checkpoints across the evaluations of a configuration
         * (default true); when false, {@code loadCheckpoint} finds nothing and {@code saveCheckpoint}
         * stores nothing, so every evaluation starts from scratch and is charged in full.
         */
        public Builder checkpoints(boolean enabled) {
            this.checkpoints = enabled;
            return this;
        }

        /**
         * The study's checkpoint folder, holding one folder per configuration; by default
         * {@code <work folder>/<name>/checkpoints}. Every worker must see it: for studies shared
         * by several machines, a shared directory.
         */
        public Builder checkpointDirectory(Path value) {
            this.checkpointDirectory = Objects.requireNonNull(value, "checkpointDirectory");
            return this;
        }

        /**
         * How long a claim on a job of a {@linkplain StudyStore#shared() shared} store holds without
         * a heartbeat (60 s by default): a job whose worker died is handed out again this long after
         * its last heartbeat. Heartbeats come every quarter of it.
         */
        public Builder lease(Duration value) {
            if (value == null || value.toMillis() < 100) {
                throw new IllegalArgumentException("lease must be at least 100 ms, got " + value);
            }
            this.lease = value;
            return this;
        }

        /** The clock for timestamps and time limits; the system clock by default. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * The study.
         *
         * @throws IllegalStateException if no optimizer was given
         */
        public Study build() {
            if (optimizer == null) {
                throw new IllegalStateException("study '" + name + "' needs an optimizer: call optimizer(...)");
            }
            if (stopper != null && stopper.direction() != direction) {
                throw new IllegalStateException("study '" + name + "' is to " + direction + " but its curve stopper "
                        + stopper.direction() + "s");
            }
            Optimizer chosen = optimizer;
            String settings = optimizerSettings;
            if (!priors.isEmpty()) {
                double seedBudget = !Double.isNaN(optimizerMaxBudget) ? optimizerMaxBudget
                        : space.budget().map(b -> b.max()).orElse(Double.isNaN(maxBudget) ? 1.0 : maxBudget);
                List<org.hpo4j.space.Configuration> seeds = Priors.best(priors, direction, warmStartTopK);
                chosen = new org.hpo4j.optimizer.WarmStart(optimizer, seeds, seedBudget,
                        Priors.observations(priors, direction, seedBudget), warmStartWeight);
                // the seeds change the sequence of jobs: a stored study is continued only with the same
                String digest = Integer.toHexString(priors.stream()
                        .map(p -> p.configuration() + "@" + p.budget() + "=" + p.value()).toList().hashCode());
                settings = (optimizerSettings + " warmStart=" + seeds.size() + "/" + priors.size() + "/"
                        + warmStartWeight + "/" + digest).trim();
            }
            return new Study(this, new TrialLoop(this, chosen, settings));
        }
    }
}
