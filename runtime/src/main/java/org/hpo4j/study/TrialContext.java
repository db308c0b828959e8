package org.hpo4j.study;

import java.nio.file.Path;

/**
 * What an objective may use while it evaluates one job. An {@code @Objective} method that takes
 * one parameter of this type receives it.
 */
public interface TrialContext {

    /** The job's number within the study. */
    int jobId();

    /** The budget of this evaluation (e.g. epochs); the {@code @Budget} field is set to it too. */
    double budget();

    /**
     * The budget this configuration already reached in an earlier evaluation, 0 if none; with a
     * checkpoint an objective may continue from there instead of starting over.
     */
    double previousBudget();

    /** A seed for the evaluation's own randomness, derived from the study seed and the job. */
    long seed();

    /**
     * Reports an intermediate value (e.g. validation error after an epoch) at a step (e.g. the
     * epoch). Stored with the evaluation; stoppers may use it.
     */
    void report(double step, double value);

    /**
     * Whether the study asks this evaluation to stop early; an objective that checks it returns its
     * current value when it is true.
     */
    boolean shouldStop();

    /** A folder of this evaluation's own for files; created on first use. */
    Path workDirectory();
}
