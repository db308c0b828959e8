package org.hpo4j.optimizer;

import java.util.Objects;
import org.hpo4j.space.Configuration;

/**
 * An evaluation from an earlier study, valid in the current space, that a model-based optimizer
 * may learn from (see {@link WarmStartable}).
 *
 * @param configuration the configuration, valid in the current space
 * @param budget the budget it was evaluated at
 * @param value its value to minimize (negated already when the study maximizes)
 */
public record PriorObservation(Configuration configuration, double budget, double value) {
    public PriorObservation {
        Objects.requireNonNull(configuration, "configuration");
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a prior observation needs a finite value, got " + value);
        }
    }
}
