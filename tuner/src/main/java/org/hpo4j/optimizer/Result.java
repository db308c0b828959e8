package org.hpo4j.optimizer;

import java.util.List;

/**
 * The outcome of a {@link Job}: finite values, or a failure with its cause.
 *
 * <p>A study with one objective has one value: {@link #value()}, and {@link #objectives()} holds
 * it alone. A study with several objectives and constraints has them all in
 * {@link #objectives()} and {@link #constraints()}, and {@link #value()} is the first objective
 * (the one learning-curve stopping and single-objective code look at).
 *
 * <p>A result means two things, as the single value always did. Where a study stores and reports
 * it, the values are the user's (maximized objectives not negated, constraint components as
 * returned). What a study tells an optimizer is converted (see {@code Study}): objectives to
 * minimize, and for each constraint its violation, 0 when the bound holds (see
 * {@link #violation()}). Optimizers for several objectives rank by {@link #objectives()} and
 * {@link #violation()}; single-objective optimizers see {@link #value()} only.
 *
 * @param value the (first) objective value; NaN for failures
 * @param failure the cause of a failure, {@code null} when the evaluation succeeded
 * @param objectives every objective value, in the study's order; empty for failures
 * @param constraints the constraint values in the study's order (raw values where stored,
 *     violations where told to an optimizer); empty without constraints and for failures
 */
public record Result(double value, String failure, List<Double> objectives, List<Double> constraints) {

    /** Copies the lists; a success has at least one objective, the first of which is {@code value}. */
    public Result {
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
        if (failure == null && (objectives.isEmpty() || Double.compare(objectives.get(0), value) != 0)) {
            throw new IllegalArgumentException("a result's value (" + value + ") must be its first objective " + objectives);
        }
    }

    /** A result of one objective: {@code value}, or a failure. */
    public Result(double value, String failure) {
        this(value, failure, failure == null ? List.of(value) : List.of(), List.of());
    }

    /** A successful result. NaN or an infinite value is turned into a failure. */
    public static Result of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return new Result(Double.NaN, "objective returned " + value);
        }
        return new Result(value, null);
    }

    /**
     * A successful result of several objectives and constraints. A NaN or infinite value is turned
     * into a failure that says which one.
     *
     * @param objectives the objective values, at least one
     * @param constraints the constraint values
     */
    public static Result of(List<Double> objectives, List<Double> constraints) {
        if (objectives.isEmpty()) {
            throw new IllegalArgumentException("a result needs at least one objective");
        }
        for (int i = 0; i < objectives.size(); i++) {
            if (!Double.isFinite(objectives.get(i))) {
                return failed("objective " + (i + 1) + " of " + objectives.size() + " returned " + objectives.get(i));
            }
        }
        for (int i = 0; i < constraints.size(); i++) {
            if (!Double.isFinite(constraints.get(i))) {
                return failed("constraint " + (i + 1) + " of " + constraints.size() + " returned " + constraints.get(i));
            }
        }
        return new Result(objectives.get(0), null, objectives, constraints);
    }

    /** A failed evaluation; {@code cause} says why (exception, timeout, exit code). */
    public static Result failed(String cause) {
        return new Result(Double.NaN, cause == null || cause.isBlank() ? "failed without a message" : cause);
    }

    /** Whether the evaluation failed. */
    public boolean isFailure() {
        return failure != null;
    }

    /** The value for ranking: failures rank last, behind every real value. */
    public double rankValue() {
        return isFailure() ? Double.POSITIVE_INFINITY : value;
    }

    /** Whether the result has more than one objective. */
    public boolean isMultiObjective() {
        return objectives.size() > 1;
    }

    /**
     * The total violation of a result as told to an optimizer (constraints as violations): their
     * sum, 0 when every bound holds; infinite for a failure.
     */
    public double violation() {
        if (isFailure()) {
            return Double.POSITIVE_INFINITY;
        }
        double total = 0;
        for (double v : constraints) {
            total += v;
        }
        return total;
    }

    /** The objective values as an array (a copy); empty for a failure. */
    public double[] objectiveArray() {
        double[] a = new double[objectives.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = objectives.get(i);
        }
        return a;
    }
}
