package org.hpo4j.space;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * An immutable assignment of values to the <em>active</em> parameters of a search space, in the
 * space's order. Inactive parameters are absent. Build one with
 * {@link SearchSpace#configuration(Map)}, {@link SearchSpace#sample} or {@link SearchSpace#decode};
 * those check it against the space.
 */
public final class Configuration {
    private final Map<String, Object> values;

    Configuration(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Whether the parameter is active (present) in this configuration. */
    public boolean isActive(String name) {
        return values.containsKey(name);
    }

    /** Names of the active parameters, in the space's order. */
    public Set<String> names() {
        return values.keySet();
    }

    /** The values of the active parameters, in the space's order; unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /**
     * The value of an active parameter.
     *
     * @throws IllegalArgumentException when the parameter is inactive or unknown
     */
    public Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("parameter '" + name + "' is not active in " + this);
        }
        return v;
    }

    /** A numeric parameter's value as a {@code double}. */
    public double getDouble(String name) {
        return ((Number) get(name)).doubleValue();
    }

    /** An integer parameter's value. */
    public long getLong(String name) {
        return ((Number) get(name)).longValue();
    }

    /** An integer parameter's value; fails if it does not fit an {@code int}. */
    public int getInt(String name) {
        return Math.toIntExact(getLong(name));
    }

    /** A categorical parameter's value as text (an enum constant's name). */
    public String getString(String name) {
        Object v = get(name);
        return v instanceof Enum<?> e ? e.name() : String.valueOf(v);
    }

    /** A boolean categorical parameter's value. */
    public boolean getBoolean(String name) {
        return (Boolean) get(name);
    }

    /** An enum categorical parameter's value. */
    public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
        Object v = get(name);
        return type.isInstance(v) ? type.cast(v) : Enum.valueOf(type, String.valueOf(v));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
