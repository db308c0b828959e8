package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A hyperparameter that takes one of a set of unordered choices.
 *
 * <ul>
 *   <li>on a {@code String} field: the given values;</li>
 *   <li>on an enum field: the named constants, or every constant when no value is given;</li>
 *   <li>on a {@code boolean} field: {@code false} and {@code true} when no value is given;</li>
 *   <li>on an {@code int}, {@code long}, {@code float} or {@code double} field: the given values
 *       parsed as numbers of the field's type.</li>
 * </ul>
 *
 * <pre>{@code @Categorical({"sgd", "momentum", "adam"}) String optimizer = "adam";}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Categorical {
    /** The choices, written as the field's values would be in a properties file. */
    String[] value() default {};

    /** Key in properties files and reports; the field name when empty. */
    String name() default "";
}
