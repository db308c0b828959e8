package org.hpo4j.objective;

import java.util.List;
import java.util.Optional;
import org.hpo4j.optimizer.Result;

/**
 * What an evaluation is charged and when it counts as stopped early: the one rule every way of
 * running a study (and the report read back from a store) applies.
 *
 * <p>Cost: an evaluation costs its full {@code budget / maxBudget} (restart semantics, as HpBandSter
 * evaluates), unless its objective continued from a checkpoint: a promotion that loaded the state
 * its configuration saved at {@code continuedFrom} costs {@code (budget - continuedFrom) / maxBudget}.
 * An evaluation stopped early is charged up to its last reported step.
 *
 * @param maxBudget the budget that counts as one full evaluation; NaN when unknown, and then every
 *     evaluation costs 1
 */
public record CostRule(double maxBudget) {

    /** The cost of an evaluation that ran to {@code budget}, continued from {@code continuedFrom} (0: from scratch). */
    public double cost(double budget, double continuedFrom) {
        // without a known maximum budget every evaluation counts as a full one
        return Double.isNaN(maxBudget) ? 1.0 : (budget - continuedFrom) / maxBudget;
    }

    /**
     * The report an evaluation stopped at, when it was stopped early: the curve stopper asked it to
     * stop, it did not fail, and its last report came before its budget. It then counts with that
     * report's value and is charged up to its step. Empty when it ran to its budget (or failed).
     */
    public static Optional<Evaluation.Report> stoppedAt(Result result, double budget, boolean stopRequested,
                                                        List<Evaluation.Report> reports) {
        if (!stopRequested || result.isFailure() || reports.isEmpty()) {
            return Optional.empty();
        }
        Evaluation.Report last = reports.get(reports.size() - 1);
        return last.step() < budget ? Optional.of(last) : Optional.empty();
    }
}
