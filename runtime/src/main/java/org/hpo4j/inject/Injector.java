package org.hpo4j.inject;

import org.hpo4j.annotations.Direction;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Score;
import org.hpo4j.trial.TrialContext;

/**
 * Moves configurations into and out of instances of an annotated class. The annotation processor
 * writes one per class, named {@code <Class>Injector} in the class's package (nested classes:
 * {@code Outer_InnerInjector}); {@link Injectors#forClass} finds it.
 *
 * @param <T> the annotated class
 */
public interface Injector<T> {

    /** The annotated class. */
    Class<T> type();

    /** The class's search space, with the field initializers as defaults. */
    SearchSpace space();

    /** Sets every active parameter's field from the configuration; inactive fields keep their values. */
    void apply(T target, Configuration configuration);

    /** Reads the fields back into a configuration (only parameters active under those values). */
    Configuration read(T source);

    /** Sets the {@code @Budget} field, rounding for integer fields; does nothing without one. */
    void applyBudget(T target, double budget);

    /** Whether the class has an {@code @Objective} method. */
    boolean hasObjective();

    /** The objective's direction (the first objective's for several); MINIMIZE when there is none. */
    Direction direction();

    /**
     * Calls the {@code @Objective} method and returns its value as it is (not negated); for a method
     * that returns a record of several objectives, the first objective.
     *
     * @throws UnsupportedOperationException when the class has no objective
     */
    double evaluate(T target, TrialContext context) throws Exception;

    /**
     * What the objective's result means: one objective with {@link #direction()} for a method that
     * returns a number; the record's objectives and constraints for one that returns a record.
     */
    default Criteria criteria() {
        return Criteria.single(direction());
    }

    /**
     * Calls the {@code @Objective} method once and returns every component of its result, in the
     * order of {@link #criteria()}.
     *
     * @throws UnsupportedOperationException when the class has no objective
     */
    default Score score(T target, TrialContext context) throws Exception {
        return Score.of(evaluate(target, context));
    }

    /** The study name ({@code @StudyName}, else the class's simple name). */
    String studyName();
}
