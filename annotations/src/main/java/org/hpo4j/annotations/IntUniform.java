package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integer hyperparameter in {@code [lo, hi]}, every integer equally likely (or, with
 * {@code log = true}, uniform in log space), on an {@code int} or {@code long} field.
 *
 * <pre>{@code @IntUniform(lo = 16, hi = 512, log = true) int hidden = 64;}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface IntUniform {
    /** Lower bound, inclusive. */
    long lo();

    /** Upper bound, inclusive; must be greater than {@link #lo()}. */
    long hi();

    /** Sample uniformly in log space; needs {@code lo > 0}. */
    boolean log() default false;

    /**
     * Distance between values: only {@code lo, lo + step, ..., hi} are taken, each equally likely, as
     * in {@code @IntUniform(lo = 16, hi = 256, step = 16) int batch = 32;}. {@code hi - lo} must be a
     * multiple of the step, the initializer must be one of the values, and a log scale takes no step.
     */
    long step() default 1;

    /** Key in properties files and reports; the field name when empty. */
    String name() default "";
}
