package org.hpo4j.objective;

import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.trial.TrialContext;

/**
 * The function a study optimizes. Throwing, returning NaN or infinity are failures that the study
 * records and survives.
 */
@FunctionalInterface
public interface Objective {

    /**
     * Evaluates one configuration at the context's budget.
     *
     * @return the objective value in the study's direction (a study that maximizes negates it)
     */
    double evaluate(Configuration configuration, TrialContext context) throws Exception;

    /**
     * Evaluates one configuration and returns every objective and constraint value as returned
     * (not negated); NaN or infinity in any gives a failure. Objectives of one value need not
     * override it.
     */
    default Result result(Configuration configuration, TrialContext context) throws Exception {
        return Result.of(evaluate(configuration, context));
    }
}
