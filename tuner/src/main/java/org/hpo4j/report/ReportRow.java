package org.hpo4j.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hpo4j.optimizer.Job;
import org.hpo4j.space.Configuration;

/**
 * One evaluation as the report shows it: which job, which configuration at which budget, and how
 * it ended.
 *
 * @param jobId the job's number within the study
 * @param configId the configuration's identity; rows of one configuration at increasing rungs
 *     (successive-halving promotions) share it
 * @param rung the rung of successive halving, 0 for the first or for optimizers without rungs
 * @param budget the budget of the evaluation
 * @param previousBudget the budget the configuration was promoted from, 0 for a first evaluation
 * @param configuration the evaluated values
 * @param state finished, failed, running or pending
 * @param value the objective value as the objective returned it (not negated for maximization);
 *     finite exactly when {@code state} is {@link EvaluationState#FINISHED}, NaN otherwise
 * @param failure why the evaluation failed; non-null exactly when {@code state} is
 *     {@link EvaluationState#FAILED}
 * @param start when the evaluation started, {@code null} if unknown
 * @param end when it finished, {@code null} while running or if unknown
 * @param cost what the evaluation cost (the study's cost measure, e.g. budget units or seconds);
 *     NaN if unknown
 * @param intermediate the values the evaluation reported on its way, in order; often empty
 * @param objectives every objective value of a study of several objectives, as returned; empty
 *     otherwise and unless finished
 * @param constraints the constrained components' values, as returned; empty without constraints
 * @param stoppedEarly whether the study's curve stopper stopped a finished evaluation before its
 *     budget (its value is that of its last report); false otherwise
 */
public record ReportRow(int jobId, Job.ConfigId configId, int rung, double budget, double previousBudget,
                        Configuration configuration, EvaluationState state, double value, String failure,
                        Instant start, Instant end, double cost, List<IntermediateValue> intermediate,
                        List<Double> objectives, List<Double> constraints, boolean stoppedEarly) {

    /** A row that was not stopped early. */
    public ReportRow(int jobId, Job.ConfigId configId, int rung, double budget, double previousBudget,
                     Configuration configuration, EvaluationState state, double value, String failure,
                     Instant start, Instant end, double cost, List<IntermediateValue> intermediate,
                     List<Double> objectives, List<Double> constraints) {
        this(jobId, configId, rung, budget, previousBudget, configuration, state, value, failure, start, end, cost,
                intermediate, objectives, constraints, false);
    }

    /** A row of a study of one objective. */
    public ReportRow(int jobId, Job.ConfigId configId, int rung, double budget, double previousBudget,
                     Configuration configuration, EvaluationState state, double value, String failure,
                     Instant start, Instant end, double cost, List<IntermediateValue> intermediate) {
        this(jobId, configId, rung, budget, previousBudget, configuration, state, value, failure, start, end, cost,
                intermediate, List.of(), List.of());
    }

    public ReportRow {
        Objects.requireNonNull(configId, "configId");
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(state, "state");
        if (state == EvaluationState.FINISHED && !Double.isFinite(value)) {
            throw new IllegalArgumentException("job " + jobId + ": a finished evaluation needs a finite value, got " + value);
        }
        if (state != EvaluationState.FINISHED) {
            value = Double.NaN;
        }
        if (state == EvaluationState.FAILED && (failure == null || failure.isBlank())) {
            failure = "failed without a message";
        }
        if (state != EvaluationState.FAILED) {
            failure = null;
        }
        intermediate = intermediate == null ? List.of() : List.copyOf(intermediate);
        objectives = state == EvaluationState.FINISHED ? List.copyOf(objectives) : List.of();
        constraints = state == EvaluationState.FINISHED ? List.copyOf(constraints) : List.of();
        stoppedEarly = stoppedEarly && state == EvaluationState.FINISHED;
        if (start != null && end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("job " + jobId + ": end " + end + " is before start " + start);
        }
    }

    /** A finished evaluation. */
    public static ReportRow finished(Job job, double value, Instant start, Instant end, double cost) {
        return new ReportRow(job.id(), job.configId(), job.rung(), job.budget(), job.previousBudget(),
                job.configuration(), EvaluationState.FINISHED, value, null, start, end, cost, List.of());
    }

    /** A failed evaluation. */
    public static ReportRow failed(Job job, String failure, Instant start, Instant end, double cost) {
        return new ReportRow(job.id(), job.configId(), job.rung(), job.budget(), job.previousBudget(),
                job.configuration(), EvaluationState.FAILED, Double.NaN, failure, start, end, cost, List.of());
    }

    /** An evaluation that has started but not finished. */
    public static ReportRow running(Job job, Instant start) {
        return new ReportRow(job.id(), job.configId(), job.rung(), job.budget(), job.previousBudget(),
                job.configuration(), EvaluationState.RUNNING, Double.NaN, null, start, null, Double.NaN, List.of());
    }

    /** A job handed out but not started. */
    public static ReportRow pending(Job job) {
        return new ReportRow(job.id(), job.configId(), job.rung(), job.budget(), job.previousBudget(),
                job.configuration(), EvaluationState.PENDING, Double.NaN, null, null, null, Double.NaN, List.of());
    }

    /** The same row with these intermediate values. */
    public ReportRow withIntermediate(List<IntermediateValue> values) {
        return new ReportRow(jobId, configId, rung, budget, previousBudget, configuration, state, value, failure, start,
                end, cost, values, objectives, constraints, stoppedEarly);
    }

    /** The same row with every objective and constraint value of its result. */
    public ReportRow withValues(List<Double> objectiveValues, List<Double> constraintValues) {
        return new ReportRow(jobId, configId, rung, budget, previousBudget, configuration, state, value, failure, start,
                end, cost, intermediate, objectiveValues, constraintValues, stoppedEarly);
    }

    /** The same row, stopped early by the curve stopper or not. */
    public ReportRow withStoppedEarly(boolean stopped) {
        return new ReportRow(jobId, configId, rung, budget, previousBudget, configuration, state, value, failure, start,
                end, cost, intermediate, objectives, constraints, stopped);
    }

    /** Whether the evaluation has ended, with a value or a failure. */
    public boolean isDone() {
        return state == EvaluationState.FINISHED || state == EvaluationState.FAILED;
    }

    /** Seconds from start to end, NaN when either is unknown. */
    public double durationSeconds() {
        if (start == null || end == null) {
            return Double.NaN;
        }
        return Duration.between(start, end).toNanos() / 1e9;
    }
}
