package org.hpo4j.tune;

import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** Hand-written in the shape the processor generates. */
public final class JvmProbeInjector implements Injector<JvmProbe> {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", -5, 5).withDefault(0)).build();

    @Override
    public Class<JvmProbe> type() {
        return JvmProbe.class;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public void apply(JvmProbe target, Configuration c) {
        target.x = c.getDouble("x");
    }

    @Override
    public Configuration read(JvmProbe source) {
        return SPACE.configuration(Map.of("x", source.x));
    }

    @Override
    public void applyBudget(JvmProbe target, double budget) {
        // no budget field
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
    public double evaluate(JvmProbe target, TrialContext context) {
        return target.value();
    }

    @Override
    public String studyName() {
        return "JvmProbe";
    }
}
