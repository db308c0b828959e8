package org.hpo4j.execute;

import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.SearchSpace;
import org.hpo4j.trial.TrialContext;

/** Objectives for {@link ExecutorBenchmark}: one that costs nothing, one that sleeps 50 ms. */
public final class BenchmarkObjectives {
    static final SearchSpace SPACE = SearchSpace.builder().add(FloatParameter.uniform("x", 0, 1)).build();

    private BenchmarkObjectives() {
    }

    /** Returns x: what is measured is everything around the call. */
    public static final class Trivial implements WorkerObjective {
        @Override
        public SearchSpace space() {
            return SPACE;
        }

        @Override
        public double evaluate(Configuration c, TrialContext context) {
            return c.getDouble("x");
        }
    }

    /** Sleeps 50 ms, like an objective that waits on I/O or a GPU. */
    public static final class Sleep50 implements WorkerObjective {
        @Override
        public SearchSpace space() {
            return SPACE;
        }

        @Override
        public double evaluate(Configuration c, TrialContext context) throws InterruptedException {
            Thread.sleep(50);
            return c.getDouble("x");
        }
    }
}
