package org.hpo4j.optimizer.async;

import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;

/**
 * Where asynchronous successive halving gets its new configurations: the prior (ASHA, async
 * Hyperband) or a model of the results so far (async BOHB). Sees every result in the order the
 * optimizer is told them, so it stays a pure function of the seed and that order.
 */
public interface ConfigurationSource {

    /** A configuration to start at the bottom rung of a bracket, whose budget is {@code budget}. */
    Configuration next(double budget);

    /** Learns that {@code job} was handed out (a new configuration or a promotion); running until observed. */
    default void started(Job job) {
    }

    /** Records the outcome of a job (its configuration at its budget). */
    void observe(Job job, Result result);

    /** Records evaluations of earlier studies with a lower weight; a source without a model ignores them. */
    default void warmStart(java.util.List<org.hpo4j.optimizer.PriorObservation> observations, double weight) {
    }
}
