package org.hpo4j.store;

/** What a worker learns when it renews the lease of an attempt ({@link StudyStore#renewLease}). */
public enum LeaseStatus {
    /** The attempt is still the job's current one; the lease now runs to the new time. */
    HELD,
    /**
     * As {@link #HELD}, and the coordinator's curve stopper asked this attempt to stop early: the
     * worker tells its objective ({@code TrialContext.shouldStop()}).
     */
    STOP_REQUESTED,
    /** The attempt is no longer current (its lease ran out and the job was handed out again, or it ended). */
    LOST
}
