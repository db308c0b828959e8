package org.hpo4j.benchmarks;

import java.util.Arrays;

/**
 * First quartile, median and third quartile of a sample, with linear interpolation between order
 * statistics (numpy's default), as the peers' figures were computed.
 */
public record Quartiles(double q25, double median, double q75) {

    /** The quartiles of {@code values}; {@code NaN}s for an empty sample. */
    public static Quartiles of(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Quartiles(quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75));
    }

    /** The {@code q}-quantile of an ascending array, linearly interpolated. */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** The quartiles over seeds (first index of {@code perSeed}) at each of {@code checkpoints} (second index). */
    public static Quartiles[] perCheckpoint(double[][] perSeed, int checkpoints) {
        Quartiles[] q = new Quartiles[checkpoints];
        for (int k = 0; k < checkpoints; k++) {
            double[] atK = new double[perSeed.length];
            for (int s = 0; s < atK.length; s++) {
                atK[s] = perSeed[s][k];
            }
            q[k] = of(atK);
        }
        return q;
    }
}
