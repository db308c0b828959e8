package org.hpo4j.store;

import java.util.List;
import java.util.Optional;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;

/**
 * A study store in a SQL database: the protocol is {@link JdbcStudyStore}'s, called under the
 * store's lock; the subclasses open, lock and close their databases their own ways.
 */
public abstract sealed class JdbcStore implements StudyStore permits PostgresStore, SqliteStore {
    JdbcStore() {
    }

    /** The schema and protocol over the subclass's connection. */
    abstract JdbcStudyStore core();

    @Override
    public synchronized Optional<StudyDefinition> find(String study) {
        return core().find(study);
    }

    @Override
    public synchronized void addJob(String study, NewJob job, String worker, long now, long leaseUntil) {
        core().addJob(study, job, worker, now, leaseUntil);
    }

    @Override
    public synchronized Optional<StoredJob> claim(String study, String worker, long now, long leaseUntil) {
        return core().claim(study, worker, now, leaseUntil);
    }

    @Override
    public synchronized LeaseStatus renewLease(String study, int jobId, int attempt, long leaseUntil) {
        return core().renewLease(study, jobId, attempt, leaseUntil);
    }

    @Override
    public synchronized boolean requestStop(String study, int jobId, int attempt) {
        return core().requestStop(study, jobId, attempt);
    }

    @Override
    public synchronized boolean finish(String study, int jobId, int attempt, Result result, long now,
                                       double continuedFrom) {
        return core().finish(study, jobId, attempt, result, now, continuedFrom);
    }

    @Override
    public synchronized long acknowledge(String study, int jobId) {
        return core().acknowledge(study, jobId);
    }

    @Override
    public synchronized List<StoredAttempt> attempts(String study, int jobId) {
        return core().attempts(study, jobId);
    }

    @Override
    public synchronized void setStudyFinished(String study, boolean finished) {
        core().setStudyFinished(study, finished);
    }

    @Override
    public synchronized boolean isStudyFinished(String study) {
        return core().isStudyFinished(study);
    }

    @Override
    public synchronized void recordCheckpoint(String study, Job.ConfigId config, double budget, String digest) {
        core().recordCheckpoint(study, config, budget, digest);
    }

    @Override
    public synchronized Optional<String> checkpointDigest(String study, Job.ConfigId config, double budget) {
        return core().checkpointDigest(study, config, budget);
    }

    @Override
    public synchronized void report(String study, int jobId, int attempt, double step, double value, long now) {
        core().report(study, jobId, attempt, step, value, now);
    }

    @Override
    public synchronized int requeueStale(String study, long now) {
        return core().requeueStale(study, now);
    }

    @Override
    public synchronized List<StoredJob> jobs(String study) {
        return core().jobs(study);
    }

    @Override
    public synchronized List<StoredReport> reports(String study, int jobId) {
        return core().reports(study, jobId);
    }

    @Override
    public synchronized List<StoredReport> runningReports(String study, long afterId) {
        return core().runningReports(study, afterId);
    }
}
