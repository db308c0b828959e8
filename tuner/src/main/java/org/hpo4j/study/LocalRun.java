package org.hpo4j.study;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.hpo4j.execute.Completion;
import org.hpo4j.execute.Executor;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StudyStore;

/**
 * A study run by this process alone on an {@link Executor} (one thread, threads, forked worker JVMs,
 * or the caller through {@link Study#ask()}), with or without a store of its own: jobs are handed out
 * until the stopping rule or the executor's parallelism says enough, and recorded as they end. With
 * a store every hand-out and result is stored as it happens, and a stored study of the same name
 * continues: the jobs that were running when the earlier process died run again first.
 */
final class LocalRun {
    /** A claim's lease for the coordinator's own jobs: held until the coordinator ends them or dies. */
    static final long HELD_BY_COORDINATOR = Long.MAX_VALUE - 1;

    private final TrialLoop loop;
    private final Executor runner;
    private final StudyStore store;
    private final String name;
    private final String coordinator = Study.workerName();
    private final Map<Integer, Job> running = new HashMap<>();
    private final Map<Integer, List<Evaluation.Report>> reports = new ConcurrentHashMap<>();
    private final Map<Integer, StopCheck> checks = new ConcurrentHashMap<>();
    private final Deque<Job> rerun;
    private boolean stopping;
    /** How often a run waiting for a result looks whether the study was interrupted. */
    private static final java.time.Duration INTERRUPT_POLL = java.time.Duration.ofMillis(100);

    /** Starts a run: opens and replays the stored study, if any, and listens to the runner's reports. */
    LocalRun(TrialLoop loop, Executor runner) {
        this.loop = loop;
        this.runner = runner;
        this.store = loop.store;
        this.name = loop.name;
        loop.start();
        runner.reportsTo((task, step, value) -> {
            List<Evaluation.Report> so = reports.computeIfAbsent(task.jobId(),
                    id -> Collections.synchronizedList(new ArrayList<>()));
            so.add(new Evaluation.Report(step, value));
            if (store != null) {
                store.report(name, task.jobId(), task.attempt(), step, value, System.currentTimeMillis());
            }
            StopCheck check = checks.get(task.jobId());
            if (check != null && !check.stopped() && check.decide(List.copyOf(so))) {
                runner.requestStop(task.jobId());
                if (store != null) {
                    // kept with the job, so that a resumed study knows why it ended early
                    store.requestStop(name, task.jobId(), task.attempt());
                }
            }
        });
        if (store == null) {
            loop.folders.prepareCheckpoints(false);
        }
        this.rerun = new ArrayDeque<>(store == null ? List.of() : loop.openAndReplay(false));
    }

    /**
     * Runs jobs, up to the runner's parallelism at once, until {@code stoppingRule} says stop (checked
     * before each new job, counting running jobs as if finished), the optimizer is finished or the
     * first evaluations all failed.
     */
    StudyResult run(StoppingRule stoppingRule) {
        while (true) {
            while (!stopping && !loop.interrupted && runner.outstanding() < runner.parallelism()) {
                if (submitNext(stoppingRule).isEmpty()) {
                    break;
                }
            }
            if (runner.outstanding() == 0 || loop.interrupted) {
                break;
            }
            Completion done = null;
            try {
                // in slices, so that an interrupt is seen while a long evaluation runs
                while (done == null && !loop.interrupted) {
                    done = runner.poll(INTERRUPT_POLL).orElse(null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("study '" + name + "' was interrupted", e);
            }
            if (done == null) {
                // interrupted: the running jobs stay running in the store, to run again on resume
                break;
            }
            complete(done);
        }
        return loop.finish();
    }

    /**
     * Hands out the next job (one to run again first) and submits its task to the runner.
     *
     * @param stoppingRule checked before a new job; {@code null}: never stop
     * @return the job submitted; empty when the optimizer waits, or when the run stops (the rule or
     *     the optimizer says so): then {@link #stopping()} is true
     * @throws IllegalStateException when the optimizer waits although no job is running
     */
    Optional<Job> submitNext(StoppingRule stoppingRule) {
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
            if (stoppingRule != null && stoppingRule.shouldStop(loop.projectedProgress(running.values()))) {
                stopping = true;
                return Optional.empty();
            }
            Ask next = loop.nextJob();
            if (!(next instanceof Ask.Run run)) {
                if (next.isFinished()) {
                    stopping = true;
                } else if (running.isEmpty()) {
                    throw loop.waitsForNothing();
                }
                return Optional.empty();
            }
            job = run.job();
            if (store != null) {
                store.addJob(name, NewJob.of(job), coordinator, System.currentTimeMillis(), HELD_BY_COORDINATOR);
            }
        }
        running.put(job.id(), job);
        StopCheck check = loop.stopCheck(job);
        if (check != null) {
            checks.put(job.id(), check);
        }
        loop.started(job);
        runner.submit(loop.task(job, attempt));
        return Optional.of(job);
    }

    /** Whether the run is over: the stopping rule, the optimizer or the fail-fast rule said so. */
    boolean stopping() {
        return stopping;
    }

    /** Records a task that ended: stores its result, tells the optimizer and the listeners. */
    void complete(Completion done) {
        Job job = running.remove(done.task().jobId());
        StopCheck check = checks.remove(job.id());
        loop.recordCheckpoint(job, done.task().budget());
        Evaluation evaluation = loop.outcomes.ended(job, loop.bounded(done.result()), Instant.ofEpochMilli(done.startedAt()),
                Instant.ofEpochMilli(done.finishedAt()), List.copyOf(reports.getOrDefault(job.id(), List.of())),
                check != null && check.stopped(), done.continuedFrom());
        if (store != null) {
            store.finish(name, job.id(), done.task().attempt(), evaluation.result(), done.finishedAt(),
                    done.continuedFrom());
            store.acknowledge(name, job.id());
        }
        loop.record(evaluation);
        reports.remove(job.id());
        if (loop.allFailedSoFar()) {
            stopping = true;
        }
    }
}
