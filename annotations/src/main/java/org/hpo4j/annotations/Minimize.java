package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An objective to make small (an error, a latency, a size): a numeric component of the record an {@code @Objective} method returns.
 * Smaller values are better. A record has two to four components with {@code @Minimize} or {@code @Maximize};
 * the study searches for the trade-offs between them (the Pareto front).
 *
 * <pre>{@code
 * public record Score(@Minimize double error, @Minimize double latencyMs, @AtMost(50) double sizeMb) {}
 * @Objective public Score train(TrialContext context) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.RECORD_COMPONENT)
public @interface Minimize {
}
