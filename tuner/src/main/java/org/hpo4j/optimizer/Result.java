package org.hpo4j.optimizer;

/**
 * The outcome of a {@link Job}: a finite value to minimize, or a failure with its cause.
 *
 * @param value the objective value (to minimize); NaN for failures
 * @param failure the cause of a failure, {@code null} when the evaluation succeeded
 */
public record Result(double value, String failure) {

    /** A successful result. NaN or an infinite value is turned into a failure. */
    public static Result of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return new Result(Double.NaN, "objective returned " + value);
        }
        return new Result(value, null);
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
}
