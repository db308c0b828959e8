package org.hpo4j.trial;

import java.util.List;

/**
 * What one evaluation of an objective returned, component by component, as the user's code
 * computed it (maximized objectives not negated).
 *
 * @param objectives the objective values, in the order of {@link Criteria#objectives()}
 * @param constraints the values of the constrained components, in the order of
 *     {@link Criteria#constraints()}
 */
public record Score(List<Double> objectives, List<Double> constraints) {

    /** Copies the lists (no nulls). */
    public Score {
        objectives = List.copyOf(objectives);
        constraints = List.copyOf(constraints);
    }

    /** The score of a method that returns a single number. */
    public static Score of(double value) {
        return new Score(List.of(value), List.of());
    }

    /**
     * A component's value as generated injectors read it from the user's record.
     *
     * @throws IllegalStateException when the component is null (a boxed component)
     */
    public static double component(String name, Number value) {
        if (value == null) {
            throw new IllegalStateException("the objective's result has null in component '" + name + "'");
        }
        return value.doubleValue();
    }

    /** The first objective: the one intermediate reports and learning-curve stopping are about. */
    public double first() {
        return objectives.get(0);
    }
}
