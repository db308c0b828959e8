package org.hpo4j.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;

/** A store that keeps studies in memory, for tests and for studies that need not survive the JVM. */
public final class InMemoryStore implements StudyStore {
    private final Map<String, StudyData> studies = new HashMap<>();

    private static final class StudyData {
        final StudyDefinition definition;
        final TreeMap<Integer, StoredJob> jobs = new TreeMap<>();
        final List<StoredReport> reports = new ArrayList<>();
        final Map<Integer, List<StoredAttempt>> attempts = new HashMap<>();
        final Map<String, String> checkpointDigests = new HashMap<>();
        long nextSeq = 1;
        boolean finished;

        StudyData(StudyDefinition definition) {
            this.definition = definition;
        }
    }

    @Override
    public synchronized boolean open(StudyDefinition definition) {
        StudyData existing = studies.get(definition.name());
        if (existing == null) {
            studies.put(definition.name(), new StudyData(definition));
            return false;
        }
        List<String> diffs = definition.differencesFrom(existing.definition);
        if (!diffs.isEmpty()) {
            throw new StudyMismatchException(definition.name(), location(), diffs);
        }
        return true;
    }

    @Override
    public synchronized Optional<StudyDefinition> find(String study) {
        StudyData data = studies.get(study);
        return data == null ? Optional.empty() : Optional.of(data.definition);
    }

    @Override
    public synchronized void addJob(String study, NewJob job, String worker, long now, long leaseUntil) {
        StudyData data = study(study);
        if (data.jobs.containsKey(job.jobId())) {
            throw new IllegalArgumentException("study '" + study + "' already has job " + job.jobId());
        }
        boolean claimed = worker != null;
        data.jobs.put(job.jobId(), new StoredJob(job.jobId(), job.configId(), job.rung(), job.budget(),
                job.previousBudget(), job.configuration(), claimed ? JobState.RUNNING : JobState.PENDING,
                claimed ? 1 : 0, worker, claimed ? leaseUntil : 0, data.nextSeq++, 0, claimed ? now : 0, 0,
                Double.NaN, null, 0, 0, 0));
        if (claimed) {
            data.attempts.computeIfAbsent(job.jobId(), id -> new ArrayList<>())
                    .add(new StoredAttempt(job.jobId(), 1, worker, now, 0, null, false));
        }
    }

    @Override
    public synchronized Optional<StoredJob> claim(String study, String worker, long now, long leaseUntil) {
        StudyData data = study(study);
        for (StoredJob j : data.jobs.values()) {
            if (j.state() == JobState.PENDING) {
                StoredJob claimed = new StoredJob(j.jobId(), j.configId(), j.rung(), j.budget(), j.previousBudget(),
                        j.configuration(), JobState.RUNNING, j.attempt() + 1, worker, leaseUntil, j.handedSeq(), 0,
                        now, 0, Double.NaN, null, 0, 0, j.stopAttempt());
                data.jobs.put(j.jobId(), claimed);
                data.attempts.computeIfAbsent(j.jobId(), id -> new ArrayList<>())
                        .add(new StoredAttempt(j.jobId(), claimed.attempt(), worker, now, 0, null, false));
                return Optional.of(claimed);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized LeaseStatus renewLease(String study, int jobId, int attempt, long leaseUntil) {
        StudyData data = study(study);
        StoredJob j = data.jobs.get(jobId);
        if (j == null || j.state() != JobState.RUNNING || j.attempt() != attempt) {
            return LeaseStatus.LOST;
        }
        data.jobs.put(jobId, new StoredJob(j.jobId(), j.configId(), j.rung(), j.budget(), j.previousBudget(),
                j.configuration(), j.state(), j.attempt(), j.worker(), leaseUntil, j.handedSeq(), 0,
                j.startedAt(), 0, Double.NaN, null, 0, 0, j.stopAttempt()));
        return j.stopRequested() ? LeaseStatus.STOP_REQUESTED : LeaseStatus.HELD;
    }

    @Override
    public synchronized boolean requestStop(String study, int jobId, int attempt) {
        StudyData data = study(study);
        StoredJob j = data.jobs.get(jobId);
        if (j == null || j.state() != JobState.RUNNING || j.attempt() != attempt) {
            return false;
        }
        data.jobs.put(jobId, new StoredJob(j.jobId(), j.configId(), j.rung(), j.budget(), j.previousBudget(),
                j.configuration(), j.state(), j.attempt(), j.worker(), j.leaseUntil(), j.handedSeq(), 0,
                j.startedAt(), 0, Double.NaN, null, 0, 0, attempt));
        return true;
    }

    @Override
    public synchronized boolean finish(String study, int jobId, int attempt, Result result, long now,
                                       double continuedFrom) {
        StudyData data = study(study);
        StoredJob j = data.jobs.get(jobId);
        boolean current = j != null && j.state() == JobState.RUNNING && j.attempt() == attempt;
        List<StoredAttempt> log = data.attempts.getOrDefault(jobId, List.of());
        for (int i = 0; i < log.size(); i++) {
            StoredAttempt a = log.get(i);
            if (a.attempt() == attempt && a.result() == null) {
                // a late result also replaces an abandoned entry
                log.set(i, new StoredAttempt(jobId, attempt, a.worker(), a.startedAt(), now, result, current));
            }
        }
        if (!current) {
            return false;
        }
        boolean failed = result.isFailure();
        data.jobs.put(jobId, new StoredJob(j.jobId(), j.configId(), j.rung(), j.budget(), j.previousBudget(),
                j.configuration(), failed ? JobState.FAILED : JobState.FINISHED, j.attempt(), j.worker(), 0,
                j.handedSeq(), data.nextSeq++, j.startedAt(), now, failed ? Double.NaN : result.value(),
                result.failure(), 0, continuedFrom, j.stopAttempt(),
                StoredJob.hasVectors(result) ? result.objectives() : List.of(),
                StoredJob.hasVectors(result) ? result.constraints() : List.of()));
        return true;
    }

    @Override
    public synchronized long acknowledge(String study, int jobId) {
        StudyData data = study(study);
        StoredJob j = data.jobs.get(jobId);
        if (j == null || !j.state().isDone()) {
            throw new IllegalArgumentException("study '" + study + "' has no ended job " + jobId);
        }
        if (j.toldSeq() != 0) {
            return j.toldSeq();
        }
        long seq = data.nextSeq++;
        data.jobs.put(jobId, new StoredJob(j.jobId(), j.configId(), j.rung(), j.budget(), j.previousBudget(),
                j.configuration(), j.state(), j.attempt(), j.worker(), j.leaseUntil(), j.handedSeq(), j.finishedSeq(),
                j.startedAt(), j.finishedAt(), j.value(), j.failure(), seq, j.continuedFrom(), j.stopAttempt(),
                j.objectives(), j.constraints()));
        return seq;
    }

    @Override
    public synchronized List<StoredAttempt> attempts(String study, int jobId) {
        return List.copyOf(study(study).attempts.getOrDefault(jobId, List.of()));
    }

    @Override
    public synchronized void setStudyFinished(String study, boolean finished) {
        study(study).finished = finished;
    }

    @Override
    public synchronized boolean isStudyFinished(String study) {
        return study(study).finished;
    }

    @Override
    public synchronized void recordCheckpoint(String study, Job.ConfigId config, double budget, String digest) {
        study(study).checkpointDigests.put(config + "@" + budget, digest);
    }

    @Override
    public synchronized Optional<String> checkpointDigest(String study, Job.ConfigId config, double budget) {
        return Optional.ofNullable(study(study).checkpointDigests.get(config + "@" + budget));
    }

    @Override
    public synchronized void report(String study, int jobId, int attempt, double step, double value, long now) {
        List<StoredReport> reports = study(study).reports;
        reports.add(new StoredReport(jobId, attempt, step, value, now, reports.size() + 1));
    }

    @Override
    public synchronized int requeueStale(String study, long now) {
        StudyData data = study(study);
        int n = 0;
        for (StoredJob j : new ArrayList<>(data.jobs.values())) {
            if (j.state() == JobState.RUNNING && j.leaseUntil() < now) {
                List<StoredAttempt> log = data.attempts.getOrDefault(j.jobId(), List.of());
                for (int i = 0; i < log.size(); i++) {
                    StoredAttempt a = log.get(i);
                    if (a.attempt() == j.attempt() && a.result() == null && !a.abandoned()) {
                        log.set(i, new StoredAttempt(a.jobId(), a.attempt(), a.worker(), a.startedAt(),
                                now == Long.MAX_VALUE ? System.currentTimeMillis() : now, null, false, true));
                    }
                }
                data.jobs.put(j.jobId(), new StoredJob(j.jobId(), j.configId(), j.rung(), j.budget(),
                        j.previousBudget(), j.configuration(), JobState.PENDING, j.attempt(), null, 0,
                        j.handedSeq(), 0, 0, 0, Double.NaN, null, 0, 0, j.stopAttempt()));
                n++;
            }
        }
        return n;
    }

    @Override
    public synchronized List<StoredJob> jobs(String study) {
        return List.copyOf(study(study).jobs.values());
    }

    @Override
    public synchronized List<StoredReport> reports(String study, int jobId) {
        StudyData data = study(study);
        StoredJob j = data.jobs.get(jobId);
        if (j == null) {
            return List.of();
        }
        return data.reports.stream().filter(r -> r.jobId() == jobId && r.attempt() == j.attempt()).toList();
    }

    @Override
    public synchronized List<StoredReport> runningReports(String study, long afterId) {
        StudyData data = study(study);
        return data.reports.stream().filter(r -> r.id() > afterId).filter(r -> {
            StoredJob j = data.jobs.get(r.jobId());
            return j != null && j.state() == JobState.RUNNING && j.attempt() == r.attempt();
        }).toList();
    }

    @Override
    public String location() {
        return "memory";
    }

    @Override
    public void close() {
        // nothing to release
    }

    private StudyData study(String name) {
        StudyData data = studies.get(name);
        if (data == null) {
            throw new IllegalArgumentException("no study '" + name + "' in " + location() + "; open it first");
        }
        return data;
    }
}
