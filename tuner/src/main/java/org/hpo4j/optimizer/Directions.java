package org.hpo4j.optimizer;

import org.hpo4j.annotations.Direction;

/**
 * What a study's direction means for values: which of two is better, and what an optimizer (which
 * always minimizes) is told. The one place that compares values by direction.
 */
public final class Directions {
    private Directions() {
    }

    /** Whether {@code a} is strictly better than {@code b} when the study goes in {@code direction}. */
    public static boolean better(Direction direction, double a, double b) {
        return direction == Direction.MAXIMIZE ? a > b : a < b;
    }

    /** {@code value} as an optimizer minimizes it: negated when the study maximizes. */
    public static double minimized(Direction direction, double value) {
        return direction == Direction.MAXIMIZE ? -value : value;
    }
}
