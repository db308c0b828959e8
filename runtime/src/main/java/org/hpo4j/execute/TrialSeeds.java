package org.hpo4j.execute;

/** Per-evaluation seeds. */
public final class TrialSeeds {
    private TrialSeeds() {
    }

    /**
     * The seed of job {@code jobId} in a study seeded with {@code studySeed}: the same for every
     * attempt at the job, different between jobs and between studies (SplitMix64's finalizer over
     * the pair, so neighbouring ids give unrelated seeds).
     */
    public static long of(long studySeed, int jobId) {
        long z = studySeed + 0x9E3779B97F4A7C15L * (jobId + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
