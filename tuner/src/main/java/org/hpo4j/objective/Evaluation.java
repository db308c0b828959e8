package org.hpo4j.objective;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;

/**
 * One finished job of a study.
 *
 * @param job what the optimizer asked for
 * @param result the outcome with the objective's value as the user sees it (not negated for
 *     maximization), or the failure with its cause
 * @param start when the objective was called
 * @param end when it returned or threw
 * @param reports the intermediate values the objective reported, in order
 * @param cost what the evaluation is charged, in full evaluations: {@code budget / maxBudget} for
 *     a start from scratch, {@code (budget - continuedFrom) / maxBudget} for a continuation; when it
 *     was stopped early, the last reported step takes the place of the budget
 * @param continuedFrom the budget the objective continued from (it loaded the checkpoint the
 *     configuration saved there), 0 when it started from scratch; says which of the two the cost
 *     charges
 * @param stoppedEarly whether the study's curve stopper stopped it before its budget; its value
 *     is then the last reported one
 */
public record Evaluation(Job job, Result result, Instant start, Instant end, List<Report> reports, double cost,
                         double continuedFrom, boolean stoppedEarly) {

    public Evaluation {
        reports = List.copyOf(reports);
    }

    /** An evaluation that started from scratch and ran to its budget. */
    public Evaluation(Job job, Result result, Instant start, Instant end, List<Report> reports, double cost) {
        this(job, result, start, end, reports, cost, 0, false);
    }

    /** An evaluation that ran to its budget, continued from {@code continuedFrom} (0: from scratch). */
    public Evaluation(Job job, Result result, Instant start, Instant end, List<Report> reports, double cost,
                      double continuedFrom) {
        this(job, result, start, end, reports, cost, continuedFrom, false);
    }

    /** Whether the objective continued from a checkpoint (and was charged only the budget it added). */
    public boolean continued() {
        return continuedFrom > 0;
    }

    /** An intermediate value reported by the objective at a step. */
    public record Report(double step, double value) {
    }

    /** Whether the evaluation failed (exception, NaN, infinity). */
    public boolean isFailure() {
        return result.isFailure();
    }

    /** The objective's value as the user sees it; NaN for failures. */
    public double value() {
        return result.value();
    }

    /** How long the objective ran. */
    public Duration duration() {
        return Duration.between(start, end);
    }
}
