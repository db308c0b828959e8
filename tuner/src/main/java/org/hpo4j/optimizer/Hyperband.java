package org.hpo4j.optimizer;

import java.util.Optional;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.space.SearchSpace;

/**
 * Hyperband (Li et al. 2018): successive-halving brackets {@code s_max, ..., 0} in turn, one
 * Hyperband iteration per cycle, with configurations drawn at random from the space's prior. See
 * {@link HyperbandSchedule} for the bracket sizes and budgets. {@link OptimizerSettings#maxIterations()}
 * bounds the number of iterations; the optimizer is then finished once all their results are in.
 */
public final class Hyperband implements Optimizer {
    private final BracketRunner runner;

    /** Hyperband over {@code space} with the schedule of Li et al. */
    public Hyperband(SearchSpace space, OptimizerSettings settings) {
        this(space, settings, HyperbandSchedule.of(settings));
    }

    /** Hyperband over {@code space} with a given schedule (e.g. HpBandSter's sizing). */
    public Hyperband(SearchSpace space, OptimizerSettings settings, HyperbandSchedule schedule) {
        RandomGenerator random = new MersenneTwister(settings.seed());
        this.runner = new BracketRunner(schedule, cycle(schedule),
                settings.maxIterations() * schedule.bracketsPerIteration(),
                budget -> space.sample(random::nextDouble), (job, result) -> { });
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

    /** The bracket schedule. */
    public HyperbandSchedule schedule() {
        return runner.schedule();
    }

    @Override
    public Optional<Job> ask() {
        return runner.ask();
    }

    @Override
    public void tell(Job job, Result result) {
        runner.tell(job, result);
    }

    @Override
    public boolean isFinished() {
        return runner.isFinished();
    }
}
