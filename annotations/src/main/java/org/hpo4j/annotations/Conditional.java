package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a hyperparameter active only when another one (its parent) has certain values. Set exactly
 * one of {@link #equalTo()}, {@link #in()}, {@link #atLeast()}, {@link #greaterThan()},
 * {@link #atMost()}, {@link #lessThan()}. Repeat the annotation for a conjunction: all must hold.
 * An inactive hyperparameter is absent from a configuration and keeps its initializer.
 *
 * <pre>{@code
 * @Conditional(on = "optimizer", equalTo = "momentum")
 * @Uniform(lo = 0.5, hi = 0.99) double momentum = 0.9;
 *
 * @Conditional(on = "layers", atLeast = 3)    // the third layer exists
 * @Categorical({"he", "xavier"}) String init3 = "he";
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
@Repeatable(Conditionals.class)
public @interface Conditional {
    /** The parent's name (its field name, or the {@code name} given on its annotation). */
    String on();

    /** Active when the parent equals this value (as written in a properties file). */
    String equalTo() default "";

    /** Active when the parent equals one of these values. */
    String[] in() default {};

    /** Active when the numeric parent is {@code >=} this. */
    double atLeast() default Double.NaN;

    /** Active when the numeric parent is {@code >} this. */
    double greaterThan() default Double.NaN;

    /** Active when the numeric parent is {@code <=} this. */
    double atMost() default Double.NaN;

    /** Active when the numeric parent is {@code <} this. */
    double lessThan() default Double.NaN;
}
