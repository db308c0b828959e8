package org.hpo4j.optimizer.async;

/**
 * Chooses the bracket each new configuration of {@link AsyncSuccessiveHalving} starts in, and when
 * no more may start. Part of the optimizer's state: its choices depend only on the calls made so far.
 */
public interface BracketPolicy {

    /**
     * Where the next new configuration starts, committing to it; null when no more may start (a
     * bounded run has started all it was given).
     */
    Start next();

    /** Whether {@link #next()} returns null from now on. */
    boolean exhausted();

    /**
     * A new configuration's place: its bracket {@code s} and, for its {@code Job.ConfigId}, the
     * iteration and its position among the configurations of that bracket and iteration.
     */
    record Start(int bracket, int iteration, int index) {
    }
}
