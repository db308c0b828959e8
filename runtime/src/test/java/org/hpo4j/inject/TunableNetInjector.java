package org.hpo4j.inject;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Condition;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** Written by hand in the shape the annotation processor generates, so tests need not wait for it. */
public final class TunableNetInjector implements Injector<TunableNet> {
    public static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.logUniform("learningRate", 1e-4, 1).withDefault(0.01))
            .add(IntParameter.logUniform("hidden", 16, 512).withDefault(64))
            .add(CategoricalParameter.of("optimizer", java.util.List.of("sgd", "momentum", "adam")).withDefault("adam"))
            .add(FloatParameter.uniform("momentum", 0.5, 0.99).withDefault(0.9).when(Condition.equalTo("optimizer", "momentum")))
            .budget("epochs", 1, 27, true)
            .build();

    @Override
    public Class<TunableNet> type() {
        return TunableNet.class;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public void apply(TunableNet target, Configuration c) {
        if (c.isActive("learningRate")) {
            target.learningRate = c.getDouble("learningRate");
        }
        if (c.isActive("hidden")) {
            target.hidden = c.getInt("hidden");
        }
        if (c.isActive("optimizer")) {
            target.optimizer = c.getString("optimizer");
        }
        if (c.isActive("momentum")) {
            target.momentum = c.getDouble("momentum");
        }
    }

    @Override
    public Configuration read(TunableNet source) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("learningRate", source.learningRate);
        values.put("hidden", (long) source.hidden);
        values.put("optimizer", source.optimizer);
        if ("momentum".equals(source.optimizer)) {
            values.put("momentum", source.momentum);
        }
        return SPACE.configuration(values);
    }

    @Override
    public void applyBudget(TunableNet target, double budget) {
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
    public double evaluate(TunableNet target, TrialContext context) {
        return target.validationError();
    }

    @Override
    public String studyName() {
        return "TunableNet";
    }
}
