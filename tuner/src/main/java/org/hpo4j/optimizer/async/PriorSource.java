package org.hpo4j.optimizer.async;

import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/** New configurations drawn from the space's prior, as ASHA and Hyperband do. */
final class PriorSource implements ConfigurationSource {
    private final SearchSpace space;
    private final RandomGenerator random;

    PriorSource(SearchSpace space, RandomGenerator random) {
        this.space = space;
        this.random = random;
    }

    @Override
    public Configuration next(double budget) {
        return space.sample(random::nextDouble);
    }

    @Override
    public void observe(Job job, Result result) {
        // the prior does not learn
    }
}
