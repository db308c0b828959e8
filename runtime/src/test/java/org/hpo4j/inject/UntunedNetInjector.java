package org.hpo4j.inject;

import org.hpo4j.annotations.Direction;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** The injector of {@link UntunedNet}, delegating to the hand-written one of its superclass. */
public final class UntunedNetInjector implements Injector<UntunedNet> {
    private final TunableNetInjector delegate = new TunableNetInjector();

    @Override
    public Class<UntunedNet> type() {
        return UntunedNet.class;
    }

    @Override
    public SearchSpace space() {
        return delegate.space();
    }

    @Override
    public void apply(UntunedNet target, Configuration configuration) {
        delegate.apply(target, configuration);
    }

    @Override
    public Configuration read(UntunedNet source) {
        return delegate.read(source);
    }

    @Override
    public void applyBudget(UntunedNet target, double budget) {
        delegate.applyBudget(target, budget);
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
    public double evaluate(UntunedNet target, TrialContext context) {
        return delegate.evaluate(target, context);
    }

    @Override
    public String studyName() {
        return "UntunedNet";
    }
}
