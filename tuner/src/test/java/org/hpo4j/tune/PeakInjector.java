package org.hpo4j.tune;

import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** Hand-written in the shape the processor generates. */
public final class PeakInjector implements Injector<Peak> {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", -5, 5).withDefault(-4)).build();

    @Override
    public Class<Peak> type() {
        return Peak.class;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public void apply(Peak target, Configuration c) {
        target.x = c.getDouble("x");
    }

    @Override
    public Configuration read(Peak source) {
        return SPACE.configuration(Map.of("x", source.x));
    }

    @Override
    public void applyBudget(Peak target, double budget) {
        // no budget field
    }

    @Override
    public boolean hasObjective() {
        return true;
    }

    @Override
    public Direction direction() {
        return Direction.MAXIMIZE;
    }

    @Override
    public double evaluate(Peak target, TrialContext context) {
        return target.height();
    }

    @Override
    public String studyName() {
        return "Peak";
    }
}
