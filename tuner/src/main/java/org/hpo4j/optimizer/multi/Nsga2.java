package org.hpo4j.optimizer.multi;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.OutstandingJobs;
import org.hpo4j.optimizer.Pareto;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.SearchSpace;

/**
 * NSGA-II (Deb et al. 2002) at the maximum budget, with Deb's constraint handling: generations of
 * {@link #POPULATION} configurations; the first from the prior, each later one bred from the
 * parents by binary tournaments (rank, then crowding distance) and {@link UnitVariation}; parents
 * are the best {@link #POPULATION} of the previous parents and their children by non-dominated
 * rank and crowding ({@link Pareto#order}). Infeasible results rank behind every feasible one by
 * their violation, failures last.
 *
 * <p>A generation is bred when every job of the previous one has come back; until then
 * {@link #ask()} hands out the rest of the current generation and then waits. With
 * {@code maxGenerations = m} it is finished after {@code m} generations. Job ids count 0, 1, ...;
 * a configuration's id is {@code (generation, 0, index)}.
 */
public final class Nsga2 implements Optimizer {
    /** Configurations per generation. */
    public static final int POPULATION = 20;

    private final SearchSpace space;
    private final double budget;
    private final RandomGenerator random;
    private final UnitVariation variation;
    private final int maxGenerations;
    private final OutstandingJobs<Integer> outstanding = new OutstandingJobs<>();

    private List<Member> parents = new ArrayList<>();
    private List<Configuration> generation = new ArrayList<>();
    private final List<Member> evaluated = new ArrayList<>();
    private int generationNumber;
    private int handedOut;
    private int nextId;

    /** NSGA-II over {@code space} at {@code fidelity.maxBudget()}, without a bound on generations. */
    public Nsga2(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, 0);
    }

    /**
     * NSGA-II over {@code space} at {@code fidelity.maxBudget()}, finished after
     * {@code maxGenerations} generations (0: never).
     */
    public Nsga2(SearchSpace space, Fidelity fidelity, long seed, int maxGenerations) {
        if (maxGenerations < 0) {
            throw new IllegalArgumentException("maxGenerations must be >= 0, got " + maxGenerations);
        }
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.random = new MersenneTwister(seed);
        this.variation = new UnitVariation(space, random);
        this.maxGenerations = maxGenerations;
        for (int i = 0; i < POPULATION; i++) {
            generation.add(space.sample(random::nextDouble));
        }
    }

    @Override
    public Ask ask() {
        if (handedOut == generation.size()) {
            if (!outstanding.isEmpty()) {
                return Ask.WAIT;
            }
            if (isFinished()) {
                return Ask.FINISHED;
            }
            breed();
        }
        int index = handedOut++;
        int id = nextId++;
        outstanding.put(id, index);
        return Ask.run(new Job(id, new Job.ConfigId(generationNumber, 0, index), generation.get(index), budget, 0, 0));
    }

    @Override
    public void tell(Job job, Result result) {
        outstanding.told(job);
        evaluated.add(new Member(job.configuration(), Pareto.Point.of(result)));
    }

    @Override
    public boolean isFinished() {
        return maxGenerations > 0 && generationNumber + 1 >= maxGenerations && handedOut == generation.size()
                && outstanding.isEmpty();
    }

    @Override
    public boolean handlesSeveralObjectives() {
        return true;
    }

    private void breed() {
        List<Member> pool = new ArrayList<>(parents);
        pool.addAll(evaluated);
        evaluated.clear();
        List<Integer> order = Pareto.order(pool.stream().map(Member::point).toList());
        List<Member> survivors = new ArrayList<>();
        for (int r = 0; r < Math.min(POPULATION, order.size()); r++) {
            survivors.add(pool.get(order.get(r)));
        }
        parents = survivors;
        generation = new ArrayList<>();
        for (int i = 0; i < POPULATION; i++) {
            generation.add(variation.child(tournament().configuration(), tournament().configuration()));
        }
        generationNumber++;
        handedOut = 0;
    }

    /** The better of two parents drawn at random; survivors are in order, so the smaller index wins. */
    private Member tournament() {
        int a = random.nextInt(parents.size());
        int b = random.nextInt(parents.size());
        return parents.get(Math.min(a, b));
    }

    private record Member(Configuration configuration, Pareto.Point point) {
    }
}
