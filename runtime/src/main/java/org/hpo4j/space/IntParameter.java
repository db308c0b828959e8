package org.hpo4j.space;

import java.util.ArrayList;
import java.util.List;

/**
 * An integer parameter in {@code [lo, hi]}. Values are {@code Long}s.
 *
 * <p>The unit encoding gives every integer equal mass: on a linear scale the cell of {@code k} is
 * {@code [k - 0.5, k + 0.5]} stretched over {@code [lo - 0.5, hi + 0.5]}; on a log scale the same
 * cells are taken in log space, so small integers get more mass, as they should.
 *
 * @param name the key
 * @param lo lower bound, inclusive
 * @param hi upper bound, inclusive, greater than {@code lo}
 * @param log whether the prior is uniform in log space (needs {@code lo > 0})
 * @param defaultValue the default, within the bounds
 * @param conditions conditions for the parameter to be active
 */
public record IntParameter(String name, long lo, long hi, boolean log, Long defaultValue,
                           List<Condition> conditions) implements Parameter {

    public IntParameter {
        Names.check(name);
        if (lo >= hi) {
            throw new IllegalArgumentException("parameter '" + name + "': lo (" + lo + ") must be less than hi (" + hi + ")");
        }
        if (log && lo <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': a log scale needs lo > 0, got lo = " + lo);
        }
        if (defaultValue == null) {
            defaultValue = log ? Math.round(Math.sqrt((double) lo * hi)) : lo + (hi - lo) / 2;
        }
        if (defaultValue < lo || defaultValue > hi) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue
                    + " is outside [" + lo + ", " + hi + "]");
        }
        conditions = List.copyOf(conditions);
    }

    /** An integer parameter, uniform over {@code lo..hi}, with the middle as default. */
    public static IntParameter uniform(String name, long lo, long hi) {
        return new IntParameter(name, lo, hi, false, null, List.of());
    }

    /** An integer parameter, uniform in log space, with the geometric middle as default. */
    public static IntParameter logUniform(String name, long lo, long hi) {
        return new IntParameter(name, lo, hi, true, null, List.of());
    }

    /** The same parameter with another default. */
    public IntParameter withDefault(long value) {
        return new IntParameter(name, lo, hi, log, value, conditions);
    }

    @Override
    public IntParameter when(Condition condition) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(condition);
        return new IntParameter(name, lo, hi, log, defaultValue, all);
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
        // centre of k's cell, in the scale's own coordinates
        double centre = (scaled(k - 0.5) + scaled(k + 0.5)) / 2;
        double u = (centre - lowEdge()) / (highEdge() - lowEdge());
        return Math.min(1, Math.max(0, u));
    }

    @Override
    public Long fromUnit(double unit) {
        double u = Math.min(1, Math.max(0, unit));
        double x = lowEdge() + u * (highEdge() - lowEdge());
        double v = log ? Math.exp(x) : x;
        long k = Math.round(v);
        return Math.min(hi, Math.max(lo, k));
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Long l && l >= lo && l <= hi;
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
        return v;
    }

    @Override
    public String describeDomain() {
        return "integers [" + lo + ", " + hi + "]" + (log ? " (log)" : "");
    }
}
