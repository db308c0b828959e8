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
 * <p>For several objectives it returns a record instead, whose numeric components say what they
 * are: {@link Minimize} or {@link Maximize} on two to four of them, and constraints
 * {@link AtMost} / {@link AtLeast} on any. {@link #direction()} is then not used.
 * <pre>{@code
 * public record Score(@Minimize double error, @Minimize double latencyMs, @AtMost(50) double sizeMb) {}
 * @Objective public Score train(TrialContext context) { ... }
 * }</pre>
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
    /** Whether smaller or larger values are better (a single number only; records say it per component). */
    Direction direction() default Direction.MINIMIZE;
}
