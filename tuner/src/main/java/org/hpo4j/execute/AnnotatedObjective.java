package org.hpo4j.execute;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.hpo4j.inject.Injector;
import org.hpo4j.objective.Objective;

/**
 * The objective of a class annotated for hpo4j, the same in this JVM ({@code hpo:tune} without a
 * class path) and in a worker JVM ({@link WorkerMain}): a fresh instance per evaluation (so no state
 * leaks from one to the next), the configuration and the budget set through the generated injector,
 * then the {@code @Objective} method. Values are returned as the method returns them; the study
 * negates them for the optimizer when the class maximizes.
 */
public final class AnnotatedObjective {
    private AnnotatedObjective() {
    }

    /** The objective that evaluates fresh instances made by {@code constructor} (accessible, no parameters). */
    public static <T> Objective of(Injector<T> injector, Constructor<T> constructor) {
        return (configuration, context) -> {
            T instance;
            try {
                instance = constructor.newInstance();
            } catch (InvocationTargetException e) {
                // the constructor threw: report its exception, not the reflective wrapper
                throw e.getCause() instanceof Exception cause ? cause : e;
            }
            injector.apply(instance, configuration);
            injector.applyBudget(instance, context.budget());
            return injector.evaluate(instance, context);
        };
    }
}
