package org.hpo4j.annotations;

/** Whether the objective is to be made small (an error, a loss) or large (an accuracy). */
public enum Direction {
    /** Smaller objective values are better. */
    MINIMIZE,
    /** Larger objective values are better. */
    MAXIMIZE
}
