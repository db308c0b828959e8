package org.hpo4j.execute;

/**
 * A token bucket for the console echo of a worker's output: a burst of lines at once, then a
 * steady rate, so that an objective printing in a tight loop cannot flood the console (or a CI
 * log) while its output is still captured for failure causes. Used by one thread.
 */
final class EchoLimit {
    /** What {@link #tryAcquire} returns for a line not to be echoed. */
    static final long REFUSED = -1;

    private final int burst;
    private final double perNano;
    private double tokens;
    private long last = Long.MIN_VALUE;
    private long dropped;

    EchoLimit(int burst, int perSecond) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
    }

    /**
     * Whether a line may be echoed at time {@code now} (nanoseconds).
     *
     * @return {@link #REFUSED}, counting the line as dropped; else how many lines were dropped
     *     since the last echoed one (to say so before this one)
     */
    long tryAcquire(long now) {
        if (last != Long.MIN_VALUE) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
        }
        last = now;
        if (tokens < 1) {
            dropped++;
            return REFUSED;
        }
        tokens -= 1;
        return takeDropped();
    }

    /** How many lines were refused since this was last asked (or a line was let through). */
    long takeDropped() {
        long d = dropped;
        dropped = 0;
        return d;
    }
}
