package org.hpo4j.optimizer;

import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.space.SearchSpace;

/**
 * Hyperband (Li et al. 2018): successive-halving brackets {@code s_max, ..., 0} in turn, one
 * Hyperband iteration per cycle, with configurations drawn at random from the space's prior. See
 * {@link HyperbandSchedule} for the bracket sizes and budgets. {@link HyperbandSettings#maxIterations()}
 * bounds the number of iterations; the optimizer is then finished once all their results are in.
 */
public final class Hyperband extends BracketedOptimizer {

    /** Hyperband over {@code space} with eta 3 and no bound on iterations. */
    public Hyperband(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, HyperbandSettings.defaults());
    }

    /** Hyperband over {@code space} with the schedule of Li et al. */
    public Hyperband(SearchSpace space, Fidelity fidelity, long seed, HyperbandSettings settings) {
        this(space, seed, settings.maxIterations(), HyperbandSchedule.of(fidelity, settings));
    }

    /**
     * Hyperband over {@code space} with a given schedule (e.g. HpBandSter's sizing), finished after
     * {@code maxIterations} iterations (0: never).
     */
    public Hyperband(SearchSpace space, long seed, int maxIterations, HyperbandSchedule schedule) {
        this(space, new MersenneTwister(seed), maxIterations, schedule);
    }

    private Hyperband(SearchSpace space, RandomGenerator random, int maxIterations, HyperbandSchedule schedule) {
        super(new BracketRunner(schedule, cycle(schedule), maxIterations * schedule.bracketsPerIteration(),
                budget -> space.sample(random::nextDouble), (job, result) -> { }));
    }

    /** Brackets {@code s_max, s_max - 1, ..., 0}, then again. */
    static BracketRunner.BracketSequence cycle(HyperbandSchedule schedule) {
        int n = schedule.bracketsPerIteration();
        return new BracketRunner.BracketSequence() {
            @Override
            public int bracket(int k) {
                return schedule.sMax() - k % n;
            }

            @Override
            public int iteration(int k) {
                return k / n;
            }
        };
    }
}
