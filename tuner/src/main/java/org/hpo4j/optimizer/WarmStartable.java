package org.hpo4j.optimizer;

import java.util.List;

/**
 * An optimizer whose model can learn from evaluations of earlier studies. The observations count
 * with {@code weight} (in {@code (0, 1]}) relative to the study's own evaluations, so that a
 * related but different earlier problem guides the search without dominating it.
 *
 * <p>May be called before the first {@code ask} and again later; every call adds observations.
 * Like {@code tell}, it is part of the ordered sequence of calls the optimizer's state is a
 * function of, so the same calls in the same order give the same jobs.
 */
public interface WarmStartable {

    /**
     * Adds prior observations to the model.
     *
     * @param observations evaluations valid in the optimizer's space, values to minimize
     * @param weight how much each counts relative to an own evaluation, in {@code (0, 1]}
     * @throws IllegalArgumentException when {@code weight} is outside {@code (0, 1]}
     */
    void warmStart(List<PriorObservation> observations, double weight);

    /** Checks a warm-start weight. */
    static double checkWeight(double weight) {
        if (!(weight > 0 && weight <= 1)) {
            throw new IllegalArgumentException("warm-start weight must be in (0, 1], got " + weight);
        }
        return weight;
    }
}
