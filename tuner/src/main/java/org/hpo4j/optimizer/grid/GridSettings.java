package org.hpo4j.optimizer.grid;

/**
 * How fine the grid of {@link GridSearch} is and in which order it is visited.
 *
 * @param pointsPerNumeric number of values per float or integer parameter, at least 2: evenly
 *     spaced on the parameter's own scale (log-spaced for log parameters), ends included; an integer
 *     parameter with fewer values gets all of them, and one with a step only values of its grid
 * @param shuffle whether to visit the grid in an order shuffled by the seed (a study stopped early
 *     then still covers every parameter's range) rather than in natural (odometer) order
 */
public record GridSettings(int pointsPerNumeric, boolean shuffle) {

    public GridSettings {
        if (pointsPerNumeric < 2) {
            throw new IllegalArgumentException("pointsPerNumeric must be at least 2, got " + pointsPerNumeric);
        }
    }

    /** Five values per numeric parameter, shuffled order. */
    public static GridSettings defaults() {
        return new GridSettings(5, true);
    }
}
