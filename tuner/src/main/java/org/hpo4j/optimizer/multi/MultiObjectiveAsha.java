package org.hpo4j.optimizer.multi;

import java.util.List;
import java.util.function.Supplier;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.HyperbandSchedule;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.HyperbandSettings;
import org.hpo4j.optimizer.Result;
import org.hpo4j.optimizer.async.AsyncSuccessiveHalving;
import org.hpo4j.optimizer.async.ConfigurationSource;
import org.hpo4j.optimizer.async.RungOrder;
import org.hpo4j.optimizer.async.WeightedBrackets;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * Multi-objective asynchronous successive halving (MO-ASHA, Schmucker et al. 2021, "Multi-objective
 * Asynchronous Successive Halving"): the promotions of ASHA ({@link AsyncSuccessiveHalving}) with
 * the results of a rung ordered by non-dominated rank and then crowding distance
 * ({@link RungOrder#PARETO}) instead of by one value. Infeasible results rank behind every feasible
 * one by their violation, failures last and are never promoted.
 *
 * <p>MO-ASHA ({@link #asha}) runs the most aggressive bracket with configurations from the prior;
 * with a model ({@link ParEgo}) every bracket {@code s = sMax ... 0} runs, new configurations split
 * among them by {@link WeightedBrackets}, and a rung promotes at most {@code floor(n / eta)}
 * configurations in all (as asynchronous BOHB does, so that a model whose proposals keep improving
 * does not send most of the budget to the largest rung).
 */
public final class MultiObjectiveAsha {
    private MultiObjectiveAsha() {
    }

    /** MO-ASHA: the most aggressive bracket, configurations from the prior. */
    public static AsyncSuccessiveHalving asha(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        HyperbandSchedule schedule = HyperbandSchedule.of(fidelity, settings);
        RandomGenerator random = new MersenneTwister(seed);
        ConfigurationSource prior = new ConfigurationSource() {
            @Override
            public Configuration next(double budget) {
                return space.sample(random::nextDouble);
            }

            @Override
            public void observe(Job job, Result result) {
                // the prior does not learn
            }
        };
        return AsyncSuccessiveHalving.cyclic(schedule, List.of(schedule.sMax()), prior, settings.maxIterations(), false,
                RungOrder.PARETO);
    }

    /**
     * Every bracket of Hyperband, new configurations split among them by {@code shares}
     * ({@link WeightedBrackets}, the first {@code fullBudgetFirst} at the full budget), with
     * promotions capped (for model-based proposals).
     */
    static AsyncSuccessiveHalving weightedBrackets(HyperbandSchedule schedule, HyperbandSettings settings,
                                                   ConfigurationSource proposals, Supplier<double[]> shares,
                                                   int fullBudgetFirst) {
        return new AsyncSuccessiveHalving(schedule, AsyncSuccessiveHalving.allBrackets(schedule), proposals,
                new WeightedBrackets(schedule, shares, settings.maxIterations(), fullBudgetFirst), true, RungOrder.PARETO);
    }
}
