package org.hpo4j.benchmarks;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How two optimizers compare over seeds: the ratio of their median regrets, with a percentile
 * bootstrap interval (each sample resampled with replacement on its own). An interval that contains
 * 1 means the seeds cannot tell the two medians apart.
 */
public final class MedianRatio {
    /** Resamples behind every interval the benchmark tools print. */
    public static final int RESAMPLES = 2000;
    /** The level of every interval the benchmark tools print. */
    public static final double LEVEL = 0.95;

    private MedianRatio() {
    }

    /** {@code median(a) / median(b)}. */
    public static double of(double[] a, double[] b) {
        return quantile(a, 0.5) / quantile(b, 0.5);
    }

    /**
     * The percentile bootstrap interval, at {@code level}, of {@code median(a) / median(b)}, each
     * sample resampled with replacement on its own: {lower, upper}.
     */
    public static double[] bootstrapInterval(double[] a, double[] b, int resamples, double level, SplittableRandom random) {
        double[] ratios = new double[resamples];
        double[] ra = new double[a.length];
        double[] rb = new double[b.length];
        for (int k = 0; k < resamples; k++) {
            for (int i = 0; i < a.length; i++) {
                ra[i] = a[random.nextInt(a.length)];
            }
            for (int i = 0; i < b.length; i++) {
                rb[i] = b[random.nextInt(b.length)];
            }
            ratios[k] = quantile(ra, 0.5) / quantile(rb, 0.5);
        }
        double tail = (1 - level) / 2;
        return new double[] {quantile(ratios, tail), quantile(ratios, 1 - tail)};
    }

    /**
     * The {@code p}-quantile with linear interpolation between order statistics (R's type 7); NaN
     * entries (no incumbent yet) rank last, as the worst outcome.
     */
    public static double quantile(double[] values, double p) {
        double[] v = values.clone();
        Arrays.sort(v); // Arrays.sort puts NaN last
        double h = (v.length - 1) * p;
        int lo = (int) Math.floor(h);
        if (h == lo) {
            return v[lo]; // no interpolation: a NaN neighbour must not spoil an exact order statistic
        }
        return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
    }
}
