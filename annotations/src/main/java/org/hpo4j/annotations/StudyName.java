package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the study of a class with an {@link Objective}; without it the study is named after the
 * class's simple name. Runs with the same study name continue one another.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface StudyName {
    /** The study name: letters, digits, {@code .}, {@code _} and {@code -}. */
    String value();
}
