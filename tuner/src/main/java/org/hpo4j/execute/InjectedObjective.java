package org.hpo4j.execute;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.Callable;
import org.hpo4j.inject.Injector;
import org.hpo4j.objective.Objective;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.trial.Score;
import org.hpo4j.trial.TrialContext;

/**
 * The objective of a study over an annotated class: a fresh instance per evaluation (so no state
 * leaks from one to the next), the configuration and the budget set through the injector, then
 * the {@code @Objective} method, called once. Values are returned as the method returns them
 * (every component of a record); the study converts them for the optimizer.
 *
 * @param <T> the annotated class
 */
public final class InjectedObjective<T> implements Objective {
    private final Injector<T> injector;
    private final Callable<T> instances;

    /**
     * @param injector the class's injector
     * @param instances creates an instance; a constructor's exception may come wrapped in an
     *     {@link InvocationTargetException}, which is unwrapped
     */
    public InjectedObjective(Injector<T> injector, Callable<T> instances) {
        this.injector = injector;
        this.instances = instances;
    }

    @Override
    public double evaluate(Configuration configuration, TrialContext context) throws Exception {
        return injector.evaluate(configured(configuration, context), context);
    }

    @Override
    public Result result(Configuration configuration, TrialContext context) throws Exception {
        if (!injector.criteria().isMultiObjective() && injector.criteria().constraints().isEmpty()) {
            return Result.of(evaluate(configuration, context));
        }
        Score score = injector.score(configured(configuration, context), context);
        return Result.of(score.objectives(), score.constraints());
    }

    private T configured(Configuration configuration, TrialContext context) throws Exception {
        T instance;
        try {
            instance = instances.call();
        } catch (InvocationTargetException e) {
            // the constructor threw: report its exception, not the reflective wrapper
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        injector.apply(instance, configuration);
        injector.applyBudget(instance, context.budget());
        return instance;
    }
}
