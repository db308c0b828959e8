package org.hpo4j.study;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hpo4j.execute.Completion;
import org.hpo4j.execute.EarlyStops;
import org.hpo4j.execute.Executor;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Job;
import org.hpo4j.store.JobState;
import org.hpo4j.store.NewJob;
import org.hpo4j.store.StoredJob;
import org.hpo4j.store.StoredReport;
import org.hpo4j.store.StudyStore;

/**
 * The coordinator of a study on a {@linkplain StudyStore#shared() shared} store (PostgreSQL): jobs
 * are added pending, and claimed by this process's own workers as well as by remote workers
 * ({@link org.hpo4j.distributed.RemoteWorker}); results are read back from the store and told to the
 * optimizer in the order the coordinator sees them, which it stores by
 * {@linkplain StudyStore#acknowledge acknowledging} them. Jobs whose worker stopped heart-beating are
 * put back to pending. When the run ends the study is marked finished, which ends the remote workers.
 *
 * <p>With a curve stopper, the coordinator also watches the learning curves of every running job,
 * wherever it runs, by reading the values reported to the store since it last looked; when the
 * stopper says stop, it stores a stop request for that attempt, which a remote worker learns with
 * its next heartbeat (its own workers are told at once).
 */
final class SharedStoreRun {
    /** How often a coordinator of a shared store looks for results and pending jobs. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final TrialLoop loop;
    private final StudyStore store;
    private final String name;

    SharedStoreRun(TrialLoop loop) {
        this.loop = loop;
        this.store = loop.store;
        this.name = loop.name;
    }

    /** Coordinates the study until {@code stoppingRule} says stop or the optimizer is finished. */
    StudyResult run(Executor runner, StoppingRule stoppingRule) {
        loop.start();
        String me = Study.workerName();
        Map<Integer, Job> handedOut = new HashMap<>();
        for (Job j : loop.openAndReplay(true)) {
            handedOut.put(j.id(), j);
        }
        store.setStudyFinished(name, false);
        EarlyStops localStops = new EarlyStops();
        runner.reportsTo((task, step, value) -> {
            localStops.reported(task, step, value);
            store.report(name, task.jobId(), task.attempt(), step, value, System.currentTimeMillis());
        });
        Map<Integer, Integer> localAttempts = new HashMap<>();
        Map<Integer, Job> localJobs = new HashMap<>();
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
                loop.record(loop.storedEvaluation(job, j));
            }
            if (!ended.isEmpty() && loop.allFailedSoFar()) {
                stopping = true;
            }
            if (loop.stopper != null) {
                watchCurves(stored, handedOut, curves, localAttempts, runner, localStops);
            }
            // 2. hand-outs: one spare pending job per worker seen running, and per local slot
            long pending = stored.stream().filter(j -> j.state() == JobState.PENDING).count();
            long busyWorkers = stored.stream().filter(j -> j.state() == JobState.RUNNING).map(StoredJob::worker)
                    .distinct().count();
            long wanted = Math.max(1, runner.parallelism() + busyWorkers);
            while (!stopping && !loop.interrupted && pending < wanted) {
                if (stoppingRule.shouldStop(loop.projectedProgress(handedOut.values()))) {
                    stopping = true;
                    break;
                }
                Ask next = loop.nextJob();
                if (!(next instanceof Ask.Run run)) {
                    if (next.isFinished()) {
                        stopping = true;
                    } else if (handedOut.isEmpty()) {
                        throw loop.waitsForNothing();
                    }
                    break;
                }
                Job job = run.job();
                store.addJob(name, NewJob.of(job), null, System.currentTimeMillis(), 0);
                handedOut.put(job.id(), job);
                pending++;
                loop.started(job);
            }
            if (handedOut.isEmpty()) {
                break;
            }
            if (loop.interrupted) {
                // not finished: workers elsewhere go on with what is pending, a restart carries on
                return loop.finish();
            }
            // 3. this process's own workers claim pending jobs like any remote worker
            while (runner.outstanding() < runner.parallelism()) {
                long at = System.currentTimeMillis();
                Optional<StoredJob> claimed = store.claim(name, me, at, at + loop.lease.toMillis());
                if (claimed.isEmpty()) {
                    break;
                }
                StoredJob c = claimed.get();
                Job job = handedOut.containsKey(c.jobId()) ? handedOut.get(c.jobId()) : c.toJob(loop.space);
                localAttempts.put(c.jobId(), c.attempt());
                localJobs.put(c.jobId(), job);
                runner.submit(loop.task(job, c.attempt()));
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
                    loop.recordCheckpoint(localJobs.remove(c.task().jobId()), c.task().budget());
                    // an evaluation that obeyed a stop request counts with its last reported value
                    store.finish(name, c.task().jobId(), c.task().attempt(), loop.bounded(localStops.settle(c)), c.finishedAt(),
                            c.continuedFrom());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("study '" + name + "' was interrupted", e);
            }
            now = System.currentTimeMillis();
            if (now >= nextHeartbeat) {
                for (Map.Entry<Integer, Integer> e : localAttempts.entrySet()) {
                    store.heartbeat(name, e.getKey(), e.getValue(), now + loop.lease.toMillis());
                }
                nextHeartbeat = now + loop.lease.toMillis() / 4;
            }
        }
        store.setStudyFinished(name, true);
        return loop.finish();
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
                curves.put(j.jobId(), new WatchedCurve(j.attempt(), loop.stopCheck(job), j.stopRequested()));
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
}
