package org.hpo4j.store;

import java.util.List;
import java.util.Optional;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;

/**
 * Where studies live: every job the optimizer hands out, who runs it, and how it ended, written as
 * it happens so that a killed process loses nothing that finished.
 *
 * <p>The protocol works for one process and for many sharing a database:
 * <ol>
 *   <li>The coordinator (the one process that runs the optimizer) {@linkplain #addJob adds} each
 *       job as the optimizer hands it out, either already claimed by a local worker or pending.</li>
 *   <li>Workers {@linkplain #claim claim} pending jobs in job order; a claim is a transaction that
 *       moves one job to RUNNING, increments its attempt and gives the worker a lease.</li>
 *   <li>A worker {@linkplain #finish finishes} its attempt; a result for an attempt that is no longer
 *       the current one (the job was handed out again) is refused, so nothing is counted twice.</li>
 *   <li>Jobs whose lease ran out (the worker died) are {@linkplain #requeueStale put back} to pending.</li>
 *   <li>Workers {@linkplain #report report} the values of learning curves; a coordinator with a curve
 *       stopper {@linkplain #runningReports reads} them and {@linkplain #requestStop asks} an attempt to
 *       stop early, which its worker learns when it {@linkplain #renewLease renews the lease}.</li>
 *   <li>The coordinator {@linkplain #acknowledge acknowledges} each result as it tells it to the
 *       optimizer, and {@linkplain #setStudyFinished marks the study finished} when it stops, which
 *       ends the workers.</li>
 * </ol>
 * Every hand-out and every acknowledged result takes the next number of a per-study sequence, in
 * the same transaction; replaying hand-outs ({@code ask}) and results ({@code tell}) in that order
 * rebuilds the optimizer's state exactly (its state is a function of seed and history,
 * ARCHITECTURE.md). Results are ordered by their acknowledgement rather than by when a worker
 * stored them because with remote workers a result may be stored while the coordinator is already
 * asking for the next job: only the coordinator knows which results it had told before each hand-
 * out.
 *
 * <p>Implementations are safe for use from several threads.
 */
public interface StudyStore extends AutoCloseable {

    /**
     * Creates the study, or opens it when it exists with the same definition.
     *
     * @return whether the study already existed (a resume)
     * @throws StudyMismatchException when it exists with another space or other settings
     */
    boolean open(StudyDefinition definition);

    /** The definition of a stored study, if there is one of that name. */
    Optional<StudyDefinition> find(String study);

    /**
     * Stores a job the optimizer handed out. With a worker it is claimed at once (RUNNING, attempt
     * 1, started now); without one it waits as PENDING for {@link #claim}.
     *
     * @param leaseUntil until when the worker's claim holds (epoch ms); ignored without a worker
     * @throws IllegalArgumentException when the study is unknown or the job id is taken
     */
    void addJob(String study, NewJob job, String worker, long now, long leaseUntil);

    /**
     * Claims the pending job with the lowest id: RUNNING, attempt + 1, this worker, this lease.
     *
     * @return the claimed job, or empty when none is pending
     */
    Optional<StoredJob> claim(String study, String worker, long now, long leaseUntil);

    /**
     * Extends the lease of a running attempt.
     *
     * @return false when the attempt is no longer current (the job was handed out again or ended)
     */
    default boolean heartbeat(String study, int jobId, int attempt, long leaseUntil) {
        return renewLease(study, jobId, attempt, leaseUntil) != LeaseStatus.LOST;
    }

    /**
     * Extends the lease of a running attempt, as {@link #heartbeat}, and says whether the
     * coordinator {@linkplain #requestStop asked it to stop early}: a remote worker learns of a stop
     * request with its heartbeat, without a query of its own.
     *
     * @return {@link LeaseStatus#LOST} when the attempt is no longer current (nothing is renewed)
     */
    LeaseStatus renewLease(String study, int jobId, int attempt, long leaseUntil);

    /**
     * Asks attempt {@code attempt} of a running job to stop early (the coordinator's curve stopper
     * decided so); its worker learns it at its next {@linkplain #renewLease heartbeat}. The request
     * belongs to that attempt only: should the job be handed out again, the new attempt runs on.
     * The request stays with the job ({@link StoredJob#stopRequested()}) once it ends.
     *
     * @return false, recording nothing, when the attempt is not the current running one
     */
    boolean requestStop(String study, int jobId, int attempt);

    /**
     * Records the end of an attempt: FINISHED with {@code result.value()} (the objective's value as
     * returned) or FAILED with {@code result.failure()}. Every call is also logged in the job's
     * {@linkplain #attempts attempts}, counted or not.
     *
     * @return false when the attempt is not the current running one (it was handed out again, or
     *     already ended): the job is left as it is and the late result is only logged as not counted
     */
    default boolean finish(String study, int jobId, int attempt, Result result, long now) {
        return finish(study, jobId, attempt, result, now, 0);
    }

    /**
     * Records the end of an attempt, as {@link #finish(String, int, int, Result, long)}, and the
     * budget its objective continued from (it loaded the checkpoint saved there; 0 for a start from
     * scratch), which decides what the study charges: {@code (budget - continuedFrom) / maxBudget}.
     *
     * @return false, storing nothing in the job, when the attempt is not the current running one
     */
    boolean finish(String study, int jobId, int attempt, Result result, long now, double continuedFrom);

    /**
     * Marks an ended job's result as told to the optimizer: it takes the next number of the study's
     * event order ({@link StoredJob#toldSeq()}), unless it has one already.
     *
     * @return the job's place in the event order
     * @throws IllegalArgumentException when the job is unknown or has not ended
     */
    long acknowledge(String study, int jobId);

    /** The outcomes workers stored for a job, one per attempt that ended, in attempt order. */
    List<StoredAttempt> attempts(String study, int jobId);

    /**
     * Marks the study finished (workers waiting for jobs end) or, when a coordinator continues it,
     * unfinished again.
     */
    void setStudyFinished(String study, boolean finished);

    /** Whether the coordinator marked the study finished. */
    boolean isStudyFinished(String study);

    /**
     * Whether processes on other machines may share this store: then jobs are added pending and
     * claimed by any worker, and the coordinator learns results by reading the store.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Records the SHA-256 digest of the checkpoint a configuration saved at {@code budget}, when the
     * evaluation that wrote it ended (a later write at the same budget replaces it). Evaluations
     * that continue from that checkpoint read it only when the file still has this digest.
     */
    void recordCheckpoint(String study, Job.ConfigId config, double budget, String digest);

    /** The digest {@linkplain #recordCheckpoint recorded} for a configuration's checkpoint at {@code budget}. */
    Optional<String> checkpointDigest(String study, Job.ConfigId config, double budget);

    /** Stores an intermediate value of a running attempt. */
    void report(String study, int jobId, int attempt, double step, double value, long now);

    /**
     * Puts RUNNING jobs whose lease ended before {@code now} back to PENDING, to be claimed again.
     * A single process that resumes its own study passes {@link Long#MAX_VALUE}: whatever was
     * running belonged to the process that died.
     *
     * @return how many jobs were put back
     */
    int requeueStale(String study, long now);

    /** Every job of the study, by job id. */
    List<StoredJob> jobs(String study);

    /** The intermediate values of a job's current attempt, in the order they were reported. */
    List<StoredReport> reports(String study, int jobId);

    /**
     * The intermediate values of every running job's current attempt whose {@linkplain
     * StoredReport#id() number} is above {@code afterId}, by number: what a coordinator reads to
     * watch learning curves of all running jobs at once. Within one attempt numbers grow in the
     * order the values were reported; across attempts a smaller number may be stored later, so a
     * reader keeps a number per attempt and passes the smallest.
     */
    List<StoredReport> runningReports(String study, long afterId);

    /** Where the store is, for messages (a file, a URL, "memory"). */
    String location();

    @Override
    void close();
}
