package org.hpo4j.trial;

import java.util.Locale;
import java.util.Objects;

/**
 * A bound on a component of the objective's result ({@code @AtMost} / {@code @AtLeast}); an
 * evaluation is feasible when every bound holds.
 *
 * @param name the record component
 * @param kind whether the component must stay at most or at least {@code limit}
 * @param limit the bound
 */
public record Constraint(String name, Kind kind, double limit) {

    /** Which side of the bound is feasible. */
    public enum Kind {
        /** Feasible when the value is at most the limit ({@code @AtMost}). */
        AT_MOST("<="),
        /** Feasible when the value is at least the limit ({@code @AtLeast}). */
        AT_LEAST(">=");

        private final String symbol;

        Kind(String symbol) {
            this.symbol = symbol;
        }

        /** {@code <=} or {@code >=}. */
        public String symbol() {
            return symbol;
        }
    }

    /** Checks the arguments: a finite limit. */
    public Constraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(limit)) {
            throw new IllegalArgumentException("constraint on '" + name + "': the limit must be finite, got " + limit);
        }
    }

    /** Whether {@code value} satisfies the bound; NaN never does. */
    public boolean holds(double value) {
        return violation(value) == 0;
    }

    /**
     * How far {@code value} is on the wrong side of the bound, relative to the bound (divided by
     * {@code |limit|}, or by 1 when {@code |limit| < 1}) so that constraints in different units add
     * up; 0 when the bound holds, infinite for NaN.
     */
    public double violation(double value) {
        if (Double.isNaN(value)) {
            return Double.POSITIVE_INFINITY;
        }
        double excess = kind == Kind.AT_MOST ? value - limit : limit - value;
        return excess <= 0 ? 0 : excess / Math.max(Math.abs(limit), 1);
    }

    /** The constraint as a user writes it, e.g. {@code latencyMs <= 20}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s %s", name, kind.symbol(), Numbers.text(limit));
    }
}
