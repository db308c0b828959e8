package org.hpo4j.space;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A parameter that takes one of a list of unordered choices: strings, enum constants, booleans or
 * numbers ({@code Long} or {@code Double}). Models treat choices as unordered; the unit encoding
 * gives each choice a cell of equal width.
 *
 * @param name the key
 * @param choices the choices, at least two, no duplicates, all of one type
 * @param defaultValue the default, one of the choices
 * @param conditions conditions for the parameter to be active
 */
public record CategoricalParameter(String name, List<Object> choices, Object defaultValue,
                                   List<Condition> conditions) implements Parameter {

    public CategoricalParameter {
        Names.check(name);
        choices = List.copyOf(choices.stream().map(CategoricalParameter::normalize).toList());
        if (choices.size() < 2) {
            throw new IllegalArgumentException("parameter '" + name + "': needs at least two choices, got " + choices);
        }
        if (new LinkedHashSet<>(choices).size() != choices.size()) {
            throw new IllegalArgumentException("parameter '" + name + "': duplicate choices in " + choices);
        }
        Class<?> type = choices.get(0).getClass();
        for (Object c : choices) {
            if (!sameKind(type, c.getClass())) {
                throw new IllegalArgumentException("parameter '" + name + "': choices mix types: " + choices);
            }
        }
        if (defaultValue == null) {
            defaultValue = choices.get(0);
        }
        defaultValue = normalize(defaultValue);
        if (!choices.contains(defaultValue)) {
            Object match = null;
            for (Object c : choices) {
                if (formatChoice(c).equals(String.valueOf(defaultValue))) {
                    match = c;
                }
            }
            if (match == null) {
                throw new IllegalArgumentException("parameter '" + name + "': default " + defaultValue + " is not one of " + choices);
            }
            defaultValue = match;
        }
        conditions = List.copyOf(conditions);
    }

    /** A categorical parameter whose default is its first choice. */
    public static CategoricalParameter of(String name, List<?> choices) {
        return new CategoricalParameter(name, new ArrayList<>(choices), null, List.of());
    }

    /** A categorical parameter with one choice per constant of {@code type}. */
    public static <E extends Enum<E>> CategoricalParameter ofEnum(String name, Class<E> type) {
        return of(name, List.of(type.getEnumConstants()));
    }

    /** A categorical parameter with choices {@code false} and {@code true}. */
    public static CategoricalParameter ofBoolean(String name) {
        return of(name, List.of(false, true));
    }

    /** The same parameter with another default. */
    public CategoricalParameter withDefault(Object value) {
        return new CategoricalParameter(name, choices, value, conditions);
    }

    @Override
    public CategoricalParameter when(Condition condition) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(condition);
        return new CategoricalParameter(name, choices, defaultValue, all);
    }

    /** Number of choices. */
    public int size() {
        return choices.size();
    }

    /** Position of {@code value} among the choices, -1 if it is not one. */
    public int indexOf(Object value) {
        return choices.indexOf(normalize(value));
    }

    @Override
    public double toUnit(Object value) {
        int i = indexOf(value);
        if (i < 0) {
            throw new IllegalArgumentException("parameter '" + name + "': " + value + " is not one of " + choices);
        }
        return (i + 0.5) / choices.size();
    }

    @Override
    public Object fromUnit(double unit) {
        double u = Math.min(1, Math.max(0, unit));
        int i = Math.min(choices.size() - 1, (int) Math.floor(u * choices.size()));
        return choices.get(i);
    }

    @Override
    public boolean contains(Object value) {
        return value != null && choices.contains(value);
    }

    @Override
    public Object coerce(Object value) {
        Object v = normalize(value);
        if (choices.contains(v)) {
            return v;
        }
        String text = String.valueOf(value).trim();
        for (Object c : choices) {
            if (formatChoice(c).equals(text)) {
                return c;
            }
        }
        // "0.1" for a Double choice 0.1, "3" for a Long choice 3
        for (Object c : choices) {
            try {
                if (c instanceof Double d && d == Double.parseDouble(text)) {
                    return c;
                }
                if (c instanceof Long l && l == Long.parseLong(text)) {
                    return c;
                }
            } catch (NumberFormatException ignored) {
                // not a number: no match among numeric choices
            }
        }
        throw new IllegalArgumentException("parameter '" + name + "': '" + text + "' is not one of " + describeDomain());
    }

    @Override
    public String describeDomain() {
        return choices.stream().map(CategoricalParameter::formatChoice).toList().toString();
    }

    private static String formatChoice(Object c) {
        return c instanceof Enum<?> e ? e.name() : String.valueOf(c);
    }

    private static boolean sameKind(Class<?> a, Class<?> b) {
        if (Enum.class.isAssignableFrom(a) && Enum.class.isAssignableFrom(b)) {
            return Objects.equals(enumType(a), enumType(b));
        }
        return a == b;
    }

    private static Class<?> enumType(Class<?> c) {
        // constants with bodies are anonymous subclasses of their enum
        return c.isEnum() ? c : c.getSuperclass();
    }

    /** Integers become {@code Long}, floats become {@code Double}, so equal values compare equal. */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return Objects.requireNonNull(value, "choice");
    }
}
