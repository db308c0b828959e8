package org.hpo4j.benchmarks;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The random stream of one evaluation, derived from the run's seed and the job's id only, so the
 * noise a configuration meets does not depend on the optimizer's own use of randomness.
 */
public final class EvaluationStreams {
    private EvaluationStreams() {
    }

    /** The stream of job {@code jobId} in the run with seed {@code seed}. */
    public static RandomGenerator forJob(long seed, int jobId) {
        // two rounds of SplitMix64's finaliser keep nearby (seed, id) pairs far apart
        return new SplittableRandom(mix(mix(seed ^ 0x6a09e667f3bcc909L) + jobId));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
