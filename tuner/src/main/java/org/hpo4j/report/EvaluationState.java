package org.hpo4j.report;

/** Where an evaluation stands when the report is written. */
public enum EvaluationState {
    /** Finished with a finite objective value. */
    FINISHED,
    /** Finished with a failure: an exception, a non-finite value, a timeout, a crashed worker. */
    FAILED,
    /** Being evaluated (or its worker died before reporting). */
    RUNNING,
    /** Handed out by the optimizer, waiting for a worker to start it. */
    PENDING
}
