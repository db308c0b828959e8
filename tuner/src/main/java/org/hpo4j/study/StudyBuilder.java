package org.hpo4j.study;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.Failures;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StudySettings;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.TrialContext;
import org.hpo4j.warmstart.Prior;

/** Collects a study's settings: {@link Study#builder}. */
public final class StudyBuilder {
    final SearchSpace space;
    String name = "study";
    Direction direction = Direction.MINIMIZE;
    Criteria criteria;
    Optimizer optimizer;
    long seed;
    final List<StudyListener> listeners = new ArrayList<>();
    Path workDirectory;
    Clock clock = Clock.systemUTC();
    double maxBudget = Double.NaN;
    Executor executor;
    StudyStore store;
    String optimizerName;
    StudySettings optimizerSettings = StudySettings.NONE;
    int failFastAfter = 10;
    CurveStopper stopper;
    List<Prior> priors = List.of();
    int warmStartTopK = 3;
    double warmStartWeight = 0.5;
    double optimizerMaxBudget = Double.NaN;
    boolean checkpoints = true;
    Path checkpointDirectory;
    Duration lease = Duration.ofSeconds(60);
    int outputLimit = Failures.DEFAULT_LIMIT;
    boolean keepCheckpoints;

    StudyBuilder(SearchSpace space) {
        this.space = Objects.requireNonNull(space, "space");
        space.budget().ifPresent(b -> maxBudget = b.max());
    }

    /**
     * The study's name; {@code "study"} by default.
     *
     * @throws IllegalArgumentException when it breaks the {@linkplain StudyNames rule for study names}
     */
    public StudyBuilder name(String value) {
        this.name = StudyNames.check(value, "study name");
        return this;
    }

    /** Minimize (default) or maximize the objective. */
    public StudyBuilder direction(Direction value) {
        this.direction = Objects.requireNonNull(value, "direction");
        return this;
    }

    /**
     * Several objectives and constraints (what the {@code @Objective}'s record declares); sets the
     * direction to the first objective's. Needs an optimizer that
     * {@linkplain Optimizer#handlesSeveralObjectives handles several objectives} when there are.
     */
    public StudyBuilder criteria(Criteria value) {
        this.criteria = Objects.requireNonNull(value, "criteria");
        this.direction = value.objectives().get(0).direction();
        return this;
    }

    /** The optimizer that proposes jobs; required. */
    public StudyBuilder optimizer(Optimizer value) {
        this.optimizer = Objects.requireNonNull(value, "optimizer");
        this.optimizerName = value.getClass().getName();
        this.optimizerSettings = StudySettings.NONE;
        this.optimizerMaxBudget = Double.NaN;
        return this;
    }

    /**
     * The optimizer registered as {@code optimizerName} with its default settings, built over the
     * study's space; its maximum budget also sets the cost unit unless the space has a budget.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public StudyBuilder optimizer(String optimizerName, Fidelity fidelity, long optimizerSeed) {
        Optimizer created = Optimizers.create(optimizerName, space, fidelity, optimizerSeed);
        boolean brackets = Optimizers.bracketed().contains(optimizerName);
        // an optimizer without brackets has no eta, so its settings record none
        return registered(optimizerName, created, fidelity, optimizerSeed,
                brackets ? OptionalDouble.of(HyperbandSettings.DEFAULT_ETA) : OptionalDouble.empty());
    }

    /**
     * The optimizer with brackets registered as {@code optimizerName}, with eta and the bound on
     * iterations of {@code settings}; see {@link #optimizer(String, Fidelity, long)}.
     *
     * @throws IllegalArgumentException for an unknown name or an optimizer without brackets
     */
    public StudyBuilder optimizer(String optimizerName, Fidelity fidelity, long optimizerSeed,
                                  HyperbandSettings settings) {
        Optimizer created = Optimizers.create(optimizerName, space, fidelity, optimizerSeed, settings);
        return registered(optimizerName, created, fidelity, optimizerSeed, OptionalDouble.of(settings.eta()));
    }

    private StudyBuilder registered(String optimizerName, Optimizer created, Fidelity fidelity, long optimizerSeed,
                                    OptionalDouble eta) {
        this.optimizer = created;
        this.optimizerName = optimizerName;
        // maxIterations is left out: a study may be continued for more (or fewer) iterations,
        // since the bound only ends the same sequence of jobs earlier or later
        this.optimizerSettings = StudySettings.of(new StudySettings.Budgets(fidelity.minBudget(), fidelity.maxBudget(),
                eta, optimizerSeed));
        if (space.budget().isEmpty()) {
            this.maxBudget = fidelity.maxBudget();
        }
        this.optimizerMaxBudget = fidelity.maxBudget();
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
    public StudyBuilder stopper(CurveStopper value) {
        this.stopper = Objects.requireNonNull(value, "stopper");
        return this;
    }

    /**
     * Seeds the study with earlier evaluations ({@link org.hpo4j.warmstart.Priors#load}): the best 3 configurations
     * are evaluated first, and model-based optimizers learn from all of them with weight 0.5.
     */
    public StudyBuilder warmStart(List<Prior> value) {
        return warmStart(value, 3, 0.5);
    }

    /**
     * Seeds the study with earlier evaluations: the best {@code topK} distinct configurations
     * ({@link org.hpo4j.warmstart.Priors#best(List, Criteria, int)}: by value, or with several
     * objectives by Pareto order, feasible first) are evaluated first at the optimizer's maximum
     * budget, and model-based optimizers ({@link org.hpo4j.optimizer.WarmStartable}) learn from
     * every prior with a value (with several objectives: every objective and constraint value), each
     * counting {@code weight} of an own evaluation. See {@link org.hpo4j.optimizer.WarmStart}.
     */
    public StudyBuilder warmStart(List<Prior> value, int topK, double weight) {
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
    public StudyBuilder seed(long value) {
        this.seed = value;
        return this;
    }

    /** Adds a listener. */
    public StudyBuilder listener(StudyListener value) {
        listeners.add(Objects.requireNonNull(value, "listener"));
        return this;
    }

    /**
     * The folder under which the study keeps per-job folders ({@code <folder>/<name>/job-<id>});
     * a new temporary folder by default.
     */
    public StudyBuilder workDirectory(Path value) {
        this.workDirectory = Objects.requireNonNull(value, "workDirectory");
        return this;
    }

    /**
     * The budget that counts as one full evaluation for the cost; by default the maximum of the
     * space's budget. Without either, every evaluation costs 1.
     */
    public StudyBuilder maxBudget(double value) {
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
    public StudyBuilder executor(Executor value) {
        this.executor = Objects.requireNonNull(value, "executor");
        return this;
    }

    /**
     * Where the study is stored as it runs; a stored study of the same name is continued. The
     * caller closes it.
     */
    public StudyBuilder store(StudyStore value) {
        this.store = Objects.requireNonNull(value, "store");
        return this;
    }

    /**
     * A study whose first {@code count} evaluations all failed stops early (default 10): the
     * objective is broken, not unlucky.
     */
    public StudyBuilder failFastAfter(int count) {
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
    public StudyBuilder checkpoints(boolean enabled) {
        this.checkpoints = enabled;
        return this;
    }

    /**
     * The study's checkpoint folder, holding one folder per configuration; by default
     * {@code <work folder>/<name>/checkpoints}. Every worker must see it: for studies shared
     * by several machines, a shared directory.
     */
    public StudyBuilder checkpointDirectory(Path value) {
        this.checkpointDirectory = Objects.requireNonNull(value, "checkpointDirectory");
        return this;
    }

    /**
     * How long a claim on a job of a {@linkplain StudyStore#shared() shared} store holds without
     * a heartbeat (60 s by default): a job whose worker died is handed out again this long after
     * its last heartbeat. Heartbeats come every quarter of it.
     */
    public StudyBuilder lease(Duration value) {
        if (value == null || value.toMillis() < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms, got " + value);
        }
        this.lease = value;
        return this;
    }

    /**
     * How many characters of a failure cause the study keeps ({@code hpo.outputLimit}, default
     * {@value Failures#DEFAULT_LIMIT}); a longer one keeps its start and end, marked as cut.
     */
    public StudyBuilder outputLimit(int characters) {
        this.outputLimit = Failures.checkLimit(characters);
        return this;
    }

    /**
     * Whether checkpoints stay when the study ends ({@code hpo.keepCheckpoints}, default false):
     * by default those of a configuration that reached the largest budget are deleted at once
     * (nothing promotes it further) and all others when the run ends. Keep them to continue the
     * study later without training its promotions again.
     */
    public StudyBuilder keepCheckpoints(boolean keep) {
        this.keepCheckpoints = keep;
        return this;
    }

    /** The clock for timestamps and time limits; the system clock by default. */
    public StudyBuilder clock(Clock value) {
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
        if (criteria != null && criteria.isMultiObjective() && !optimizer.handlesSeveralObjectives()) {
            throw new IllegalStateException("study '" + name + "' has " + criteria.objectives().size()
                    + " objectives " + criteria.objectiveNames() + ", but optimizer '" + optimizerName
                    + "' ranks by one value; use one for several objectives: mo-gp, parego, random, nsga2 or mo-asha");
        }
        return new Study(this, TrialLoop.of(this));
    }
}
