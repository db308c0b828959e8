package org.hpo4j.space;

import java.util.List;

/**
 * One hyperparameter of a {@link SearchSpace}: its name, its domain, its default and the conditions
 * under which it is active.
 *
 * <p>Every parameter maps its values to the unit interval and back ({@link #toUnit} /
 * {@link #fromUnit}); models work on that encoding. {@code fromUnit} of a uniform draw from
 * {@code [0, 1)} is a draw from the parameter's prior: log-uniform for log-scale parameters, equal
 * mass for each integer, equal mass for each choice.
 */
public sealed interface Parameter permits FloatParameter, IntParameter, CategoricalParameter {

    /** The key of the parameter in configurations, properties files and reports. */
    String name();

    /** The default value, of the type {@link #fromUnit} returns. */
    Object defaultValue();

    /** Conditions that must all hold for the parameter to be active; empty means always active. */
    List<Condition> conditions();

    /** Maps a value of this parameter into {@code [0, 1]}. */
    double toUnit(Object value);

    /** Maps a point of {@code [0, 1]} to a value; points outside are clamped. */
    Object fromUnit(double unit);

    /** Whether {@code value} is of the right type and in the domain. */
    boolean contains(Object value);

    /**
     * Converts a value given in a looser form (text from a properties file, an {@code Integer} for a
     * {@code Long}, an enum's name) into this parameter's value type.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the allowed range
     */
    Object coerce(Object value);

    /** The value as it is written in a properties file; {@link #coerce} reads it back. */
    default String format(Object value) {
        return value instanceof Enum<?> e ? e.name() : String.valueOf(value);
    }

    /** The domain in words, for error messages and reports, e.g. {@code [1e-05, 1] (log)}. */
    String describeDomain();

    /** The same parameter, active only when {@code condition} holds as well. */
    Parameter when(Condition condition);
}
