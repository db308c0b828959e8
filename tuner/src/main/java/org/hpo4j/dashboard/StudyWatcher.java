package org.hpo4j.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.hpo4j.report.ReportData;
import org.hpo4j.report.StudyReports;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StudyStore;

/**
 * Reads a study from its store every {@code interval} and keeps the latest {@link Snapshot}. Each
 * look costs two cheap queries (the jobs, and the reports of running jobs); only when they changed
 * is the study read in full. A store that cannot be read this time keeps the last state, marked
 * with the error, and is tried again at the next look. Reads only.
 *
 * <p>A full read costs a query per job and the snapshot's JSON grows with the study, so on a study
 * of tens of thousands of evaluations one read can take seconds. After a full read that took
 * {@code d}, the next waits until {@code 9 d} have passed ({@link #BUSY_SHARE}): the watcher spends at
 * most a tenth of its time reading, and the tuning it watches (in the same JVM with
 * {@code -Dhpo.dashboard}) or the database are not kept busy by a page left open overnight. A small
 * study is read at every change, as before.
 */
final class StudyWatcher implements AutoCloseable {
    /** The largest share of the time spent in full reads of the study. */
    static final double BUSY_SHARE = 0.1;

    private final StudyStore store;
    private final String study;
    private final SearchSpace space;
    private final Planned planned;
    private final Clock clock;
    /** Nanoseconds, for how long full reads take. */
    private final LongSupplier ticker;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "hpo4j-dashboard-watcher");
        t.setDaemon(true);
        return t;
    });

    private Snapshot current;
    private ReportData data;
    private Object fingerprint;
    private String error;
    private boolean closed;
    /** When the next full read may start (ticker nanoseconds); meaningless before the first. */
    private long nextFullRead;
    private long fullReads;

    StudyWatcher(StudyStore store, String study, SearchSpace space, Planned planned, Clock clock) {
        this(store, study, space, planned, clock, System::nanoTime);
    }

    StudyWatcher(StudyStore store, String study, SearchSpace space, Planned planned, Clock clock, LongSupplier ticker) {
        this.store = Objects.requireNonNull(store, "store");
        this.study = Objects.requireNonNull(study, "study");
        this.space = Objects.requireNonNull(space, "space");
        this.planned = Objects.requireNonNull(planned, "planned");
        this.clock = clock;
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Reads the study once now, then every {@code interval}. */
    void start(Duration interval) {
        look();
        timer.scheduleWithFixedDelay(this::look, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The latest state. */
    synchronized Snapshot current() {
        return current;
    }

    /** The latest full read of the study, {@code null} before the first that succeeded. */
    synchronized ReportData data() {
        return data;
    }

    /**
     * Waits until there is a state newer than {@code version}, at most {@code timeoutMs}.
     *
     * @return the latest state: newer than {@code version} unless the wait timed out or the watcher closed
     */
    synchronized Snapshot awaitNewer(long version, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!closed && current.version() <= version) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            wait(left);
        }
        return current;
    }

    synchronized boolean closed() {
        return closed;
    }

    /** One look at the store; publishes a new state when something changed. */
    void look() {
        try {
            // what changes when a job is handed out, starts, reports, ends or the study finishes
            Object now = List.of(store.jobs(study), store.runningReports(study, 0).size(), store.isStudyFinished(study));
            long start = ticker.getAsLong();
            synchronized (this) {
                // a change is not lost when a read is put off: the fingerprint stays, the next look reads
                if (now.equals(fingerprint) && error == null || fullReads > 0 && start - nextFullRead < 0) {
                    return;
                }
            }
            ReportData read = StudyReports.fromStore(store, study, space);
            boolean finished = store.isStudyFinished(study);
            long took = ticker.getAsLong() - start;
            synchronized (this) {
                nextFullRead = start + Math.round(took / BUSY_SHARE);
                fullReads++;
                fingerprint = now;
                data = read;
                error = null;
                publish(Snapshot.of(nextVersion(), read, store.location(), finished, planned, clock.instant(), null));
            }
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            synchronized (this) {
                if (message.equals(error)) {
                    return;
                }
                error = message;
                fingerprint = null;
                publish(data == null ? Snapshot.missing(nextVersion(), study, store.location(), message, clock.instant())
                        : Snapshot.of(nextVersion(), data, store.location(), false, planned, clock.instant(), message));
            }
        }
    }

    /** How many times the study was read in full. */
    synchronized long fullReads() {
        return fullReads;
    }

    private long nextVersion() {
        return current == null ? 1 : current.version() + 1;
    }

    private void publish(Snapshot snapshot) {
        current = snapshot;
        notifyAll();
    }

    /** Stops looking and wakes every waiting reader; the store stays open (its owner closes it). */
    @Override
    public void close() {
        timer.shutdownNow();
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
