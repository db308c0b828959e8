package org.hpo4j.space;

import java.util.ArrayList;
import java.util.List;

/**
 * A real-valued parameter in {@code [lo, hi]}, uniform or log-uniform, optionally quantized to
 * {@code lo + k * step}.
 *
 * @param name the key
 * @param lo lower bound, inclusive
 * @param hi upper bound, inclusive, greater than {@code lo}
 * @param log whether the prior is uniform in log space (needs {@code lo > 0})
 * @param step quantization step, 0 for continuous
 * @param defaultValue the default, within the bounds
 * @param conditions conditions for the parameter to be active
 */
public record FloatParameter(String name, double lo, double hi, boolean log, double step,
                             Double defaultValue, List<Condition> conditions) implements Parameter {

    public FloatParameter {
        Names.check(name);
        if (!(lo < hi)) {
            throw new IllegalArgumentException("parameter '" + name + "': lo (" + lo + ") must be less than hi (" + hi + ")");
        }
        if (log && lo <= 0) {
            throw new IllegalArgumentException("parameter '" + name + "': a log scale needs lo > 0, got lo = " + lo);
        }
        if (!(step >= 0) || Double.isInfinite(step)) {
            throw new IllegalArgumentException("parameter '" + name + "': step must be >= 0, got " + step);
        }
        if (defaultValue == null) {
            defaultValue = log ? Math.sqrt(lo * hi) : (lo + hi) / 2;
        }
        if (!(defaultValue >= lo && defaultValue <= hi)) {
            throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue
                    + " is outside " + describe(lo, hi, log));
        }
        conditions = List.copyOf(conditions);
    }

    /** A uniform parameter with the midpoint as default. */
    public static FloatParameter uniform(String name, double lo, double hi) {
        return new FloatParameter(name, lo, hi, false, 0, null, List.of());
    }

    /** A log-uniform parameter with the geometric midpoint as default. */
    public static FloatParameter logUniform(String name, double lo, double hi) {
        return new FloatParameter(name, lo, hi, true, 0, null, List.of());
    }

    /** The same parameter with another default. */
    public FloatParameter withDefault(double value) {
        return new FloatParameter(name, lo, hi, log, step, value, conditions);
    }

    /** The same parameter quantized to {@code lo + k * step}. */
    public FloatParameter withStep(double newStep) {
        return new FloatParameter(name, lo, hi, log, newStep, defaultValue, conditions);
    }

    @Override
    public FloatParameter when(Condition condition) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(condition);
        return new FloatParameter(name, lo, hi, log, step, defaultValue, all);
    }

    @Override
    public double toUnit(Object value) {
        double v = ((Number) value).doubleValue();
        double u = log ? (Math.log(v) - Math.log(lo)) / (Math.log(hi) - Math.log(lo)) : (v - lo) / (hi - lo);
        return Math.min(1, Math.max(0, u));
    }

    @Override
    public Double fromUnit(double unit) {
        double u = Math.min(1, Math.max(0, unit));
        double v = log ? Math.exp(Math.log(lo) + u * (Math.log(hi) - Math.log(lo))) : lo + u * (hi - lo);
        if (step > 0) {
            v = lo + Math.round((v - lo) / step) * step;
        }
        // exp/log round trips can leave the bounds by an ulp
        return Math.min(hi, Math.max(lo, v));
    }

    @Override
    public boolean contains(Object value) {
        return value instanceof Double d && d >= lo && d <= hi;
    }

    @Override
    public Double coerce(Object value) {
        double v;
        if (value instanceof Number n) {
            v = n.doubleValue();
        } else if (value instanceof String s) {
            try {
                v = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("parameter '" + name + "': '" + s + "' is not a number; expected a value in " + describeDomain());
            }
        } else {
            throw new IllegalArgumentException("parameter '" + name + "': " + value + " is not a number; expected a value in " + describeDomain());
        }
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException("parameter '" + name + "': " + value + " is outside " + describeDomain());
        }
        return v;
    }

    @Override
    public String describeDomain() {
        return describe(lo, hi, log) + (step > 0 ? " step " + step : "");
    }

    private static String describe(double lo, double hi, boolean log) {
        return "[" + lo + ", " + hi + "]" + (log ? " (log)" : "");
    }
}
