package org.hpo4j.tune;

import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** Hand-written in the shape the processor generates, for an @Objective method taking a TrialContext. */
public final class EpochsInjector implements Injector<Epochs> {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", -5, 5).withDefault(0))
            .budget("epochs", 1, 9, true).build();

    @Override
    public Class<Epochs> type() {
        return Epochs.class;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public void apply(Epochs target, Configuration c) {
        target.x = c.getDouble("x");
    }

    @Override
    public Configuration read(Epochs source) {
        return SPACE.configuration(Map.of("x", source.x));
    }

    @Override
    public void applyBudget(Epochs target, double budget) {
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
    public double evaluate(Epochs target, TrialContext context) throws Exception {
        return target.train(context);
    }

    @Override
    public String studyName() {
        return "Epochs";
    }
}
