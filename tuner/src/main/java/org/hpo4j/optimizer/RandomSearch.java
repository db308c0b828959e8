package org.hpo4j.optimizer;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.space.SearchSpace;

/**
 * Random search: every job is a fresh draw from the space's prior, at the maximum budget. Never
 * waits, never finishes; the study's stopping rule ends it. It ignores results, so it serves studies
 * of several objectives as well.
 */
public final class RandomSearch implements Optimizer {
    private final SearchSpace space;
    private final double budget;
    private final RandomGenerator random;
    private final Set<Integer> outstanding = new HashSet<>();
    private int nextId;

    /** Random search over {@code space} at {@code fidelity.maxBudget()}. */
    public RandomSearch(SearchSpace space, Fidelity fidelity, long seed) {
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.random = new MersenneTwister(seed);
    }

    @Override
    public Ask ask() {
        int id = nextId++;
        outstanding.add(id);
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), space.sample(random::nextDouble), budget, 0, 0));
    }

    @Override
    public boolean handlesSeveralObjectives() {
        return true;
    }

    @Override
    public void tell(Job job, Result result) {
        if (!outstanding.remove(job.id())) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out or was already told");
        }
    }
}
