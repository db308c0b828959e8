package org.hpo4j.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.Optimizers;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;

/**
 * A named, seeded optimization of one objective over a search space, run by one thread.
 *
 * <p>{@link #optimize} is the loop: ask the optimizer for a job, {@link #evaluate} it, {@link #record}
 * the evaluation, until the stopping rule or the optimizer says stop. The three steps are public
 * so that executors with parallel workers and persistent stores can drive the same study: only
 * {@link #evaluate} may run on several threads at once.
 *
 * <p>Cost is charged with restart semantics, as HpBandSter evaluates: every evaluation costs its
 * full {@code budget / maxBudget}, also a promotion whose objective continues from a checkpoint at
 * {@code previousBudget}.
 *
 * <p>Optimizers minimize: for a study that maximizes, the values told to the optimizer are negated,
 * while evaluations and results keep the values as the objective returned them.
 */
public final class Study {
    private final SearchSpace space;
    private final String name;
    private final Direction direction;
    private final Optimizer optimizer;
    private final long seed;
    private final List<StudyListener> listeners;
    private final Path configuredWorkRoot;
    private final Clock clock;
    private final double maxBudget;
    private final boolean integerBudget;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private double cost;
    private Instant started;
    private Path workRoot;

    private Study(Builder b) {
        this.space = b.space;
        this.name = b.name;
        this.direction = b.direction;
        this.optimizer = b.optimizer;
        this.seed = b.seed;
        this.listeners = List.copyOf(b.listeners);
        this.configuredWorkRoot = b.workDirectory;
        this.clock = b.clock;
        this.maxBudget = b.maxBudget;
        this.integerBudget = space.budget().map(s -> s.integer()).orElse(false);
    }

    /** A builder for a study over {@code space}. */
    public static Builder builder(SearchSpace space) {
        return new Builder(space);
    }

    /** The study's name. */
    public String name() {
        return name;
    }

    /** The study's search space. */
    public SearchSpace space() {
        return space;
    }

    /** Whether the objective is minimized or maximized. */
    public Direction direction() {
        return direction;
    }

    /**
     * Runs the study: jobs one after another until {@code stoppingRule} says stop or the optimizer
     * is finished. May be called again to continue.
     *
     * @return every evaluation so far, the incumbent and the cost spent
     * @throws StudyFailedException if the study has evaluations and every one of them failed
     */
    public StudyResult optimize(Objective objective, StoppingRule stoppingRule) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(stoppingRule, "stoppingRule");
        start();
        while (!stoppingRule.shouldStop(progress())) {
            Optional<Job> job = nextJob();
            if (job.isEmpty()) {
                if (optimizer.isFinished()) {
                    break;
                }
                // one thread: every job handed out has been told, so waiting can never end
                throw new IllegalStateException("optimizer " + optimizer.getClass().getSimpleName()
                        + " of study '" + name + "' asks to wait although no job is outstanding");
            }
            record(evaluate(job.get(), objective));
        }
        return finish();
    }

    /** Marks the start of optimizing (for time limits); later calls keep the first start. */
    public synchronized void start() {
        if (started == null) {
            started = clock.instant();
        }
    }

    /** The next job from the optimizer; empty when it must wait or is finished. */
    public synchronized Optional<Job> nextJob() {
        return optimizer.isFinished() ? Optional.empty() : optimizer.ask();
    }

    /**
     * Runs one job in this thread and returns its evaluation; touches no state of the study, so
     * several threads may call it at once. An objective that throws or returns NaN or infinity
     * gives a failed evaluation with its cause.
     */
    public Evaluation evaluate(Job job, Objective objective) {
        double budget = effectiveBudget(job.budget());
        double previous = effectiveBudget(job.previousBudget());
        InProcessTrialContext context = new InProcessTrialContext(job.id(), budget, previous,
                InProcessTrialContext.deriveSeed(seed, job.id()), workRoot().resolve("job-" + job.id()),
                () -> false);
        Instant start = clock.instant();
        Result result;
        try {
            result = Result.of(objective.evaluate(job.configuration(), context));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = Result.failed(describe(e));
        } catch (VirtualMachineError e) {
            if (!(e instanceof StackOverflowError)) {
                throw e;
            }
            result = Result.failed(describe(e));
        } catch (Exception | Error e) {
            result = Result.failed(describe(e));
        }
        Instant end = clock.instant();
        return new Evaluation(job, result, start, end, context.reports(), cost(budget));
    }

    /**
     * Tells the optimizer the outcome of an evaluation, adds it to the study and informs the
     * listeners.
     */
    public synchronized void record(Evaluation evaluation) {
        Result r = evaluation.result();
        Result forOptimizer = r.isFailure() || direction == Direction.MINIMIZE ? r : Result.of(-r.value());
        optimizer.tell(evaluation.job(), forOptimizer);
        evaluations.add(evaluation);
        cost += evaluation.cost();
        for (StudyListener l : listeners) {
            l.evaluationFinished(evaluation);
        }
    }

    /** Evaluations, cost and time so far. */
    public synchronized StoppingRule.Progress progress() {
        Duration elapsed = started == null ? Duration.ZERO : Duration.between(started, clock.instant());
        return new StoppingRule.Progress(evaluations.size(), cost, elapsed);
    }

    /** The study's evaluations so far. */
    public synchronized StudyResult result() {
        return new StudyResult(name, direction, evaluations);
    }

    /**
     * Ends a run of the study: informs the listeners and returns the result.
     *
     * @throws StudyFailedException if there are evaluations and all failed
     */
    public StudyResult finish() {
        StudyResult result = result();
        for (StudyListener l : listeners) {
            l.studyFinished(result);
        }
        List<Evaluation> all = result.evaluations();
        if (!all.isEmpty() && all.stream().allMatch(Evaluation::isFailure)) {
            Evaluation first = all.get(0);
            throw new StudyFailedException("all " + all.size() + " evaluations of study '" + name
                    + "' failed; the first (job " + first.job().id() + ", " + first.job().configuration()
                    + ", budget " + first.job().budget() + ") failed with: " + first.result().failure(), result);
        }
        return result;
    }

    private double effectiveBudget(double budget) {
        return integerBudget ? Math.round(budget) : budget;
    }

    private double cost(double budget) {
        // without a known maximum budget every evaluation counts as a full one
        return Double.isNaN(maxBudget) ? 1.0 : budget / maxBudget;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getName() + (message == null ? "" : ": " + message);
    }

    private synchronized Path workRoot() {
        if (workRoot == null) {
            try {
                workRoot = configuredWorkRoot != null ? configuredWorkRoot.resolve(name)
                        : Files.createTempDirectory("hpo4j-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary folder for study '" + name + "'", e);
            }
        }
        return workRoot;
    }

    /** Collects a study's settings. */
    public static final class Builder {
        private final SearchSpace space;
        private String name = "study";
        private Direction direction = Direction.MINIMIZE;
        private Optimizer optimizer;
        private long seed;
        private final List<StudyListener> listeners = new ArrayList<>();
        private Path workDirectory;
        private Clock clock = Clock.systemUTC();
        private double maxBudget = Double.NaN;

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
            return this;
        }

        /**
         * The optimizer registered as {@code optimizerName}, built over the study's space; its
         * maximum budget also sets the cost unit unless the space has a budget.
         */
        public Builder optimizer(String optimizerName, OptimizerSettings settings) {
            this.optimizer = Optimizers.create(optimizerName, space, settings);
            if (space.budget().isEmpty()) {
                this.maxBudget = settings.maxBudget();
            }
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
            return new Study(this);
        }
    }
}
