package org.hpo4j.space;

import java.util.ArrayList;
import java.util.List;

/**
 * An integer parameter in {@code [lo, hi]}, optionally on the grid {@code lo, lo + step, ..., hi}.
 * Values are {@code Long}s.
 *
 * <p>The unit encoding gives every value equal mass: on a linear scale the cell of {@code k} is
 * {@code [k - 0.5, k + 0.5]} stretched over {@code [lo - 0.5, hi + 0.5]}; on a log scale the same
 * cells are taken in log space, so small integers get more mass, as they should. With a step the
 * cells are those of the grid's index {@code (k - lo) / step}, so every grid value gets equal mass
 * and {@link #fromUnit} never leaves the grid.
 *
 * <p>A log scale takes no step (as in Optuna): log spacing and an even grid contradict each other.
 *
 * @param name the key
 * @param lo lower bound, inclusive
 * @param hi upper bound, inclusive, greater than {@code lo}, {@code lo} plus a multiple of {@code step}
 * @param log whether the prior is uniform in log space (needs {@code lo > 0} and {@code step == 1})
 * @param step distance between neighbouring values, at least 1
 * @param defaultValue the default, on the grid; null takes the (geometric) middle
 * @param conditions conditions for the parameter to be active
 */
public record IntParameter(String name, long lo, long hi, boolean log, long step, Long defaultValue,
                           List<Condition> conditions) implements Parameter {

    public IntParameter {
        Names.check(name);
        if (lo >= hi) {
            throw new IllegalArgumentException("parameter '" + name + "': lo (" + lo + ") must be less than hi (" + hi + ")");
        }
        if (log && lo <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': a log scale needs lo > 0, got lo = " + lo);
        }
        if (step < 1) {
            throw new IllegalArgumentException("parameter '" + name + "': step must be at least 1, got " + step);
        }
        if (step > 1) {
            checkGrid(name, lo, hi, log, step);
        }
        if (defaultValue == null) {
            defaultValue = log ? Math.round(Math.sqrt((double) lo * hi)) : lo + (hi - lo) / step / 2 * step;
        }
        if (defaultValue < lo || defaultValue > hi) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue
                    + " is outside [" + lo + ", " + hi + "]");
        }
        if ((defaultValue - lo) % step != 0) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue
                    + " is not on the grid " + grid(lo, hi, step) + " (lo + k * step)");
        }
        conditions = List.copyOf(conditions);
    }

    /** The same parameter without a step, as it was before steps existed. */
    public IntParameter(String name, long lo, long hi, boolean log, Long defaultValue, List<Condition> conditions) {
        this(name, lo, hi, log, 1, defaultValue, conditions);
    }

    private static void checkGrid(String name, long lo, long hi, boolean log, long step) {
        String where = "parameter '" + name + "' (lo " + lo + ", hi " + hi + ", step " + step + "): ";
        if (log) {
            throw new IllegalArgumentException(where + "a log scale takes no step; use a linear scale with the step, "
                    + "or a log scale with step 1");
        }
        long width;
        try {
            width = Math.subtractExact(hi, lo);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(where + "hi - lo does not fit a long; narrow the range", e);
        }
        if (width % step != 0) {
            long below = hi - width % step;
            throw new IllegalArgumentException(where + "hi - lo (" + width + ") is not a multiple of the step; "
                    + "values are lo + k * step, so make hi " + below + " or " + (below + step));
        }
    }

    /** The grid in words: {@code 16, 32, ..., 256}. */
    private static String grid(long lo, long hi, long step) {
        return lo + ", " + (lo + step) + (lo + 2 * step < hi ? ", ..., " : ", ") + hi;
    }

    /** An integer parameter, uniform over {@code lo..hi}, with the middle as default. */
    public static IntParameter uniform(String name, long lo, long hi) {
        return new IntParameter(name, lo, hi, false, 1, null, List.of());
    }

    /**
     * An integer parameter, uniform over {@code lo, lo + step, ..., hi}, with the grid value nearest
     * the middle (rounding down) as default.
     *
     * @throws IllegalArgumentException naming the parameter, lo, hi and step when the step is below 1
     *     or {@code hi - lo} is not a multiple of it
     */
    public static IntParameter uniform(String name, long lo, long hi, long step) {
        return new IntParameter(name, lo, hi, false, step, null, List.of());
    }

    /** An integer parameter, uniform in log space, with the geometric middle as default. */
    public static IntParameter logUniform(String name, long lo, long hi) {
        return new IntParameter(name, lo, hi, true, 1, null, List.of());
    }

    /** The same parameter with another default, which must be on the grid. */
    public IntParameter withDefault(long value) {
        return new IntParameter(name, lo, hi, log, step, value, conditions);
    }

    @Override
    public IntParameter when(Condition condition) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(condition);
        return new IntParameter(name, lo, hi, log, step, defaultValue, all);
    }

    /** The number of values on the grid. */
    private double levels() {
        return (double) ((hi - lo) / step) + 1;
    }

    private double scaled(double x) {
        return log ? Math.log(x) : x;
    }

    // a log scale needs lo >= 1, so lo - 0.5 stays positive
    private double lowEdge() {
        return scaled(lo - 0.5);
    }

    private double highEdge() {
        return scaled(hi + 0.5);
    }

    @Override
    public double toUnit(Object value) {
        long k = ((Number) value).longValue();
        if (step > 1) {
            // centre of the cell of k's grid index
            double index = Math.round((double) (k - lo) / step);
            return Math.min(1, Math.max(0, (index + 0.5) / levels()));
        }
        // centre of k's cell, in the scale's own coordinates
        double centre = (scaled(k - 0.5) + scaled(k + 0.5)) / 2;
        double u = (centre - lowEdge()) / (highEdge() - lowEdge());
        return Math.min(1, Math.max(0, u));
    }

    @Override
    public Long fromUnit(double unit) {
        double u = Math.min(1, Math.max(0, unit));
        if (step > 1) {
            double levels = levels();
            long index = (long) Math.min(levels - 1, Math.floor(u * levels));
            return lo + index * step;
        }
        double x = lowEdge() + u * (highEdge() - lowEdge());
        double v = log ? Math.exp(x) : x;
        long k = Math.round(v);
        return Math.min(hi, Math.max(lo, k));
    }

    /** Whether {@code value} is one of {@code lo, lo + step, ..., hi}. */
    private boolean onGrid(long value) {
        return value >= lo && value <= hi && (step == 1 || (value - lo) % step == 0);
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Long l && onGrid(l);
    }

    @Override
    public Long coerce(Object value) {
        long v;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            v = ((Number) value).longValue();
        } else if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            v = (long) n.doubleValue();
        } else if (value instanceof String s) {
            try {
                v = Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + s + "' is not an integer; expected an integer in " + describeDomain());
            }
        } else {
            throw new IllegalArgumentException("parameter '" + name + "': " + value + " is not an integer; expected an integer in " + describeDomain());
        }
        if (v < lo || v > hi) {
            throw new IllegalArgumentException("parameter '" + name + "': " + value + " is outside " + describeDomain());
        }
        if (!onGrid(v)) {
            // off the grid is as wrong as out of range: the optimizers never propose it
            long below = v - (v - lo) % step;
            throw new IllegalArgumentException("parameter '" + name + "': " + value + " is not on the grid "
                    + grid(lo, hi, step) + " of " + describeDomain() + "; the nearest values are " + below
                    + " and " + (below + step));
        }
        return v;
    }

    @Override
    public String describeDomain() {
        // without a step the text stays what it was, so stored studies of such spaces still match
        return "integers [" + lo + ", " + hi + "]" + (step > 1 ? " step " + step : "") + (log ? " (log)" : "");
    }
}
