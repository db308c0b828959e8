package org.hpo4j.optimizer.async;

/**
 * How {@link AsyncSuccessiveHalving} ranks the results of a rung to choose its promotions.
 */
public enum RungOrder {
    /** By the one value to minimize, failures last; ties: the configuration started first. */
    SCALAR,
    /**
     * By non-dominated rank and then crowding distance over every objective, infeasible results
     * behind every feasible one by their violation, failures last; ties: the result that came first
     * (MO-ASHA, Schmucker et al. 2021).
     */
    PARETO
}
