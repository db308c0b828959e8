package org.hpo4j.study;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.execute.Failures;
import org.hpo4j.execute.Task;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.WarmStart;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudySettings;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;
import org.hpo4j.warmstart.Priors;
import org.hpo4j.optimizer.Directions;

/**
 * The life of every trial of a study, whichever way it runs ({@link LocalRun}: one thread, threads,
 * forked workers, a store of this process; {@link SharedStoreRun}: the coordinator of a shared
 * store; {@link Study#ask()}/{@link Study#tell}): asking the optimizer, the task that runs a job,
 * what an ended job counts as (failures, early stops, cost: {@link TrialOutcomes}), telling the
 * optimizer and the listeners, the incumbent a curve must beat, the fail-fast rule, progress, and
 * replaying a stored study. Every rule here exists once.
 *
 * <p>Optimizers minimize: for a study that maximizes, the values told to the optimizer are negated,
 * while evaluations and results keep the values as the objective returned them.
 */
final class TrialLoop {
    final SearchSpace space;
    final String name;
    final Direction direction;
    final Criteria criteria;
    final Optimizer optimizer;
    final long seed;
    final List<StudyListener> listeners;
    final Clock clock;
    final StudyStore store;
    final CurveStopper stopper;
    final Duration lease;
    final TrialFolders folders;
    final TrialTasks tasks;
    final TrialOutcomes outcomes;
    private final CheckpointDigests digests;
    private final int outputLimit;
    private final boolean keepCheckpoints;
    private final double maxBudget;
    private final String optimizerName;
    private final StudySettings optimizerSettings;
    private final int failFastAfter;
    private final List<Evaluation> evaluations = new ArrayList<>();
    /**
     * Set by {@link Study#interrupt()} (from another thread): the runs stop handing out jobs and return
     * without waiting for the running ones.
     */
    volatile boolean interrupted;
    private double cost;
    private Instant started;

    /**
     * The loop of the study {@code b} describes. Warm-start priors wrap its optimizer, and change
     * its settings: their seeds change the sequence of jobs, so a stored study is continued only
     * with the same.
     */
    static TrialLoop of(StudyBuilder b) {
        Optimizer chosen = b.optimizer;
        StudySettings settings = b.optimizerSettings;
        if (!b.priors.isEmpty()) {
            double seedBudget = !Double.isNaN(b.optimizerMaxBudget) ? b.optimizerMaxBudget
                    : b.space.budget().map(x -> x.max()).orElse(Double.isNaN(b.maxBudget) ? 1.0 : b.maxBudget);
            List<Configuration> seeds = Priors.best(b.priors, b.direction, b.warmStartTopK);
            chosen = new WarmStart(b.optimizer, seeds, seedBudget,
                    Priors.observations(b.priors, b.direction, seedBudget), b.warmStartWeight);
            String digest = Integer.toHexString(b.priors.stream()
                    .map(p -> p.configuration() + "@" + p.budget() + "=" + p.value()).toList().hashCode());
            settings = settings.withWarmStart(new StudySettings.WarmStart(seeds.size(), b.priors.size(),
                    b.warmStartWeight, digest));
        }
        return new TrialLoop(b, chosen, settings);
    }

    private TrialLoop(StudyBuilder b, Optimizer optimizer, StudySettings optimizerSettings) {
        this.space = b.space;
        this.name = b.name;
        this.direction = b.direction;
        this.criteria = b.criteria == null ? Criteria.single(b.direction) : b.criteria;
        this.optimizer = optimizer;
        this.seed = b.seed;
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.store = b.store;
        this.optimizerName = b.optimizerName;
        this.optimizerSettings = optimizerSettings;
        this.failFastAfter = b.failFastAfter;
        this.stopper = b.stopper;
        this.lease = b.lease;
        this.folders = new TrialFolders(b.name, b.workDirectory, b.checkpoints, b.checkpointDirectory, this::warn);
        this.tasks = new TrialTasks(b.seed, b.space);
        this.digests = new CheckpointDigests(b.store, b.name);
        this.outputLimit = b.outputLimit;
        this.keepCheckpoints = b.keepCheckpoints;
        this.maxBudget = b.maxBudget;
        this.outcomes = new TrialOutcomes(b.space, b.maxBudget);
    }

    /** What the store knows this study by; a stored study with another definition is not continued. */
    StudyDefinition definition() {
        return new StudyDefinition(name, space.describe(), direction, optimizerName, seed, optimizerSettings, criteria);
    }

    /** Marks the start of optimizing (for time limits); later calls keep the first start. */
    synchronized void start() {
        if (started == null) {
            started = clock.instant();
        }
    }

    /** The optimizer's answer: a job to run, wait for outstanding results, or finished. */
    synchronized Ask nextJob() {
        return optimizer.isFinished() ? Ask.FINISHED : optimizer.ask();
    }

    /** The error for an optimizer that asks to wait when no job is outstanding: it would wait forever. */
    IllegalStateException waitsForNothing() {
        return new IllegalStateException("optimizer " + optimizer.getClass().getSimpleName()
                + " of study '" + name + "' asks to wait although no job is outstanding");
    }

    /** Tells the listeners that {@code job} was handed out to run. */
    void started(Job job) {
        for (StudyListener l : listeners) {
            l.evaluationStarted(job);
        }
    }

    /** The task of attempt {@code attempt} at {@code job}. */
    Task task(Job job, int attempt) {
        Path checkpointRoot = folders.taskCheckpointRoot();
        return tasks.task(job, attempt, folders.workRoot(), checkpointRoot,
                checkpointRoot == null ? null : digests.expected(job.configId(), tasks.effectiveBudget(job.previousBudget())));
    }

    /** Records the digest of the checkpoint an ended job saved at {@code budget}; before its result is stored. */
    void recordCheckpoint(Job job, double budget) {
        if (job != null) {
            digests.record(folders.taskCheckpointRoot(), job.configId(), budget);
        }
    }

    /** The result with its failure cause cut to the {@linkplain StudyBuilder#outputLimit output limit}. */
    Result bounded(Result result) {
        return result.isFailure() && result.failure().length() > outputLimit
                ? Result.failed(Failures.bound(result.failure(), outputLimit)) : result;
    }

    /** Tells the listeners (the console) about something the user should know; stderr when none listens. */
    void warn(String message) {
        if (listeners.isEmpty()) {
            System.err.println("hpo4j: warning: " + message);
        }
        for (StudyListener l : listeners) {
            l.warning(message);
        }
    }

    /** The stop signal of a job that starts now; {@code null} without a curve stopper. */
    StopCheck stopCheck(Job job) {
        return stopper == null ? null
                : new StopCheck(stopper, tasks.effectiveBudget(job.budget()), incumbentAt(job.budget()));
    }

    /**
     * The best value (the user's direction) among evaluations at {@code budget} that ran to it;
     * NaN when there is none. What a partial curve must be predicted to beat.
     */
    private synchronized double incumbentAt(double budget) {
        double best = Double.NaN;
        for (Evaluation e : evaluations) {
            if (e.isFailure() || e.stoppedEarly() || e.job().budget() != budget) {
                continue;
            }
            double v = e.value();
            if (Double.isNaN(best) || Directions.better(direction, v, best)) {
                best = v;
            }
        }
        return best;
    }

    /**
     * Tells the optimizer the outcome of an evaluation, adds it to the study and informs the
     * listeners.
     */
    synchronized void record(Evaluation evaluation) {
        optimizer.tell(evaluation.job(), forOptimizer(evaluation.result()));
        evaluations.add(evaluation);
        cost += evaluation.cost();
        if (!keepCheckpoints && !Double.isNaN(maxBudget)
                && tasks.effectiveBudget(evaluation.job().budget()) >= tasks.effectiveBudget(maxBudget)) {
            // at the largest budget nothing promotes it further: its checkpoints are dead weight
            folders.deleteCheckpoints(evaluation.job().configId());
        }
        for (StudyListener l : listeners) {
            l.evaluationFinished(evaluation);
        }
    }

    /**
     * A result as the optimizer, which minimizes, is told it: the value negated when the study
     * maximizes; with several objectives, every objective to minimize and each constraint's
     * violation ({@link Criteria}).
     */
    private Result forOptimizer(Result r) {
        if (r.isFailure()) {
            return r;
        }
        if (!criteria.isMultiObjective() && criteria.constraints().isEmpty()) {
            return Result.of(Directions.minimized(direction, r.value()));
        }
        if (r.objectives().size() != criteria.objectives().size() || r.constraints().size() != criteria.constraints().size()) {
            // e.g. stopped early with the first objective's last report only: nothing to rank it by
            return Result.failed("returned " + r.objectives().size() + " objective and " + r.constraints().size()
                    + " constraint values where the study has " + criteria.objectives().size() + " and "
                    + criteria.constraints().size());
        }
        Score score = new Score(r.objectives(), r.constraints());
        List<Double> minimized = java.util.Arrays.stream(criteria.minimized(score)).boxed().toList();
        List<Double> violations = new ArrayList<>();
        for (int i = 0; i < criteria.constraints().size(); i++) {
            violations.add(criteria.constraints().get(i).violation(r.constraints().get(i)));
        }
        return Result.of(minimized, violations);
    }

    /** Whether the study's first {@code failFastAfter} evaluations (or more) all failed: the objective is broken. */
    synchronized boolean allFailedSoFar() {
        return evaluations.size() >= failFastAfter && evaluations.stream().allMatch(Evaluation::isFailure);
    }

    /** Evaluations, cost and time so far. */
    synchronized StoppingRule.Progress progress() {
        Duration elapsed = started == null ? Duration.ZERO : Duration.between(started, clock.instant());
        return new StoppingRule.Progress(evaluations.size(), cost, elapsed);
    }

    /** The progress as it will be once the running jobs have ended. */
    synchronized StoppingRule.Progress projectedProgress(Collection<Job> running) {
        StoppingRule.Progress now = progress();
        double runningCost = 0;
        for (Job j : running) {
            // a running promotion may yet restart: count it in full until it says otherwise
            runningCost += outcomes.costRule().cost(tasks.effectiveBudget(j.budget()), 0);
        }
        return new StoppingRule.Progress(now.evaluations() + running.size(), now.cost() + runningCost, now.elapsed());
    }

    /** The study's evaluations so far. */
    synchronized StudyResult result() {
        return new StudyResult(name, direction, evaluations);
    }

    /**
     * Ends a run of the study: informs the listeners and returns the result.
     *
     * @throws StudyFailedException if there are evaluations and all failed
     */
    StudyResult finish() {
        StudyResult result = result();
        if (!keepCheckpoints) {
            // a later run that continues the study trains its promotions from scratch (charged in full)
            folders.deleteCheckpoints();
        }
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

    /** The evaluation of a job as a worker stored it. */
    Evaluation storedEvaluation(Job job, StoredJob stored) {
        List<Evaluation.Report> reports = store.reports(name, job.id()).stream()
                .map(x -> new Evaluation.Report(x.step(), x.value())).toList();
        return outcomes.stored(job, stored.result(), stored, reports);
    }

    /**
     * Opens the study in the store and, if it existed, replays its history into the optimizer:
     * hand-outs ({@code ask}) and told results ({@code tell}) in their stored order, then results
     * stored but never told (the coordinator died first), which are told now. Returns the jobs
     * handed out but not ended, by id: to run again, or on a shared store to wait for.
     *
     * @param shared whether workers of other processes may be running jobs of the study now;
     *     otherwise whatever was running belonged to a process that died and is put back to pending
     */
    synchronized List<Job> openAndReplay(boolean shared) {
        boolean resumed = store.open(definition());
        folders.prepareCheckpoints(resumed);
        if (!resumed) {
            return List.of();
        }
        if (!shared) {
            store.requeueStale(name, Long.MAX_VALUE);
        }
        record Event(boolean untold, long seq, StoredJob job, boolean handOut) {
        }
        List<Event> events = new ArrayList<>();
        for (StoredJob j : store.jobs(name)) {
            events.add(new Event(false, j.handedSeq(), j, true));
            if (j.state().isDone()) {
                boolean untold = j.toldSeq() == 0;
                events.add(new Event(untold, untold ? j.finishedSeq() : j.toldSeq(), j, false));
            }
        }
        events.sort(Comparator.comparing(Event::untold).thenComparingLong(Event::seq));
        Map<Integer, Job> handedOut = new HashMap<>();
        List<Evaluation> replayed = new ArrayList<>();
        for (Event e : events) {
            StoredJob stored = e.job();
            if (e.handOut()) {
                Job expected = stored.toJob(space);
                Job asked = optimizer.isFinished() ? null : optimizer.ask().jobToRun().orElse(null);
                if (!expected.equals(asked)) {
                    throw new IllegalStateException("study '" + name + "' in " + store.location()
                            + " cannot be continued: replaying its history, the optimizer proposes "
                            + (asked == null ? "nothing" : asked) + " where it had handed out " + expected
                            + ". The optimizer's code changed since; start over with -Dhpo.fresh=true.");
                }
                handedOut.put(asked.id(), asked);
            } else {
                Job job = handedOut.remove(stored.jobId());
                if (e.untold()) {
                    store.acknowledge(name, job.id());
                }
                optimizer.tell(job, forOptimizer(stored.result()));
                Evaluation evaluation = storedEvaluation(job, stored);
                evaluations.add(evaluation);
                cost += evaluation.cost();
                replayed.add(evaluation);
            }
        }
        for (StudyListener l : listeners) {
            l.resumed(List.copyOf(replayed));
        }
        return handedOut.values().stream().sorted(Comparator.comparingInt(Job::id)).toList();
    }
}
