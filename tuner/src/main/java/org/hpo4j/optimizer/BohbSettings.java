package org.hpo4j.optimizer;

/**
 * The model settings of BOHB (Falkner et al. 2018), with HpBandSter's defaults.
 *
 * @param minPointsInModel observations a budget needs before a model is fitted on it; values below
 *     {@code dimensions + 1} (e.g. 0, the default) are raised to it, as HpBandSter does
 * @param topNPercent percentage of the best observations that form the "good" density
 * @param numSamples candidates drawn from the good density per model-based proposal
 * @param randomFraction probability that a proposal is a draw from the prior
 * @param bandwidthFactor widens the good density's continuous bandwidths when drawing candidates
 * @param minBandwidth floor of every bandwidth, so that a coordinate on which all good points agree
 *     keeps some diversity
 */
public record BohbSettings(int minPointsInModel, int topNPercent, int numSamples, double randomFraction,
                           double bandwidthFactor, double minBandwidth) {

    public BohbSettings {
        if (minPointsInModel < 0) {
            throw new IllegalArgumentException("minPointsInModel must be >= 0, got " + minPointsInModel);
        }
        if (topNPercent < 1 || topNPercent > 99) {
            throw new IllegalArgumentException("topNPercent must be in 1..99, got " + topNPercent);
        }
        if (numSamples < 1) {
            throw new IllegalArgumentException("numSamples must be at least 1, got " + numSamples);
        }
        if (!(randomFraction >= 0 && randomFraction <= 1)) {
            throw new IllegalArgumentException("randomFraction must be in [0, 1], got " + randomFraction);
        }
        if (!(bandwidthFactor > 0) || Double.isInfinite(bandwidthFactor)) {
            throw new IllegalArgumentException("bandwidthFactor must be positive, got " + bandwidthFactor);
        }
        if (!(minBandwidth > 0) || !(minBandwidth < 1)) {
            throw new IllegalArgumentException("minBandwidth must be in (0, 1), got " + minBandwidth);
        }
    }

    /** HpBandSter's defaults: dimensions + 1 points, top 15%, 64 samples, 1/3 random, factor 3, 1e-3. */
    public static BohbSettings defaults() {
        return new BohbSettings(0, 15, 64, 1.0 / 3, 3, 1e-3);
    }

    /** The same settings with another minimum number of points in a model. */
    public BohbSettings withMinPointsInModel(int value) {
        return new BohbSettings(value, topNPercent, numSamples, randomFraction, bandwidthFactor, minBandwidth);
    }

    /** The same settings with another random fraction. */
    public BohbSettings withRandomFraction(double value) {
        return new BohbSettings(minPointsInModel, topNPercent, numSamples, value, bandwidthFactor, minBandwidth);
    }

    /** The same settings with another number of candidates per proposal. */
    public BohbSettings withNumSamples(int value) {
        return new BohbSettings(minPointsInModel, topNPercent, value, randomFraction, bandwidthFactor, minBandwidth);
    }
}
