package org.hpo4j.tune;

import java.util.List;
import java.util.Map;
import org.hpo4j.annotations.Direction;
import org.hpo4j.inject.Injector;
import org.hpo4j.space.BudgetSpec;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.Constraint;
import org.hpo4j.trial.Criteria;
import org.hpo4j.trial.Goal;
import org.hpo4j.trial.Score;
import org.hpo4j.trial.TrialContext;

/** Hand-written in the shape the processor generates for a record objective. */
public class TradeoffInjector implements Injector<Tradeoff> {
    static final SearchSpace SPACE = SearchSpace.builder()
            .add(FloatParameter.uniform("x", 0, 1).withDefault(0.5))
            .add(FloatParameter.uniform("y", 0, 1).withDefault(0.5))
            .budget(new BudgetSpec("epochs", 1, 9, true))
            .build();

    /** The latency bound; a subclass makes it unreachable. */
    double latencyBound() {
        return 20;
    }

    @Override
    public Class<Tradeoff> type() {
        return Tradeoff.class;
    }

    @Override
    public SearchSpace space() {
        return SPACE;
    }

    @Override
    public void apply(Tradeoff target, Configuration c) {
        target.x = c.getDouble("x");
        target.y = c.getDouble("y");
    }

    @Override
    public Configuration read(Tradeoff source) {
        return SPACE.configuration(Map.of("x", source.x, "y", source.y));
    }

    @Override
    public void applyBudget(Tradeoff target, double budget) {
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
    public double evaluate(Tradeoff target, TrialContext context) {
        return score(target, context).first();
    }

    @Override
    public Criteria criteria() {
        return new Criteria(List.of(new Goal("error", Direction.MINIMIZE), new Goal("sizeMb", Direction.MINIMIZE)),
                List.of(new Constraint("latencyMs", Constraint.Kind.AT_MOST, latencyBound())));
    }

    @Override
    public Score score(Tradeoff target, TrialContext context) {
        Tradeoff.Score s = target.train(context);
        return new Score(List.of(s.error(), s.sizeMb()), List.of(s.latencyMs()));
    }

    @Override
    public String studyName() {
        return "Tradeoff";
    }
}
