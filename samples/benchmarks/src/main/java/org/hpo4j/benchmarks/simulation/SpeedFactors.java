package org.hpo4j.benchmarks.simulation;

import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * How slow each configuration trains in the simulation: a factor in {@code [1, 10)}, log-uniform
 * over configurations, fixed by the configuration alone (a hash of its encoding) so that every
 * optimizer meets the same speeds and a promoted configuration keeps its speed. Independent of the
 * configuration's quality.
 */
public final class SpeedFactors {
    /** Ratio between the slowest and the fastest configuration. */
    public static final double SPREAD = 10;

    private SpeedFactors() {
    }

    /** The speed factor of {@code configuration} in {@code space}, in {@code [1, SPREAD)}. */
    public static double of(SearchSpace space, Configuration configuration) {
        long h = 0x9e3779b97f4a7c15L;
        for (double x : space.encode(configuration)) {
            // NaN (inactive) has one canonical bit pattern, so inactive parameters hash alike
            h = mix(h ^ Double.doubleToLongBits(x));
        }
        double u = (h >>> 11) * 0x1.0p-53;
        return Math.pow(SPREAD, u);
    }

    private static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
