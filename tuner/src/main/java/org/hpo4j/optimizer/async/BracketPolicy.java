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
     * Learns that the first result (success or failure) of a configuration started in bracket
     * {@code s} is back, so that a policy can pace its starts by the results in rather than by
     * the starts made; a policy that does not pace ignores it.
     */
    default void firstResult(int s) {
    }

    /**
     * A new configuration's place: its bracket {@code s} and, for its {@code Job.ConfigId}, the
     * iteration and its position among the configurations of that bracket and iteration.
     */
    record Start(int bracket, int iteration, int index) {
    }
}
