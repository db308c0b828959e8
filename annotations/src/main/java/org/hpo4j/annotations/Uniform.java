package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A real-valued hyperparameter drawn uniformly from {@code [lo, hi]}, on a {@code double} or
 * {@code float} field. The field initializer is the default.
 *
 * <pre>{@code @Uniform(lo = 0, hi = 0.5) double dropout = 0.1;}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Uniform {
    /** Lower bound, inclusive. */
    double lo();

    /** Upper bound, inclusive; must be greater than {@link #lo()}. */
    double hi();

    /** Quantization step: values are {@code lo + k * step}; 0 means continuous. */
    double step() default 0;

    /** Key in properties files and reports; the field name when empty. */
    String name() default "";
}
