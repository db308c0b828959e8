package org.hpo4j.study;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hpo4j.objective.CostRule;
import org.hpo4j.objective.Evaluation;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.store.StoredJob;

/**
 * How a job that ended becomes an {@link Evaluation}: its value (the last report's when it was
 * stopped early) and its cost, by the one {@link CostRule}. Used by every way of running a study and
 * by the report read back from a store, so that both give the same totals.
 */
public final class TrialOutcomes {
    private final TrialTasks budgets;
    private final CostRule costRule;

    /**
     * Outcomes of a study over {@code space}.
     *
     * @param maxBudget the budget that counts as one full evaluation; NaN: every evaluation costs 1
     */
    public TrialOutcomes(SearchSpace space, double maxBudget) {
        this.budgets = new TrialTasks(0, space);
        this.costRule = new CostRule(maxBudget);
    }

    /** The cost rule. */
    public CostRule costRule() {
        return costRule;
    }

    /**
     * The evaluation of a job that ended with {@code result}: when the curve stopper asked it to stop
     * and the objective obeyed (its last report is before the budget), it counts with its last
     * reported value and is charged for the budget it actually used. A continuation is charged from
     * the budget it continued from.
     */
    public Evaluation ended(Job job, Result result, Instant start, Instant end, List<Evaluation.Report> reports,
                            boolean stopRequested, double continuedFrom) {
        double budget = budgets.effectiveBudget(job.budget());
        Optional<Evaluation.Report> stoppedAt = CostRule.stoppedAt(result, budget, stopRequested, reports);
        if (stoppedAt.isPresent()) {
            Evaluation.Report last = stoppedAt.get();
            return new Evaluation(job, Result.of(last.value()), start, end, reports,
                    costRule.cost(last.step(), continuedFrom), continuedFrom, true);
        }
        return new Evaluation(job, result, start, end, reports, costRule.cost(budget, continuedFrom), continuedFrom);
    }

    /**
     * A stored evaluation read back. One the curve stopper ended is recognized as the study records
     * it in process: the stopper asked its attempt to stop ({@link StoredJob#stopRequested()}) and
     * its last report came before the budget; it then counts with that report's value. Stores of
     * schema version 3 and older kept no stop requests: there the last report's value, at a step
     * before the budget, stored as the result, says so. Continued evaluations are charged from the
     * budget they continued from.
     */
    public Evaluation stored(Job job, Result r, StoredJob stored, List<Evaluation.Report> reports) {
        boolean stopRequested = stored.stopRequested()
                || (!reports.isEmpty() && reports.get(reports.size() - 1).value() == r.value());
        return ended(job, r, Instant.ofEpochMilli(stored.startedAt()), Instant.ofEpochMilli(stored.finishedAt()),
                reports, stopRequested, stored.continuedFrom());
    }
}
