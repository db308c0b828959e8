package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A constraint on a numeric component of the record an {@code @Objective} method returns: an
 * evaluation is feasible when the component is at least {@link #value()} ({@code >=}). Infeasible
 * evaluations rank behind every feasible one, and the chosen configuration is always feasible.
 * A component may carry a constraint alone or together with {@code @Minimize} / {@code @Maximize}.
 *
 * <pre>{@code public record Score(@Minimize double error, @Minimize double sizeMb, @AtLeast(0.9) double accuracy) {}}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface AtLeast {
    /** The bound. */
    double value();
}
