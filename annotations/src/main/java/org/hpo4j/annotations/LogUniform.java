package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A positive real-valued hyperparameter whose logarithm is uniform in {@code [log lo, log hi]}:
 * for a learning rate in {@code [1e-5, 1]} about 20% of samples lie above 0.1. On a {@code double}
 * or {@code float} field.
 *
 * <pre>{@code @LogUniform(lo = 1e-5, hi = 1) double learningRate = 1e-3;}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface LogUniform {
    /** Lower bound, inclusive; must be positive. */
    double lo();

    /** Upper bound, inclusive; must be greater than {@link #lo()}. */
    double hi();

    /** Key in properties files and reports; the field name when empty. */
    String name() default "";
}
