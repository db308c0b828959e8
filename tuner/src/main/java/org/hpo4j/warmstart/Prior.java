package org.hpo4j.warmstart;

import java.util.Objects;
import org.hpo4j.space.Configuration;

/**
 * One evaluation of an earlier study, with its configuration made valid in the new space.
 *
 * @param configuration the configuration, coerced into the new space (new parameters at their
 *     defaults, values of inactive ones dropped)
 * @param budget the budget it was evaluated at; NaN when unknown
 * @param value the objective's value as the earlier objective returned it (not negated); NaN when
 *     unknown, in which case the configuration can be tried first but no model learns from it
 * @param source where it came from, for messages (file and study, job or key)
 */
public record Prior(Configuration configuration, double budget, double value, String source) {
    public Prior {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(source, "source");
    }

    /** Whether the value is known, so a model can learn from it. */
    public boolean hasValue() {
        return Double.isFinite(value);
    }
}
