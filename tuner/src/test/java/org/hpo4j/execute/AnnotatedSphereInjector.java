package org.hpo4j.execute;

import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** What the processor would generate for {@link AnnotatedSphere}. */
public final class AnnotatedSphereInjector implements Injector<AnnotatedSphere> {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", -5, 5))
            .budget("epochs", 1, 9, true).build();

    @Override
    public Class<AnnotatedSphere> type() {
        return AnnotatedSphere.class;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public void apply(AnnotatedSphere target, Configuration configuration) {
        target.x = configuration.getDouble("x");
    }

    @Override
    public Configuration read(AnnotatedSphere source) {
        return SPACE.configuration(java.util.Map.of("x", source.x));
    }

    @Override
    public void applyBudget(AnnotatedSphere target, double budget) {
        target.epochs = (int) Math.round(budget);
    }

    @Override
    public boolean hasObjective() {
        return true;
    }

    @Override
    public Direction direction() {
        return Direction.MINIMIZE;
    }

    @Override
    public double evaluate(AnnotatedSphere target, TrialContext context) {
        return target.loss();
    }

    @Override
    public String studyName() {
        return "AnnotatedSphere";
    }
}
