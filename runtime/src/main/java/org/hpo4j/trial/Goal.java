package org.hpo4j.trial;

import java.util.Objects;
import org.hpo4j.annotations.Direction;

/**
 * One objective of a study: a component of the objective's result and whether it is minimized or
 * maximized.
 *
 * @param name the record component ({@code "objective"} for a method that returns a number)
 * @param direction whether smaller or larger values are better
 */
public record Goal(String name, Direction direction) {

    /** Checks that both are given. */
    public Goal {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(direction, "direction");
    }

    /** The value as optimizers see it: negated when maximized, so that smaller is always better. */
    public double minimized(double value) {
        return direction == Direction.MAXIMIZE ? -value : value;
    }
}
