package org.hpo4j.optimizer.local;

/**
 * Tuning of {@link LocalSearch}.
 *
 * @param stepSize standard deviation of a numeric step in the unit encoding (a fraction of the
 *     parameter's range, on its own scale), in {@code (0, 1]}
 * @param stepsPerNumeric neighbours per numeric parameter in one neighbourhood (one step down, one
 *     up, alternately), at least 1
 */
public record LocalSearchSettings(double stepSize, int stepsPerNumeric) {

    public LocalSearchSettings {
        if (!(stepSize > 0 && stepSize <= 1)) {
            throw new IllegalArgumentException("stepSize must be in (0, 1], got " + stepSize);
        }
        if (stepsPerNumeric < 1) {
            throw new IllegalArgumentException("stepsPerNumeric must be at least 1, got " + stepsPerNumeric);
        }
    }

    /** Steps of 0.1 of the range, two per numeric parameter. */
    public static LocalSearchSettings defaults() {
        return new LocalSearchSettings(0.1, 2);
    }
}
