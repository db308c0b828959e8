package org.hpo4j.study;

import org.hpo4j.optimizer.Job;
import org.hpo4j.space.Configuration;
import org.hpo4j.trial.TrialContext;

/**
 * A job handed out by {@link Study#ask()} for the caller to evaluate: its configuration at its
 * budget, and the context through which the evaluation reports intermediate values, learns that the
 * study's curve stopper wants it to stop, and keeps checkpoints. Its outcome goes back with
 * {@link Study#tell(Trial, double)}.
 */
public final class Trial {
    private final Job job;
    private final TrialContext context;

    Trial(Job job, TrialContext context) {
        this.job = job;
        this.context = context;
    }

    /** The job the optimizer asked for. */
    public Job job() {
        return job;
    }

    /** The values to evaluate. */
    public Configuration configuration() {
        return job.configuration();
    }

    /** The budget to evaluate at (rounded when the space's budget is an integer); as {@code context().budget()}. */
    public double budget() {
        return context.budget();
    }

    /** The evaluation's context: budget, seed, reports, stop requests, checkpoints, work folder. */
    public TrialContext context() {
        return context;
    }

    @Override
    public String toString() {
        return "trial " + job.id() + " " + job.configuration() + " at budget " + context.budget();
    }
}
