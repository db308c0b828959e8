package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The method to optimize: public, not static, taking no parameters or one
 * {@code org.hpo4j.trial.TrialContext}, returning a number ({@code double}, {@code float},
 * {@code int}, {@code long} or their boxes). One per class.
 *
 * <pre>{@code
 * @Objective(direction = Direction.MINIMIZE)
 * public double validationError() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface Objective {
    /** Whether smaller or larger values are better. */
    Direction direction() default Direction.MINIMIZE;
}
