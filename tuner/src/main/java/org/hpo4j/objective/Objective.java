package org.hpo4j.objective;

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
}
