package org.hpo4j.distributed;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hpo4j.execute.Completion;
import org.hpo4j.execute.EarlyStops;
import org.hpo4j.execute.Executor;
import org.hpo4j.execute.Failures;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.LeaseStatus;
import org.hpo4j.store.StoreUnavailableException;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyDefinition;
import org.hpo4j.store.StudyStore;
import org.hpo4j.study.CheckpointDigests;
import org.hpo4j.study.Study;
import org.hpo4j.study.TrialTasks;

/**
 * A worker that joins a study in a {@linkplain StudyStore#shared() shared} store ({@code mvn
 * hpo:worker}): it claims pending jobs, runs them on an {@link Executor} (threads of this JVM or
 * forked worker JVMs, as {@code hpo:tune} does), heart-beats them while they run and stores their
 * results, until the coordinator marks the study finished.
 *
 * <p>The worker holds no state of the study: it may start before the coordinator (it waits for
 * the study to appear), stop at any time (its jobs are handed out again once their lease runs out)
 * and outlive a restart of the coordinator. It also puts back jobs whose lease ran out, so a dead
 * worker's job runs again while the coordinator is down.
 *
 * <p>When the coordinator's curve stopper asks an attempt to stop early ({@link
 * StudyStore#requestStop}), the worker learns it with that attempt's next heartbeat (within a
 * quarter lease) and tells the objective ({@code TrialContext.shouldStop()}); the attempt then
 * counts with its last reported value, as in a single process.
 */
public final class RemoteWorker {
    /** How long the store may fail without a break before the worker gives up. */
    private static final Duration MAX_OUTAGE = Duration.ofMinutes(10);

    private final StudyStore store;
    private final String study;
    private final SearchSpace space;
    private final Executor executor;
    private final Path workDirectory;
    private final Duration lease;
    private final Duration poll;
    private final PrintStream console;
    private final String name;
    private volatile boolean stopRequested;
    /** The attempts this worker runs, by job id; read by {@link #release()} from another thread. */
    private final Map<Integer, Integer> running = new ConcurrentHashMap<>();
    /** The configuration of each job this worker runs, whose checkpoint digest it records. */
    private final Map<Integer, Job.ConfigId> configs = new ConcurrentHashMap<>();
    private final EarlyStops earlyStops = new EarlyStops();
    private Path checkpointRoot;
    private int outputLimit = Failures.DEFAULT_LIMIT;

    /** What a worker did. */
    public record Summary(int finished, int failed, int superseded) {
    }

    /**
     * A worker for {@code study} in {@code store}.
     *
     * @param space the objective's search space; must be the study's
     * @param executor runs the evaluations, up to its parallelism at once; the caller closes it
     * @param workDirectory the folder under which jobs get their folders ({@code <it>/<study>/job-<id>})
     * @param lease how long a claim holds without a heartbeat; heartbeats come every quarter of it
     * @param poll how long to wait between looks for pending jobs
     * @param console where the worker says what it does
     */
    public RemoteWorker(StudyStore store, String study, SearchSpace space, Executor executor, Path workDirectory,
                        Duration lease, Duration poll, PrintStream console) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.space = Objects.requireNonNull(space, "space");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.lease = Objects.requireNonNull(lease, "lease");
        this.poll = Objects.requireNonNull(poll, "poll");
        this.console = Objects.requireNonNull(console, "console");
        if (lease.toMillis() < 100) {
            throw new IllegalArgumentException("lease must be at least 100 ms, got " + lease);
        }
        this.name = Study.workerName();
        this.checkpointRoot = workDirectory.resolve(study).resolve("checkpoints");
    }

    /**
     * The study's checkpoint folder, holding one folder per configuration; by default
     * {@code <workDirectory>/<study>/checkpoints}, the coordinator's default on the same machine.
     * Workers on other machines need a shared directory, the one the coordinator was given
     * ({@code hpo.checkpointDir}). {@code null} switches checkpoints off.
     */
    public RemoteWorker checkpointDirectory(Path studyCheckpointFolder) {
        this.checkpointRoot = studyCheckpointFolder;
        return this;
    }

    /**
     * Gives up the claims on the evaluations in progress at once (their leases end now, so any
     * worker hands them out again at its next look) instead of a lease after the last heartbeat.
     * For a worker being shut down (SIGTERM from Kubernetes or Slurm); the evaluations keep running
     * and a result that still arrives counts unless another worker has claimed the job by then.
     *
     * @return how many claims were given up
     */
    public int release() {
        stopRequested = true;
        int released = 0;
        for (Map.Entry<Integer, Integer> e : running.entrySet()) {
            if (store.heartbeat(study, e.getKey(), e.getValue(), 0)) {
                released++;
            }
        }
        return released;
    }

    /**
     * How many characters of a failure cause are stored ({@code hpo.outputLimit}, default
     * {@value Failures#DEFAULT_LIMIT}); a longer one keeps its start and end, marked as cut.
     */
    public RemoteWorker outputLimit(int characters) {
        this.outputLimit = Math.max(Failures.MIN_LIMIT, characters);
        return this;
    }

    /** Asks a running {@link #run()} to return once its evaluations in progress have ended. */
    public void stop() {
        stopRequested = true;
    }

    /**
     * Claims and runs jobs until the study is marked finished (or {@link #stop()} is called).
     *
     * @throws IllegalStateException when the stored study has another search space than the
     *     objective's (the worker runs other code than the coordinator)
     */
    public Summary run() throws InterruptedException {
        StudyDefinition definition = awaitStudy();
        if (definition == null) {
            return new Summary(0, 0, 0);
        }
        // only the space is the worker's to check: the rest (criteria of several objectives too) is the coordinator's
        List<String> diffs = new StudyDefinition(study, space.describe(), definition.direction(),
                definition.optimizer(), definition.seed(), definition.settings(), definition.criteria())
                .differencesFrom(definition);
        if (!diffs.isEmpty()) {
            throw new IllegalStateException("study '" + study + "' in " + store.location() + " was started with"
                    + " another objective than this worker's: " + String.join("; ", diffs));
        }
        TrialTasks tasks = new TrialTasks(definition.seed(), space);
        CheckpointDigests digests = new CheckpointDigests(store, study);
        if (store.isStudyFinished(study)) {
            console.println("[hpo] study '" + study + "' in " + store.location() + " is already finished");
            return new Summary(0, 0, 0);
        }
        console.println("[hpo] worker " + name + " joined study '" + study + "' in " + store.location()
                + " (" + executor.parallelism() + " at once)");
        executor.reportsTo((task, step, value) -> {
            earlyStops.reported(task, step, value);
            store.report(study, task.jobId(), task.attempt(), step, value, System.currentTimeMillis());
        });
        running.clear();
        Deque<Ended> unsaved = new ArrayDeque<>();
        int[] counts = new int[3]; // finished, failed, superseded
        long nextHeartbeat = 0;
        long nextRequeue = 0;
        long failingSince = 0;
        while (true) {
            try {
                if (store.isStudyFinished(study) || (stopRequested && running.isEmpty() && unsaved.isEmpty())) {
                    break;
                }
                if (System.currentTimeMillis() >= nextRequeue) {
                    // every worker looks for dead workers' jobs, so they run again while the
                    // coordinator is down too; a quarter lease late at most
                    store.requeueStale(study, System.currentTimeMillis());
                    nextRequeue = System.currentTimeMillis() + lease.toMillis() / 4;
                }
                while (!stopRequested && executor.outstanding() < executor.parallelism()) {
                    long at = System.currentTimeMillis();
                    Optional<StoredJob> claimed = store.claim(study, name, at, at + lease.toMillis());
                    if (claimed.isEmpty()) {
                        break;
                    }
                    StoredJob c = claimed.get();
                    Job job = c.toJob(space);
                    running.put(job.id(), c.attempt());
                    configs.put(job.id(), job.configId());
                    double previous = tasks.effectiveBudget(job.previousBudget());
                    console.println("[hpo] job " + job.id() + " (attempt " + c.attempt() + ", budget "
                            + job.budget() + ") " + job.configuration());
                    executor.submit(tasks.task(job, c.attempt(), workDirectory.resolve(study), checkpointRoot,
                            checkpointRoot == null ? null : digests.expected(job.configId(), previous)));
                }
                if (executor.outstanding() > 0) {
                    executor.poll(poll).map(this::settle).ifPresent(unsaved::add);
                } else {
                    Thread.sleep(poll.toMillis());
                }
                // a result is kept until the store has it, so a database outage loses none
                while (!unsaved.isEmpty()) {
                    Ended ended = unsaved.peekFirst();
                    Completion c = ended.completion();
                    Job.ConfigId config = configs.get(c.task().jobId());
                    if (config != null) {
                        digests.record(checkpointRoot, config, c.task().budget());
                    }
                    Result result = c.result().isFailure()
                            ? Result.failed(Failures.bound(c.result().failure(), outputLimit)) : c.result();
                    boolean counted = store.finish(study, c.task().jobId(), c.task().attempt(), result,
                            c.finishedAt(), c.continuedFrom());
                    unsaved.removeFirst();
                    running.remove(c.task().jobId());
                    configs.remove(c.task().jobId());
                    say(c, ended.stopRequested(), counted, counts);
                }
                long now = System.currentTimeMillis();
                if (now >= nextHeartbeat) {
                    for (Map.Entry<Integer, Integer> e : running.entrySet()) {
                        // LOST: the lease ran out and the job went to another worker; this attempt's
                        // result will be logged but not counted
                        LeaseStatus status = store.renewLease(study, e.getKey(), e.getValue(), now + lease.toMillis());
                        if (status == LeaseStatus.STOP_REQUESTED
                                && earlyStops.request(executor, e.getKey(), e.getValue())) {
                            console.println("[hpo] job " + e.getKey() + " (attempt " + e.getValue()
                                    + "): the coordinator's curve stopper asks it to stop early");
                        }
                    }
                    nextHeartbeat = now + lease.toMillis() / 4;
                }
                failingSince = 0;
            } catch (StoreUnavailableException e) {
                // the database is unreachable (restart, network): keep the evaluations running and
                // try again; give up only after an outage of many leases. Any other failure of the
                // store is not an outage and ends the worker at once
                long now = System.currentTimeMillis();
                if (failingSince == 0) {
                    failingSince = now;
                } else if (now - failingSince > MAX_OUTAGE.toMillis()) {
                    throw e;
                }
                console.println("[hpo] the study store failed (" + e.getMessage() + "); trying again");
                Thread.sleep(Math.min(5_000, lease.toMillis() / 4));
            }
        }
        int finished = counts[0];
        int failed = counts[1];
        int superseded = counts[2];
        console.println("[hpo] worker " + name + " leaves study '" + study + "': " + finished + " finished, "
                + failed + " failed" + (superseded > 0 ? ", " + superseded + " superseded" : ""));
        return new Summary(finished, failed, superseded);
    }

    /** A task that ended, with the result to store, and whether it was asked to stop early. */
    private record Ended(Completion completion, boolean stopRequested) {
    }

    /** The completion with the result to store: a task that stopped early counts with its last report. */
    private Ended settle(Completion c) {
        boolean stopRequested = earlyStops.stopRequested(c.task().jobId(), c.task().attempt());
        return new Ended(new Completion(c.task(), earlyStops.settle(c), c.worker(), c.startedAt(), c.finishedAt(),
                c.continuedFrom()), stopRequested);
    }

    private void say(Completion c, boolean stopRequested, boolean counted, int[] counts) {
        if (!counted) {
            counts[2]++;
            console.println("[hpo] job " + c.task().jobId() + " attempt " + c.task().attempt()
                    + " ended after it was handed out again; its result is logged, not counted");
        } else if (c.result().isFailure()) {
            counts[1]++;
            console.println("[hpo] job " + c.task().jobId() + " failed: " + firstLine(c.result().failure()));
        } else {
            counts[0]++;
            console.println("[hpo] job " + c.task().jobId() + " = " + c.result().value()
                    + (stopRequested ? " (asked to stop early)" : ""));
        }
    }

    /** Waits until the study exists (the coordinator may start later); null when stopped first. */
    private StudyDefinition awaitStudy() throws InterruptedException {
        boolean told = false;
        while (!stopRequested) {
            Optional<StudyDefinition> found = store.find(study);
            if (found.isPresent()) {
                return found.get();
            }
            if (!told) {
                console.println("[hpo] waiting for study '" + study + "' to start in " + store.location());
                told = true;
            }
            Thread.sleep(Math.max(poll.toMillis(), 1000));
        }
        return null;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }
}
