package org.hpo4j.study;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hpo4j.annotations.Direction;
import org.hpo4j.curves.CurveStopper;
import org.hpo4j.execute.Completion;
import org.hpo4j.execute.EarlyStops;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.InProcessExecutor;
import org.hpo4j.execute.Task;
import org.hpo4j.objective.CheckpointFolder;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.objective.InProcessTrialContext;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.OptimizerSettings;
import org.hpo4j.optimizer.registry.Optimizers;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.ConfigurationCodec;
import org.hpo4j.store.JobState;
import org.hpo4j.store.NewJob;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StoredReport;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.trial.TrialContext;
import org.hpo4j.warmstart.Prior;
import org.hpo4j.warmstart.Priors;

/**
 * A named, seeded optimization of one objective over a search space, run by one thread or, with an
 * {@link Executor}, by several workers.
 *
 * <p>{@link #optimize} is the loop: ask the optimizer for a job, {@link #evaluate} it, {@link #record}
 * the evaluation, until the stopping rule or the optimizer says stop. The three steps are public
 * so that executors with parallel workers and persistent stores can drive the same study: only
 * {@link #evaluate} may run on several threads at once.
 *
 * <p>Cost: an evaluation costs its full {@code budget / maxBudget} (restart semantics, as
 * HpBandSter evaluates), unless its objective continued from a checkpoint: a promotion whose
 * objective {@linkplain TrialContext#loadCheckpoint loaded} the state its configuration saved at
 * {@code previousBudget} costs {@code (budget - previousBudget) / maxBudget}.
 * {@link Evaluation#continuedFrom()} (and the store) say which was charged. Checkpoints live in
 * {@code <work folder>/<study>/checkpoints/<configuration>/} unless
 * {@linkplain Builder#checkpointDirectory another folder} is given; a study that starts afresh
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
    private final SearchSpace space;
    private final String name;
    private final Direction direction;
    private final Criteria criteria;
    private final Optimizer optimizer;
    private final long seed;
    private final List<StudyListener> listeners;
    private final Path configuredWorkRoot;
    private final Clock clock;
    private final double maxBudget;
    private final boolean integerBudget;
    private final Executor executor;
    private final StudyStore store;
    private final String optimizerName;
    private final String optimizerSettings;
    private final int failFastAfter;
    private final CurveStopper stopper;
    private final boolean checkpoints;
    private final Path configuredCheckpointRoot;
    private boolean checkpointsPrepared;
    private final Duration lease;
    private final List<Evaluation> evaluations = new ArrayList<>();
    private double cost;
    private Instant started;
    private Path workRoot;

    private Study(Builder b, Optimizer optimizer, String optimizerSettings) {
        this.space = b.space;
        this.name = b.name;
        this.direction = b.direction;
        this.criteria = b.criteria == null ? Criteria.single(b.direction) : b.criteria;
        this.optimizer = optimizer;
        this.seed = b.seed;
        this.listeners = List.copyOf(b.listeners);
        this.configuredWorkRoot = b.workDirectory;
        this.clock = b.clock;
        this.maxBudget = b.maxBudget;
        this.integerBudget = space.budget().map(s -> s.integer()).orElse(false);
        this.executor = b.executor;
        this.store = b.store;
        this.optimizerName = b.optimizerName;
        this.optimizerSettings = optimizerSettings;
        this.failFastAfter = b.failFastAfter;
        this.stopper = b.stopper;
        this.checkpoints = b.checkpoints;
        this.configuredCheckpointRoot = b.checkpointDirectory;
        this.lease = b.lease;
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
     * is finished. May be called again to continue. With a {@linkplain Builder#store store} the
     * jobs still run one after another (on one thread of an {@link InProcessExecutor}), each stored
     * as it happens, and a stored study of the same name is continued first.
     *
     * @return every evaluation so far, the incumbent and the cost spent
     * @throws StudyFailedException if the study has evaluations and every one of them failed
     * @throws IllegalStateException if the study has an {@linkplain Builder#executor executor}: use
     *     {@link #optimize(StoppingRule)}
     */
    public StudyResult optimize(Objective objective, StoppingRule stoppingRule) {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(stoppingRule, "stoppingRule");
        if (executor != null) {
            throw new IllegalStateException("study '" + name + "' has an executor, which runs its own objective:"
                    + " call optimize(StoppingRule)");
        }
        if (store != null) {
            // the store's bookkeeping is the executor loop's; one thread keeps the single-thread order
            try (InProcessExecutor inThread = new InProcessExecutor(objective, 1)) {
                return optimizeWith(inThread, stoppingRule);
            }
        }
        start();
        prepareCheckpoints(false);
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
            for (StudyListener l : listeners) {
                l.evaluationStarted(job.get());
            }
            record(evaluate(job.get(), objective));
        }
        return finish();
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
            throw new IllegalStateException("study '" + name + "' has no executor: call optimize(Objective, StoppingRule)");
        }
        return optimizeWith(executor, stoppingRule);
    }

    private StudyResult optimizeWith(Executor runner, StoppingRule stoppingRule) {
        if (store != null && store.shared()) {
            return coordinate(runner, stoppingRule);
        }
        start();
        String coordinator = workerName();
        Map<Integer, Job> running = new HashMap<>();
        Map<Integer, List<Evaluation.Report>> reports = new ConcurrentHashMap<>();
        Map<Integer, StopCheck> checks = new ConcurrentHashMap<>();
        runner.reportsTo((task, step, value) -> {
            List<Evaluation.Report> so = reports.computeIfAbsent(task.jobId(),
                    id -> java.util.Collections.synchronizedList(new ArrayList<>()));
            so.add(new Evaluation.Report(step, value));
            if (store != null) {
                store.report(name, task.jobId(), task.attempt(), step, value, System.currentTimeMillis());
            }
            StopCheck check = checks.get(task.jobId());
            if (check != null && !check.stopped && check.decide(List.copyOf(so))) {
                runner.requestStop(task.jobId());
                if (store != null) {
                    // kept with the job, so that a resumed study knows why it ended early
                    store.requestStop(name, task.jobId(), task.attempt());
                }
            }
        });
        if (store == null) {
            prepareCheckpoints(false);
        }
        Deque<Job> rerun = new ArrayDeque<>(store == null ? List.of() : openAndReplay(false));
        boolean stopping = false;
        while (true) {
            while (!stopping && runner.outstanding() < runner.parallelism()) {
                Job job;
                int attempt = 1;
                if (!rerun.isEmpty()) {
                    job = rerun.removeFirst();
                    StoredJob claimed = store.claim(name, coordinator, System.currentTimeMillis(), HELD_BY_COORDINATOR)
                            .orElseThrow(() -> new IllegalStateException("study '" + name + "': job " + rerun
                                    + " to run again is no longer pending in " + store.location()));
                    if (claimed.jobId() != job.id()) {
                        throw new IllegalStateException("study '" + name + "': expected to claim job " + job.id()
                                + " again but the store handed out job " + claimed.jobId());
                    }
                    attempt = claimed.attempt();
                } else {
                    if (stoppingRule.shouldStop(projectedProgress(running.values()))) {
                        stopping = true;
                        break;
                    }
                    Optional<Job> next = nextJob();
                    if (next.isEmpty()) {
                        if (optimizer.isFinished()) {
                            stopping = true;
                        } else if (running.isEmpty()) {
                            throw new IllegalStateException("optimizer " + optimizer.getClass().getSimpleName()
                                    + " of study '" + name + "' asks to wait although no job is outstanding");
                        }
                        break;
                    }
                    job = next.get();
                    if (store != null) {
                        store.addJob(name, NewJob.of(job), coordinator, System.currentTimeMillis(), HELD_BY_COORDINATOR);
                    }
                }
                running.put(job.id(), job);
                if (stopper != null) {
                    checks.put(job.id(), new StopCheck(stopper, effectiveBudget(job.budget()), incumbentAt(job.budget())));
                }
                for (StudyListener l : listeners) {
                    l.evaluationStarted(job);
                }
                runner.submit(new Task(job.id(), attempt, job.configuration(), effectiveBudget(job.budget()),
                        effectiveBudget(job.previousBudget()), InProcessTrialContext.deriveSeed(seed, job.id()),
                        workRoot().resolve("job-" + job.id()), checkpointFolder(job)));
            }
            if (runner.outstanding() == 0) {
                break;
            }
            Completion done;
            try {
                done = runner.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("study '" + name + "' was interrupted", e);
            }
            Job job = running.remove(done.task().jobId());
            Evaluation evaluation = evaluation(job, done.result(), Instant.ofEpochMilli(done.startedAt()),
                    Instant.ofEpochMilli(done.finishedAt()), List.copyOf(reports.getOrDefault(job.id(), List.of())),
                    checks.remove(job.id()), done.continuedFrom());
            if (store != null) {
                store.finish(name, job.id(), done.task().attempt(), evaluation.result(), done.finishedAt(),
                        done.continuedFrom());
                store.acknowledge(name, job.id());
            }
            record(evaluation);
            reports.remove(job.id());
            if (allFailedSoFar()) {
                stopping = true;
            }
        }
        return finish();
    }

    /** A claim's lease for the coordinator's own jobs: held until the coordinator ends them or dies. */
    private static final long HELD_BY_COORDINATOR = Long.MAX_VALUE - 1;

    /** How often a coordinator of a shared store looks for results and pending jobs. */
    private static final Duration POLL = Duration.ofMillis(100);

    /** "pid 123@host": who runs a job, as stored. */
    public static String workerName() {
        return "pid " + ProcessHandle.current().pid() + "@" + Objects.requireNonNullElse(System.getenv("HOSTNAME"),
                Objects.requireNonNullElse(System.getenv("COMPUTERNAME"), "localhost"));
    }

    /**
     * The loop of a coordinator on a {@linkplain StudyStore#shared() shared} store: jobs are added
     * pending, and claimed by this process's own workers ({@code runner}) as well as by remote
     * workers ({@code org.hpo4j.distributed.RemoteWorker}); results are read back from the store and told
     * to the optimizer in the order the coordinator sees them, which it stores by
     * {@linkplain StudyStore#acknowledge acknowledging} them. Jobs whose worker stopped heart-beating
     * are put back to pending. When the loop ends the study is marked finished, which ends the
     * remote workers.
     *
     * <p>With a curve stopper, the coordinator also watches the learning curves of every running
     * job, wherever it runs, by reading the values reported to the store since it last looked; when
     * the stopper says stop, it stores a stop request for that attempt, which a remote worker learns
     * with its next heartbeat (its own workers are told at once).
     */
    private StudyResult coordinate(Executor runner, StoppingRule stoppingRule) {
        start();
        String me = workerName();
        Map<Integer, Job> handedOut = new HashMap<>();
        for (Job j : openAndReplay(true)) {
            handedOut.put(j.id(), j);
        }
        store.setStudyFinished(name, false);
        EarlyStops localStops = new EarlyStops();
        runner.reportsTo((task, step, value) -> {
            localStops.reported(task, step, value);
            store.report(name, task.jobId(), task.attempt(), step, value, System.currentTimeMillis());
        });
        Map<Integer, Integer> localAttempts = new HashMap<>();
        Map<Integer, WatchedCurve> curves = new HashMap<>();
        boolean stopping = false;
        long nextHeartbeat = 0;
        while (true) {
            long now = System.currentTimeMillis();
            store.requeueStale(name, now);
            List<StoredJob> stored = store.jobs(name);
            // 1. results: told in the order they were stored, each acknowledged as it is told
            List<StoredJob> ended = stored.stream().filter(j -> j.state().isDone() && j.toldSeq() == 0
                    && handedOut.containsKey(j.jobId())).sorted(Comparator.comparingLong(StoredJob::finishedSeq)).toList();
            for (StoredJob j : ended) {
                Job job = handedOut.remove(j.jobId());
                store.acknowledge(name, j.jobId());
                record(storedEvaluation(job, j));
            }
            if (!ended.isEmpty() && allFailedSoFar()) {
                stopping = true;
            }
            if (stopper != null) {
                watchCurves(stored, handedOut, curves, localAttempts, runner, localStops);
            }
            // 2. hand-outs: one spare pending job per worker seen running, and per local slot
            long pending = stored.stream().filter(j -> j.state() == JobState.PENDING).count();
            long busyWorkers = stored.stream().filter(j -> j.state() == JobState.RUNNING).map(StoredJob::worker)
                    .distinct().count();
            long wanted = Math.max(1, runner.parallelism() + busyWorkers);
            while (!stopping && pending < wanted) {
                if (stoppingRule.shouldStop(projectedProgress(handedOut.values()))) {
                    stopping = true;
                    break;
                }
                Optional<Job> next = nextJob();
                if (next.isEmpty()) {
                    if (optimizer.isFinished()) {
                        stopping = true;
                    } else if (handedOut.isEmpty()) {
                        throw new IllegalStateException("optimizer " + optimizer.getClass().getSimpleName()
                                + " of study '" + name + "' asks to wait although no job is outstanding");
                    }
                    break;
                }
                Job job = next.get();
                store.addJob(name, NewJob.of(job), null, System.currentTimeMillis(), 0);
                handedOut.put(job.id(), job);
                pending++;
                for (StudyListener l : listeners) {
                    l.evaluationStarted(job);
                }
            }
            if (handedOut.isEmpty()) {
                break;
            }
            // 3. this process's own workers claim pending jobs like any remote worker
            while (runner.outstanding() < runner.parallelism()) {
                long at = System.currentTimeMillis();
                Optional<StoredJob> claimed = store.claim(name, me, at, at + lease.toMillis());
                if (claimed.isEmpty()) {
                    break;
                }
                StoredJob c = claimed.get();
                Job job = handedOut.containsKey(c.jobId()) ? handedOut.get(c.jobId()) : c.toJob(space);
                localAttempts.put(c.jobId(), c.attempt());
                runner.submit(new Task(job.id(), c.attempt(), job.configuration(), effectiveBudget(job.budget()),
                        effectiveBudget(job.previousBudget()), InProcessTrialContext.deriveSeed(seed, job.id()),
                        workRoot().resolve("job-" + job.id()), checkpointFolder(job)));
            }
            // 4. wait for a local result, heart-beating the local jobs
            try {
                Optional<Completion> done = runner.outstanding() == 0 ? Optional.empty() : runner.poll(POLL);
                if (runner.outstanding() == 0 && done.isEmpty()) {
                    Thread.sleep(POLL.toMillis());
                }
                if (done.isPresent()) {
                    Completion c = done.get();
                    localAttempts.remove(c.task().jobId());
                    // an evaluation that obeyed a stop request counts with its last reported value
                    store.finish(name, c.task().jobId(), c.task().attempt(), localStops.settle(c), c.finishedAt(),
                            c.continuedFrom());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("study '" + name + "' was interrupted", e);
            }
            now = System.currentTimeMillis();
            if (now >= nextHeartbeat) {
                for (Map.Entry<Integer, Integer> e : localAttempts.entrySet()) {
                    store.heartbeat(name, e.getKey(), e.getValue(), now + lease.toMillis());
                }
                nextHeartbeat = now + lease.toMillis() / 4;
            }
        }
        store.setStudyFinished(name, true);
        return finish();
    }

    /** The learning curve of a running attempt of a shared store's job, as the coordinator read it so far. */
    private static final class WatchedCurve {
        final int attempt;
        final StopCheck check;
        final List<Evaluation.Report> reports = new ArrayList<>();
        /** The number of the last report read ({@link StoredReport#id()}). */
        long lastId;
        boolean stopRequested;

        WatchedCurve(int attempt, StopCheck check, boolean stopRequested) {
            this.attempt = attempt;
            this.check = check;
            this.stopRequested = stopRequested;
        }
    }

    /**
     * One look of a coordinator at the learning curves of the running jobs: reads the values
     * reported since the last look (one query for all jobs), asks the curve stopper about each curve
     * that grew, and stores a stop request for the attempts it would stop; those running here are
     * told at once. A job handed out again is watched afresh: its new attempt starts a new curve,
     * with the incumbent of the moment, as a job starting in process does.
     */
    private void watchCurves(List<StoredJob> stored, Map<Integer, Job> handedOut, Map<Integer, WatchedCurve> curves,
                             Map<Integer, Integer> localAttempts, Executor runner, EarlyStops localStops) {
        Map<Integer, StoredJob> running = new HashMap<>();
        for (StoredJob j : stored) {
            if (j.state() == JobState.RUNNING && handedOut.containsKey(j.jobId())) {
                running.put(j.jobId(), j);
            }
        }
        curves.keySet().retainAll(running.keySet());
        for (StoredJob j : running.values()) {
            WatchedCurve curve = curves.get(j.jobId());
            if (curve == null || curve.attempt != j.attempt()) {
                Job job = handedOut.get(j.jobId());
                curves.put(j.jobId(), new WatchedCurve(j.attempt(),
                        new StopCheck(stopper, effectiveBudget(job.budget()), incumbentAt(job.budget())),
                        j.stopRequested()));
            }
        }
        if (curves.isEmpty()) {
            return;
        }
        // numbers grow within an attempt, not across them (concurrent writers commit out of order):
        // read from the smallest number any watched attempt has reached
        long after = curves.values().stream().mapToLong(c -> c.lastId).min().getAsLong();
        for (StoredReport r : store.runningReports(name, after)) {
            WatchedCurve curve = curves.get(r.jobId());
            if (curve != null && curve.attempt == r.attempt() && r.id() > curve.lastId) {
                curve.reports.add(new Evaluation.Report(r.step(), r.value()));
                curve.lastId = r.id();
            }
        }
        for (Map.Entry<Integer, WatchedCurve> e : curves.entrySet()) {
            WatchedCurve curve = e.getValue();
            if (curve.stopRequested || !curve.check.decide(List.copyOf(curve.reports))) {
                continue;
            }
            curve.stopRequested = true;
            int jobId = e.getKey();
            store.requestStop(name, jobId, curve.attempt);
            Integer local = localAttempts.get(jobId);
            if (local != null && local == curve.attempt) {
                localStops.request(runner, jobId, curve.attempt);
            }
        }
    }

    /** The evaluation of a job as a worker stored it. */
    private Evaluation storedEvaluation(Job job, StoredJob stored) {
        List<Evaluation.Report> reports = store.reports(name, job.id()).stream()
                .map(x -> new Evaluation.Report(x.step(), x.value())).toList();
        return replayedEvaluation(job, stored.result(), stored, reports);
    }

    /**
     * A stored evaluation read back. One the curve stopper ended is recognized as the study records
     * it in process: the stopper asked its attempt to stop ({@link StoredJob#stopRequested()}) and
     * its last report came before the budget; it then counts with that report's value. Stores of
     * schema version 3 and older kept no stop requests: there the last report's value, at a step
     * before the budget, stored as the result, says so. Continued evaluations are charged from the
     * budget they continued from.
     */
    private Evaluation replayedEvaluation(Job job, Result r, StoredJob stored, List<Evaluation.Report> reports) {
        Instant start = Instant.ofEpochMilli(stored.startedAt());
        Instant end = Instant.ofEpochMilli(stored.finishedAt());
        double budget = effectiveBudget(job.budget());
        if (!r.isFailure() && !reports.isEmpty()) {
            Evaluation.Report last = reports.get(reports.size() - 1);
            if (last.step() < budget && (stored.stopRequested() || last.value() == r.value())) {
                return new Evaluation(job, Result.of(last.value()), start, end, reports,
                        cost(last.step(), stored.continuedFrom()), stored.continuedFrom(), true);
            }
        }
        return new Evaluation(job, r, start, end, reports, cost(budget, stored.continuedFrom()), stored.continuedFrom());
    }

    private synchronized boolean allFailedSoFar() {
        return evaluations.size() >= failFastAfter && evaluations.stream().allMatch(Evaluation::isFailure);
    }

    private synchronized StoppingRule.Progress projectedProgress(java.util.Collection<Job> running) {
        StoppingRule.Progress now = progress();
        double runningCost = 0;
        for (Job j : running) {
            // a running promotion may yet restart: count it in full until it says otherwise
            runningCost += cost(effectiveBudget(j.budget()), 0);
        }
        return new StoppingRule.Progress(now.evaluations() + running.size(), now.cost() + runningCost, now.elapsed());
    }

    /** What the store knows this study by; a stored study with another definition is not continued. */
    public StudyDefinition definition() {
        return new StudyDefinition(name, space.describe(), direction, optimizerName, seed, optimizerSettings, criteria);
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
    private synchronized List<Job> openAndReplay(boolean shared) {
        boolean resumed = store.open(definition());
        prepareCheckpoints(resumed);
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
                Job asked = optimizer.isFinished() ? null : optimizer.ask().orElse(null);
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
                Result r = stored.result();
                optimizer.tell(job, forOptimizer(r));
                List<Evaluation.Report> reports = store.reports(name, job.id()).stream()
                        .map(x -> new Evaluation.Report(x.step(), x.value())).toList();
                Evaluation evaluation = replayedEvaluation(job, r, stored, reports);
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
        StopCheck check = stopper == null ? null : new StopCheck(stopper, budget, incumbentAt(job.budget()));
        Path checkpointFolder = checkpointFolder(job);
        InProcessTrialContext[] self = new InProcessTrialContext[1];
        InProcessTrialContext context = new InProcessTrialContext(job.id(), budget, previous,
                InProcessTrialContext.deriveSeed(seed, job.id()), workRoot().resolve("job-" + job.id()),
                check == null ? () -> false : () -> self[0] != null && check.decide(self[0].reports()),
                checkpointFolder == null ? null : new CheckpointFolder(checkpointFolder, budget, previous,
                        ConfigurationCodec.encode(job.configuration())));
        self[0] = context;
        Instant start = clock.instant();
        Result result;
        try {
            result = objective.result(job.configuration(), context);
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
        return evaluation(job, result, start, end, context.reports(), check, context.continuedFrom());
    }

    /**
     * The evaluation of a job that ended with {@code result}: when the curve stopper stopped it and
     * the objective obeyed (its last report is before the budget), it counts with its last reported
     * value and is charged for the budget it actually used. A continuation is charged from the
     * budget it continued from.
     */
    private Evaluation evaluation(Job job, Result result, Instant start, Instant end, List<Evaluation.Report> reports,
                                  StopCheck check, double continuedFrom) {
        double budget = effectiveBudget(job.budget());
        if (check != null && check.stopped && !result.isFailure() && !reports.isEmpty()) {
            Evaluation.Report last = reports.get(reports.size() - 1);
            if (last.step() < budget) {
                return new Evaluation(job, Result.of(last.value()), start, end, reports, cost(last.step(), continuedFrom),
                        continuedFrom, true);
            }
        }
        return new Evaluation(job, result, start, end, reports, cost(budget, continuedFrom), continuedFrom);
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
            if (Double.isNaN(best) || (direction == Direction.MINIMIZE ? v < best : v > best)) {
                best = v;
            }
        }
        return best;
    }

    /**
     * The stop signal of one evaluation: asks the curve stopper when a new value was reported since
     * the last question (a fit is costly, an objective may ask often); once it said stop, it stays.
     */
    private static final class StopCheck {
        private final CurveStopper stopper;
        private final double finalStep;
        private final double incumbent;
        private int asked;
        private volatile boolean stopped;

        StopCheck(CurveStopper stopper, double finalStep, double incumbent) {
            this.stopper = stopper;
            this.finalStep = finalStep;
            this.incumbent = incumbent;
        }

        /** Whether to stop, given the reports so far. */
        synchronized boolean decide(List<Evaluation.Report> reports) {
            if (stopped) {
                return true;
            }
            if (reports.size() == asked) {
                return false;
            }
            asked = reports.size();
            double[] steps = new double[reports.size()];
            double[] values = new double[reports.size()];
            for (int i = 0; i < steps.length; i++) {
                steps[i] = reports.get(i).step();
                values[i] = reports.get(i).value();
                if (!Double.isFinite(values[i]) || !(steps[i] > 0) || (i > 0 && !(steps[i] > steps[i - 1]))) {
                    // not a learning curve the stopper can read: let the evaluation run
                    return false;
                }
            }
            stopped = stopper.decide(steps, values, finalStep, incumbent).stop();
            return stopped;
        }
    }

    /**
     * Tells the optimizer the outcome of an evaluation, adds it to the study and informs the
     * listeners.
     */
    public synchronized void record(Evaluation evaluation) {
        Result r = evaluation.result();
        optimizer.tell(evaluation.job(), forOptimizer(r));
        evaluations.add(evaluation);
        cost += evaluation.cost();
        for (StudyListener l : listeners) {
            l.evaluationFinished(evaluation);
        }
    }

    /**
     * A result as the optimizer is told it: the value negated when the study maximizes; with
     * several objectives or constraints, every objective to minimize and each constraint's
     * violation ({@link Criteria}).
     */
    private Result forOptimizer(Result r) {
        if (r.isFailure()) {
            return r;
        }
        if (!criteria.isMultiObjective() && criteria.constraints().isEmpty()) {
            return direction == Direction.MINIMIZE ? r : Result.of(-r.value());
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

    /** The study's objectives and constraints. */
    public Criteria criteria() {
        return criteria;
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

    private double cost(double budget, double continuedFrom) {
        // without a known maximum budget every evaluation counts as a full one
        return Double.isNaN(maxBudget) ? 1.0 : (budget - continuedFrom) / maxBudget;
    }

    /** The folder under which each configuration's checkpoint folder lives. */
    public synchronized Path checkpointRoot() {
        return configuredCheckpointRoot != null ? configuredCheckpointRoot : workRoot().resolve("checkpoints");
    }

    /** The checkpoint folder of a job's configuration; {@code null} when the study keeps no checkpoints. */
    private Path checkpointFolder(Job job) {
        return checkpoints ? CheckpointFolder.of(checkpointRoot(), job.configId()) : null;
    }

    /**
     * Once per study object: a study that starts afresh deletes the checkpoints of an earlier run of
     * the same name (their configuration ids now name other configurations); a resumed one keeps them.
     */
    private synchronized void prepareCheckpoints(boolean resumed) {
        if (checkpointsPrepared) {
            return;
        }
        checkpointsPrepared = true;
        if (checkpoints && !resumed) {
            CheckpointFolder.deleteAll(checkpointRoot());
        }
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
        private Criteria criteria;
        private Optimizer optimizer;
        private long seed;
        private final List<StudyListener> listeners = new ArrayList<>();
        private Path workDirectory;
        private Clock clock = Clock.systemUTC();
        private double maxBudget = Double.NaN;
        private Executor executor;
        private StudyStore store;
        private String optimizerName;
        private String optimizerSettings = "";
        private int failFastAfter = 10;
        private CurveStopper stopper;
        private List<Prior> priors = List.of();
        private int warmStartTopK = 3;
        private double warmStartWeight = 0.5;
        private double optimizerMaxBudget = Double.NaN;
        private boolean checkpoints = true;
        private Path checkpointDirectory;
        private Duration lease = Duration.ofSeconds(60);

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

        /**
         * Several objectives and constraints (what the {@code @Objective}'s record declares); sets
         * the direction to the first objective's. Needs an optimizer that
         * {@linkplain Optimizer#handlesSeveralObjectives handles several objectives} when there are.
         */
        public Builder criteria(Criteria value) {
            this.criteria = Objects.requireNonNull(value, "criteria");
            this.direction = value.objectives().get(0).direction();
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
         * objective is broken, not unlucky. Only for studies with an executor or a store.
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
            if (criteria != null && criteria.isMultiObjective() && !optimizer.handlesSeveralObjectives()) {
                throw new IllegalStateException("study '" + name + "' has " + criteria.objectives().size()
                        + " objectives " + criteria.objectiveNames() + ", but optimizer '" + optimizerName
                        + "' ranks by one value; use one for several objectives: random, nsga2, mo-asha or parego");
            }
            if (criteria != null && criteria.isMultiObjective() && !priors.isEmpty()) {
                throw new IllegalStateException("study '" + name + "' has several objectives; warm starts from "
                        + "earlier properties files are for one objective: remove hpo.warmStart");
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
            return new Study(this, chosen, settings);
        }
    }
}
