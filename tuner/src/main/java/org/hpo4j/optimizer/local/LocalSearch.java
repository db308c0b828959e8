package org.hpo4j.optimizer.local;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.MersenneTwister;
import org.apache.commons.math3.random.RandomGenerator;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * First-improvement local search with random restarts, at the maximum budget.
 *
 * <p>It starts from the space's defaults. The neighbourhood of the current configuration changes
 * one active hyperparameter at a time: a numeric one by a gaussian step in the unit encoding (see
 * {@link LocalSearchSettings}), a categorical one to each of its other choices; parameters that a
 * change activates get a random value. Neighbours are tried in a seeded random order, and the first
 * one that is better becomes the current configuration, with a new neighbourhood. When a whole
 * neighbourhood brings no improvement, the search restarts from a random configuration.
 *
 * <p>With several jobs outstanding, neighbours are handed out before the earlier ones are back;
 * any result better than the current configuration's value (also one from an older neighbourhood)
 * moves the search there. When the neighbourhood is all handed out but not all back, extra random
 * neighbours keep the workers busy. Failures rank behind every value, so they are never moves.
 * Configurations already evaluated are not proposed again while new ones can be found.
 */
public final class LocalSearch implements Optimizer {
    private static final int MAX_TRIES = 50;

    private final SearchSpace space;
    private final double budget;
    private final LocalSearchSettings local;
    private final RandomGenerator random;
    private final Set<Configuration> seen = new HashSet<>();
    private final Map<Integer, Pending> outstanding = new HashMap<>();
    private int nextId;

    /** Counts centres: a result belongs to the neighbourhood of the centre it was proposed from. */
    private int epoch;
    private double[] centre;
    private Configuration centreConfig;
    /** The centre's value; NaN while the centre (a start point) is still being evaluated. */
    private double centreValue;
    private boolean centreHandedOut;
    private final Deque<double[]> planned = new ArrayDeque<>();
    /** Planned neighbours of this epoch not yet told. */
    private int plannedOpen;
    /** Best neighbour result of this epoch that came back while the centre's value was unknown. */
    private Pending bestWhileCentrePending;

    private record Pending(int epoch, boolean start, boolean planned, double[] point, double value) {
        Pending withValue(double v) {
            return new Pending(epoch, start, planned, point, v);
        }
    }

    /** Local search with {@link LocalSearchSettings#defaults()}. */
    public LocalSearch(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, LocalSearchSettings.defaults());
    }

    /** Local search over {@code space}, starting from its defaults. */
    public LocalSearch(SearchSpace space, Fidelity fidelity, long seed, LocalSearchSettings local) {
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.local = local;
        this.random = new MersenneTwister(seed);
        startAt(space.defaults());
    }

    private void startAt(Configuration start) {
        epoch++;
        centreConfig = start;
        centre = space.encode(start);
        centreValue = Double.NaN;
        centreHandedOut = false;
        bestWhileCentrePending = null;
        planNeighbourhood();
    }

    private void moveTo(double[] point, double value) {
        epoch++;
        centre = point;
        centreConfig = space.decode(point);
        centreValue = value;
        centreHandedOut = true;
        bestWhileCentrePending = null;
        planNeighbourhood();
    }

    private void planNeighbourhood() {
        planned.clear();
        List<Parameter> ps = space.parameters();
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            if (!Double.isNaN(centre[i])) {
                active.add(i);
            }
        }
        shuffle(active);
        for (int i : active) {
            Parameter p = ps.get(i);
            if (p instanceof CategoricalParameter c) {
                int current = c.indexOf(centreConfig.get(p.name()));
                for (int k = 0; k < c.size(); k++) {
                    if (k != current) {
                        double[] x = centre.clone();
                        x[i] = (k + 0.5) / c.size();
                        planned.add(x);
                    }
                }
            } else {
                for (int s = 0; s < local.stepsPerNumeric(); s++) {
                    double[] x = numericStep(i, s % 2 == 0 ? -1 : 1);
                    if (x != null) {
                        planned.add(x);
                    }
                }
            }
        }
        plannedOpen = planned.size();
    }

    /** A step of parameter {@code i} in direction {@code sign}, or null if none changes the value. */
    private double[] numericStep(int i, int sign) {
        Parameter p = space.parameters().get(i);
        Object current = p.fromUnit(centre[i]);
        double sigma = local.stepSize();
        for (int t = 0; t < 8; t++) {
            double u = centre[i] + sign * Math.abs(random.nextGaussian()) * sigma;
            u = Math.min(1, Math.max(0, u));
            if (!p.fromUnit(u).equals(current)) {
                double[] x = centre.clone();
                x[i] = u;
                return x;
            }
            // integers and quantized floats may need a larger step to change at all
            sigma *= 2;
        }
        return null;
    }

    private void shuffle(List<Integer> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    @Override
    public Ask ask() {
        double[] point = null;
        boolean start = false;
        boolean fromPlan = false;
        if (!centreHandedOut) {
            centreHandedOut = true;
            point = centre;
            start = true;
        }
        while (point == null && !planned.isEmpty()) {
            double[] x = complete(planned.poll());
            if (seen.contains(space.decode(x))) {
                plannedOpen--;
                continue;
            }
            point = x;
            fromPlan = true;
        }
        if (point == null && plannedOpen == 0 && (!Double.isNaN(centreValue) || outstandingOfEpoch() == 0)) {
            // the neighbourhood is exhausted (everything in it seen or told): restart
            restart();
            centreHandedOut = true;
            point = centre;
            start = true;
        }
        if (point == null) {
            point = extraNeighbour();
        }
        Configuration config = space.decode(point);
        double[] encoded = space.encode(config);
        seen.add(config);
        int id = nextId++;
        outstanding.put(id, new Pending(epoch, start, fromPlan, encoded, Double.NaN));
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), config, budget, 0, 0));
    }

    private long outstandingOfEpoch() {
        return outstanding.values().stream().filter(p -> p.epoch == epoch).count();
    }

    private void restart() {
        Configuration c = space.sample(random::nextDouble);
        for (int t = 0; t < MAX_TRIES && seen.contains(c); t++) {
            c = space.sample(random::nextDouble);
        }
        startAt(c);
    }

    /** Fills coordinates a change has just activated with random values. */
    private double[] complete(double[] x) {
        double[] filled = x.clone();
        for (int i = 0; i < filled.length; i++) {
            if (Double.isNaN(filled[i])) {
                filled[i] = random.nextDouble();
            }
        }
        return space.encode(space.decode(filled));
    }

    /** A random neighbour of the centre that has not been seen, if one is found. */
    private double[] extraNeighbour() {
        List<Parameter> ps = space.parameters();
        double[] candidate;
        for (int t = 0; t < MAX_TRIES && ps.size() > 0; t++) {
            int i;
            do {
                i = random.nextInt(ps.size());
            } while (Double.isNaN(centre[i]));
            double[] x;
            if (ps.get(i) instanceof CategoricalParameter c) {
                x = centre.clone();
                int current = c.indexOf(centreConfig.get(c.name()));
                int k = (current + 1 + random.nextInt(c.size() - 1)) % c.size();
                x[i] = (k + 0.5) / c.size();
            } else {
                x = numericStep(i, random.nextBoolean() ? 1 : -1);
                if (x == null) {
                    continue;
                }
            }
            candidate = complete(x);
            if (!seen.contains(space.decode(candidate))) {
                return candidate;
            }
        }
        // a small, fully explored neighbourhood: anything random will do
        return space.encode(space.sample(random::nextDouble));
    }

    @Override
    public void tell(Job job, Result result) {
        Pending p = outstanding.remove(job.id());
        if (p == null) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out or was already told");
        }
        Pending told = p.withValue(result.rankValue());
        if (told.epoch == epoch) {
            if (told.start) {
                centreValue = told.value;
                if (bestWhileCentrePending != null && bestWhileCentrePending.value < centreValue) {
                    moveTo(bestWhileCentrePending.point, bestWhileCentrePending.value);
                    return;
                }
            } else {
                if (told.planned) {
                    plannedOpen--;
                }
                if (Double.isNaN(centreValue)) {
                    if (told.value < Double.POSITIVE_INFINITY
                            && (bestWhileCentrePending == null || told.value < bestWhileCentrePending.value)) {
                        bestWhileCentrePending = told;
                    }
                } else if (told.value < centreValue) {
                    moveTo(told.point, told.value);
                    return;
                }
            }
            if (plannedOpen == 0 && planned.isEmpty() && !Double.isNaN(centreValue)) {
                restart();
            }
        } else if (!Double.isNaN(centreValue) && told.value < centreValue) {
            // a late neighbour of an earlier centre that beats the current one
            moveTo(told.point, told.value);
        }
    }
}
