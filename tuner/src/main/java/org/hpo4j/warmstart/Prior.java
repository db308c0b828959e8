package org.hpo4j.warmstart;

import java.util.List;
import java.util.Objects;
import org.hpo4j.space.Configuration;

/**
 * One evaluation of an earlier study, with its configuration made valid in the new space.
 *
 * @param configuration the configuration, coerced into the new space (new parameters at their
 *     defaults, values of inactive ones dropped)
 * @param budget the budget it was evaluated at; NaN when unknown
 * @param value the (first) objective's value as the earlier objective returned it (not negated);
 *     NaN when unknown, in which case the configuration can be tried first but no model learns from it
 * @param source where it came from, for messages (file and study, job or key)
 * @param objectives every objective value as returned, from a stored study of several objectives
 *     or with constraints; empty otherwise (then {@code value} is the one objective)
 * @param constraints the constrained components' values as returned; empty without constraints
 */
public record Prior(Configuration configuration, double budget, double value, String source,
                    List<Double> objectives, List<Double> constraints) {
    public Prior {
        Objects.requireNonNull(configuration, "configuration");
        Objects.requireNonNull(source, "source");
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
    }

    /** A prior of one objective (or of unknown value: NaN). */
    public Prior(Configuration configuration, double budget, double value, String source) {
        this(configuration, budget, value, source, List.of(), List.of());
    }

    /** Whether the value is known, so a model can learn from it. */
    public boolean hasValue() {
        return Double.isFinite(value);
    }

    /**
     * Whether the prior holds {@code objectives} objective and {@code constraints} constraint
     * values, so that a model of a study with that many can learn from it. A study of one
     * objective without constraints needs only {@link #hasValue()}.
     */
    public boolean fits(int objectives, int constraints) {
        if (objectives == 1 && constraints == 0) {
            return hasValue();
        }
        return hasValue() && this.objectives.size() == objectives && this.constraints.size() == constraints;
    }
}
