package org.hpo4j.optimizer;

import java.util.Objects;
import org.hpo4j.space.Configuration;

/**
 * An evaluation from an earlier study, valid in the current space, that a model-based optimizer
 * may learn from (see {@link WarmStartable}).
 *
 * @param configuration the configuration, valid in the current space
 * @param budget the budget it was evaluated at
 * @param result its result as optimizers are told one: values to minimize (negated already when
 *     the study maximizes) and, with several objectives or constraints, every objective and each
 *     constraint's violation ({@link Result}); never a failure
 */
public record PriorObservation(Configuration configuration, double budget, Result result) {
    public PriorObservation {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(result, "result");
        if (result.isFailure()) {
            throw new IllegalArgumentException("a prior observation needs finite values, got a failure: " + result.failure());
        }
    }

    /** An observation of one objective, {@code value} to minimize. */
    public PriorObservation(Configuration configuration, double budget, double value) {
        this(configuration, budget, finite(value));
    }

    private static Result finite(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a prior observation needs a finite value, got " + value);
        }
        return Result.of(value);
    }

    /** The (first) objective's value to minimize: what single-objective models learn. */
    public double value() {
        return result.value();
    }
}
