package org.hpo4j.optimizer.grid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.random.MersenneTwister;
import org.hpo4j.optimizer.Job;
import org.hpo4j.optimizer.Optimizer;
import org.hpo4j.optimizer.Ask;
import org.hpo4j.optimizer.Fidelity;
import org.hpo4j.optimizer.Result;
import org.hpo4j.space.CategoricalParameter;
import org.hpo4j.space.Configuration;
import org.hpo4j.space.FloatParameter;
import org.hpo4j.space.IntParameter;
import org.hpo4j.space.Parameter;
import org.hpo4j.space.SearchSpace;

/**
 * Grid search: every combination of a few values per numeric parameter (see {@link GridSettings})
 * and every choice of each categorical parameter, each once, at the maximum budget.
 *
 * <p>Conditions are respected: a parameter that is inactive under its parents' values does not
 * multiply the grid, so no configuration is handed out twice. The order is a shuffle fixed by the
 * seed (default) or the natural odometer order, in which the last parameter varies fastest. The
 * optimizer is finished once the whole grid has been handed out.
 */
public final class GridSearch implements Optimizer {
    private final SearchSpace space;
    private final double budget;
    /** Per parameter, its grid values. */
    private final List<List<Object>> values;
    private final Odometer odometer;
    /** Visits the full product of value indices in a seeded order, or null in natural order. */
    private final ShuffledProduct shuffled;
    /** The next grid point, drawn ahead so that {@link #isFinished()} knows whether there is one. */
    private int[] upcoming;
    private boolean upcomingDrawn;
    private final Set<Integer> outstanding = new HashSet<>();
    private int nextId;

    /** A grid with {@link GridSettings#defaults()}. */
    public GridSearch(SearchSpace space, Fidelity fidelity, long seed) {
        this(space, fidelity, seed, GridSettings.defaults());
    }

    /**
     * A grid over {@code space}.
     *
     * @throws IllegalArgumentException if the grid is to be shuffled and its full product (before
     *     conditions remove duplicates) exceeds 2^62 points
     */
    public GridSearch(SearchSpace space, Fidelity fidelity, long seed, GridSettings grid) {
        this.space = space;
        this.budget = fidelity.maxBudget();
        this.values = new ArrayList<>();
        for (Parameter p : space.parameters()) {
            values.add(gridValues(p, grid.pointsPerNumeric()));
        }
        this.odometer = new Odometer();
        this.shuffled = grid.shuffle() ? new ShuffledProduct(seed) : null;
    }

    /** The values the grid takes for one parameter, in increasing order (choices in their order). */
    static List<Object> gridValues(Parameter p, int points) {
        Set<Object> out = new LinkedHashSet<>();
        if (p instanceof CategoricalParameter c) {
            out.addAll(c.choices());
        } else if (p instanceof IntParameter ip && ip.step() > 1) {
            // evenly spaced grid indices, so every value stays on the parameter's own grid
            long last = (ip.hi() - ip.lo()) / ip.step();
            for (int i = 0; i < points && i <= last; i++) {
                long index = last + 1 <= points ? i : Math.round((double) i / (points - 1) * last);
                out.add(ip.lo() + index * ip.step());
            }
        } else if (p instanceof IntParameter ip) {
            if (ip.hi() - ip.lo() + 1 <= points) {
                for (long k = ip.lo(); k <= ip.hi(); k++) {
                    out.add(k);
                }
            } else {
                for (int i = 0; i < points; i++) {
                    double t = (double) i / (points - 1);
                    double v = ip.log()
                            ? Math.exp(Math.log(ip.lo()) + t * (Math.log(ip.hi()) - Math.log(ip.lo())))
                            : ip.lo() + t * (ip.hi() - ip.lo());
                    out.add(Math.min(ip.hi(), Math.max(ip.lo(), Math.round(v))));
                }
            }
        } else {
            FloatParameter f = (FloatParameter) p;
            for (int i = 0; i < points; i++) {
                // the unit encoding is already on the parameter's scale (log for log parameters)
                out.add(f.fromUnit((double) i / (points - 1)));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public Ask ask() {
        int[] index = next();
        if (index == null) {
            return Ask.FINISHED;
        }
        Map<String, Object> config = new LinkedHashMap<>();
        List<Parameter> ps = space.parameters();
        for (int i = 0; i < index.length; i++) {
            if (index[i] >= 0) {
                config.put(ps.get(i).name(), values.get(i).get(index[i]));
            }
        }
        Configuration configuration = space.configuration(config);
        int id = nextId++;
        outstanding.add(id);
        return Ask.run(new Job(id, new Job.ConfigId(id, 0, 0), configuration, budget, 0, 0));
    }

    private int[] next() {
        int[] index = peek();
        upcomingDrawn = false;
        upcoming = null;
        return index;
    }

    /** The grid point {@link #next()} returns, drawn once; null when the grid is exhausted. */
    private int[] peek() {
        if (!upcomingDrawn) {
            upcoming = draw();
            upcomingDrawn = true;
        }
        return upcoming;
    }

    private int[] draw() {
        if (shuffled != null) {
            return shuffled.next();
        }
        if (odometer.done) {
            return null;
        }
        int[] current = odometer.index.clone();
        odometer.advance();
        return current;
    }

    @Override
    public void tell(Job job, Result result) {
        if (!outstanding.remove(job.id())) {
            throw new IllegalArgumentException("job " + job.id() + " was not handed out or was already told");
        }
    }

    @Override
    public boolean isFinished() {
        return peek() == null;
    }

    /**
     * Walks the full product of value indices (every parameter, active or not) in an order fixed by
     * the seed, without holding the grid in memory: a keyed Feistel permutation of {@code [0, 2^k)}
     * with cycle-walking onto {@code [0, size)}. A point where an inactive parameter has an index
     * other than 0 duplicates another point and is skipped, so each configuration comes once.
     */
    private final class ShuffledProduct {
        private static final int ROUNDS = 4;
        private final long size;
        private final int halfBits;
        private final long[] keys = new long[ROUNDS];
        private long position;

        ShuffledProduct(long seed) {
            long n = 1;
            for (List<Object> v : values) {
                if (n > (1L << 62) / v.size()) {
                    throw new IllegalArgumentException("the grid has more than 2^62 points; lower pointsPerNumeric"
                            + " or visit it in natural order (shuffle = false)");
                }
                n *= v.size();
            }
            size = n;
            int bits = 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1));
            halfBits = Math.max(1, (bits + 1) / 2);
            MersenneTwister random = new MersenneTwister(seed);
            for (int r = 0; r < ROUNDS; r++) {
                keys[r] = random.nextLong();
            }
        }

        boolean isDone() {
            return position >= size;
        }

        int[] next() {
            while (position < size) {
                int[] index = digits(permute(position++));
                if (index != null) {
                    return index;
                }
            }
            return null;
        }

        private long permute(long x) {
            long y = x;
            do {
                y = feistel(y);
            } while (y >= size);
            return y;
        }

        private long feistel(long x) {
            long mask = (1L << halfBits) - 1;
            long left = x >>> halfBits;
            long right = x & mask;
            for (long key : keys) {
                long mixed = mix(right ^ key) & mask;
                long t = right;
                right = left ^ mixed;
                left = t;
            }
            return (left << halfBits) | right;
        }

        private long mix(long z) {
            z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
            z = (z ^ (z >>> 33)) * 0xc4ceb93c185ec53bL;
            return z ^ (z >>> 33);
        }

        /** Mixed-radix digits of {@code code}, with -1 for inactive parameters; null for a duplicate. */
        private int[] digits(long code) {
            int[] index = new int[values.size()];
            long rest = code;
            for (int i = index.length - 1; i >= 0; i--) {
                int k = values.get(i).size();
                index[i] = (int) (rest % k);
                rest /= k;
            }
            Map<String, Object> assigned = new LinkedHashMap<>();
            List<Parameter> ps = space.parameters();
            for (int i = 0; i < index.length; i++) {
                Parameter p = ps.get(i);
                if (SearchSpace.isActive(p, assigned)) {
                    assigned.put(p.name(), values.get(i).get(index[i]));
                } else if (index[i] != 0) {
                    return null;
                } else {
                    index[i] = -1;
                }
            }
            return index;
        }
    }

    /**
     * Counts through the grid: one value index per parameter, -1 where the parameter is inactive.
     * Parents come before children, so advancing position {@code i} only changes the activity of
     * later positions.
     */
    private final class Odometer {
        final int[] index = new int[values.size()];
        boolean done;

        Odometer() {
            resetFrom(0);
        }

        void advance() {
            for (int i = index.length - 1; i >= 0; i--) {
                if (index[i] >= 0 && index[i] < values.get(i).size() - 1) {
                    index[i]++;
                    resetFrom(i + 1);
                    return;
                }
            }
            done = true;
        }

        private void resetFrom(int start) {
            Map<String, Object> assigned = new LinkedHashMap<>();
            List<Parameter> ps = space.parameters();
            for (int i = 0; i < index.length; i++) {
                Parameter p = ps.get(i);
                if (i >= start) {
                    index[i] = SearchSpace.isActive(p, assigned) ? 0 : -1;
                }
                if (index[i] >= 0) {
                    assigned.put(p.name(), values.get(i).get(index[i]));
                }
            }
        }

        @Override
        public String toString() {
            return Arrays.toString(index);
        }
    }
}
