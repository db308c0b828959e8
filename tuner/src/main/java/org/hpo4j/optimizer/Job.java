package org.hpo4j.optimizer;

import org.hpo4j.space.Configuration;

/**
 * One evaluation an optimizer asks for: a configuration at a budget.
 *
 * @param id the job's number, 0, 1, 2, ... in the order {@link Optimizer#ask()} handed jobs out
 * @param configId which configuration this is; jobs that evaluate the same configuration at
 *     increasing budgets (successive-halving promotions) share it
 * @param configuration the values to evaluate
 * @param budget the budget of this evaluation
 * @param previousBudget the largest budget this configuration was already evaluated at (the rung
 *     it was promoted from), 0 for a first evaluation; an objective with checkpoints may continue
 *     from there
 * @param rung the rung of successive halving, 0 for the first; 0 for optimizers without rungs
 */
public record Job(int id, ConfigId configId, Configuration configuration, double budget,
                  double previousBudget, int rung) {

    /**
     * Identifies a configuration within a study, as HpBandSter does.
     *
     * @param iteration the Hyperband iteration (or the sequence number for optimizers without
     *     brackets)
     * @param bracket the bracket {@code s} of Hyperband, 0 for optimizers without brackets
     * @param index the configuration's position within its bracket
     */
    public record ConfigId(int iteration, int bracket, int index) {
        @Override
        public String toString() {
            return "(" + iteration + "," + bracket + "," + index + ")";
        }
    }
}
