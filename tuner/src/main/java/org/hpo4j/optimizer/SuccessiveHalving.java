package org.hpo4j.optimizer;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.space.SearchSpace;

/**
 * Successive halving (Jamieson and Talwalkar 2016; the most exploratory bracket of Hyperband):
 * {@code eta^s_max} random configurations at budget {@code max * eta^-s_max}, the best
 * {@code 1/eta} promoted each rung up to {@code maxBudget}, then a fresh bracket. Each bracket is one
 * iteration; {@link HyperbandSettings#maxIterations()} bounds their number.
 */
public final class SuccessiveHalving extends BracketedOptimizer {

    /** Successive halving over {@code space} with eta 3 and no bound on iterations. */
    public SuccessiveHalving(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, HyperbandSettings.defaults());
    }

    /** Successive halving over {@code space} with the schedule of Li et al. */
    public SuccessiveHalving(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        this(space, new MersenneTwister(seed), settings.maxIterations(), HyperbandSchedule.of(fidelity, settings));
    }

    private SuccessiveHalving(SearchSpace space, RandomGenerator random, int maxIterations, HyperbandSchedule schedule) {
        super(new BracketRunner(schedule, new BracketRunner.BracketSequence() {
            @Override
            public int bracket(int k) {
                return schedule.sMax();
            }

            @Override
            public int iteration(int k) {
                return k;
            }
        }, maxIterations, budget -> space.sample(random::nextDouble), (job, result) -> { }));
    }
}
