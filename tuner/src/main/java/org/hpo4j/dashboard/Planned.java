package org.hpo4j.dashboard;

import java.time.Duration;

/**
 * What the study is expected to spend, when the dashboard knows it ({@code hpo:tune -Dhpo.dashboard}
 * does: it has the stopping rule; a store does not keep it).
 *
 * @param evaluations the expected number of evaluations, 0 when unknown
 * @param approximate whether {@code evaluations} is an estimate
 * @param cost the cost the study plans to spend, in full evaluations, 0 when unknown
 * @param timeLimit the wall-time limit, {@code null} for none
 */
public record Planned(int evaluations, boolean approximate, double cost, Duration timeLimit) {
    /** Nothing known: a study read from a store. */
    public static final Planned UNKNOWN = new Planned(0, false, 0, null);
}
