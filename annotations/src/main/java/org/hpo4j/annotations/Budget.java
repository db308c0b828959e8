package org.hpo4j.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one numeric field that is the fidelity of an evaluation (epochs, a fraction of the
 * training set, a number of samples). Multi-fidelity optimizers such as Hyperband and BOHB set it
 * per evaluation between {@code min} and {@code max}.
 *
 * <pre>{@code @Budget(min = 1, max = 81) int epochs = 81;}</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.FIELD)
public @interface Budget {
    /** Smallest budget handed to an evaluation; must be positive. */
    double min();

    /** Largest budget, the one the final configuration is meant for; greater than {@link #min()}. */
    double max();
}
