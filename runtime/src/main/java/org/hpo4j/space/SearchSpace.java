package org.hpo4j.space;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleSupplier;
import java.util.Set;

/**
 * An immutable set of hyperparameters with their conditions, and optionally the budget (fidelity).
 *
 * <p>Parameters are kept in an order where every parent comes before its children, so one pass
 * decides which parameters are active. Every model works on {@link #encode}: one coordinate in
 * {@code [0, 1]} per parameter, {@code NaN} where the parameter is inactive.
 */
public final class SearchSpace {
    private final List<Parameter> parameters;
    private final Map<String, Integer> index;
    private final BudgetSpec budget;

    private SearchSpace(List<Parameter> ordered, BudgetSpec budget) {
        this.parameters = List.copyOf(ordered);
        Map<String, Integer> idx = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            idx.put(parameters.get(i).name(), i);
        }
        this.index = Collections.unmodifiableMap(idx);
        this.budget = budget;
    }

    /** A builder; parameters may be added in any order. */
    public static Builder builder() {
        return new Builder();
    }

    /** The parameters, parents before children. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Number of parameters, the dimension of the encoding. */
    public int size() {
        return parameters.size();
    }

    /** Position of a parameter in {@link #parameters()} and in the encoding. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + index.keySet());
        }
        return i;
    }

    /** The parameter called {@code name}. */
    public Parameter parameter(String name) {
        return parameters.get(indexOf(name));
    }

    /** Whether a parameter of that name exists. */
    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** The budget, if the space has one. */
    public Optional<BudgetSpec> budget() {
        return Optional.ofNullable(budget);
    }

    /** Whether {@code p} is active given the values of its parents (absent = inactive). */
    public static boolean isActive(Parameter p, Map<String, Object> values) {
        for (Condition c : p.conditions()) {
            Object parent = values.get(c.parent());
            if (parent == null || !c.test(parent)) {
                return false;
            }
        }
        return true;
    }

    /**
     * A configuration drawn from the prior: each active parameter from its own distribution.
     *
     * @param random uniform draws in [0, 1), one per parameter (e.g. {@code generator::nextDouble});
     *     a plain supplier keeps this module free of any random-number library
     */
    public Configuration sample(DoubleSupplier random) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            // draw for every parameter, active or not, so one draw's count does not depend on the others
            double u = random.getAsDouble();
            if (isActive(p, values)) {
                values.put(p.name(), p.fromUnit(u));
            }
        }
        return new Configuration(values);
    }

    /** The configuration of defaults, with the defaults' activity. */
    public Configuration defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (isActive(p, values)) {
                values.put(p.name(), p.defaultValue());
            }
        }
        return new Configuration(values);
    }

    /**
     * Builds a checked configuration from values given per name. Values are coerced (text, other
     * number types); every active parameter needs a value.
     *
     * @throws IllegalArgumentException naming the parameter: unknown, out of range, set while
     *     inactive, or missing while active
     */
    public Configuration configuration(Map<String, ?> given) {
        for (String name : given.keySet()) {
            if (!index.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + index.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            boolean active = isActive(p, values);
            Object v = given.get(p.name());
            if (active && v == null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is active but has no value");
            }
            if (!active && v != null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is set to " + v
                        + " but is inactive: it needs " + p.conditions());
            }
            if (active) {
                values.put(p.name(), p.coerce(v));
            }
        }
        return new Configuration(values);
    }

    /**
     * Like {@link #configuration(Map)} but fills active parameters without a value from their
     * defaults and drops values of inactive ones.
     */
    public Configuration complete(Map<String, ?> given) {
        for (String name : given.keySet()) {
            if (!index.containsKey(name)) {
                throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + index.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (isActive(p, values)) {
                Object v = given.get(p.name());
                values.put(p.name(), v == null ? p.defaultValue() : p.coerce(v));
            }
        }
        return new Configuration(values);
    }

    /** The configuration as a point of the unit hypercube, {@code NaN} for inactive parameters. */
    public double[] encode(Configuration configuration) {
        double[] x = new double[parameters.size()];
        for (int i = 0; i < x.length; i++) {
            Parameter p = parameters.get(i);
            x[i] = configuration.isActive(p.name()) ? p.toUnit(configuration.get(p.name())) : Double.NaN;
        }
        return x;
    }

    /**
     * The configuration at a point of the unit hypercube. Activity follows from the decoded parents;
     * coordinates of inactive parameters are ignored, and a {@code NaN} where the parameter turns out
     * active takes its default.
     */
    public Configuration decode(double[] unit) {
        if (unit.length != parameters.size()) {
            throw new IllegalArgumentException("expected " + parameters.size() + " coordinates, got " + unit.length);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < unit.length; i++) {
            Parameter p = parameters.get(i);
            if (isActive(p, values)) {
                values.put(p.name(), Double.isNaN(unit[i]) ? p.defaultValue() : p.fromUnit(unit[i]));
            }
        }
        return new Configuration(values);
    }

    /**
     * A text that changes whenever a parameter, domain, condition or the budget changes; stores use
     * it to refuse mixing studies of different spaces. One line per parameter: its name, its kind
     * ({@code float}, {@code int} or {@code categorical}: words of the format, not class names, so
     * that renaming a class changes no stored study), its domain and its conditions; then the budget.
     */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Parameter p : parameters) {
            b.append(p.name()).append(' ').append(kind(p)).append(' ').append(p.describeDomain());
            if (!p.conditions().isEmpty()) {
                b.append(" if ").append(p.conditions());
            }
            b.append('\n');
        }
        if (budget != null) {
            b.append("budget ").append(budget.name()).append(" [").append(budget.min()).append(", ")
                    .append(budget.max()).append("]\n");
        }
        return b.toString();
    }

    private static String kind(Parameter p) {
        if (p instanceof FloatParameter) {
            return "float";
        }
        return p instanceof IntParameter ? "int" : "categorical";
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Collects parameters and checks the whole space in {@link #build()}. */
    public static final class Builder {
        private final Map<String, Parameter> byName = new LinkedHashMap<>();
        private BudgetSpec budget;

        private Builder() {
        }

        /** Adds a parameter; names must be unique. */
        public Builder add(Parameter p) {
            if (byName.putIfAbsent(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter '" + p.name() + "' is defined twice");
            }
            return this;
        }

        /** Adds several parameters. */
        public Builder addAll(Parameter... ps) {
            Arrays.stream(ps).forEach(this::add);
            return this;
        }

        /** Sets the budget (fidelity). */
        public Builder budget(BudgetSpec spec) {
            this.budget = spec;
            return this;
        }

        /** Sets the budget (fidelity). */
        public Builder budget(String name, double min, double max, boolean integer) {
            return budget(new BudgetSpec(name, min, max, integer));
        }

        /**
         * Checks conditions (known parents, values the parent can take, numeric parents for
         * comparisons, no cycles) and orders parents before children.
         *
         * @throws IllegalArgumentException naming the parameter at fault
         */
        public SearchSpace build() {
            Map<String, Parameter> checked = new LinkedHashMap<>();
            for (Parameter p : byName.values()) {
                List<Condition> conditions = new ArrayList<>();
                for (Condition c : p.conditions()) {
                    conditions.add(checkCondition(p, c));
                }
                checked.put(p.name(), withConditions(p, conditions));
            }
            if (budget != null && checked.containsKey(budget.name())) {
                throw new IllegalArgumentException("parameter '" + budget.name() + "' is both a hyperparameter and the budget");
            }
            List<Parameter> ordered = new ArrayList<>();
            Set<String> done = new LinkedHashSet<>();
            for (Parameter p : checked.values()) {
                visit(p, checked, done, new LinkedHashSet<>(), ordered);
            }
            return new SearchSpace(ordered, budget);
        }

        private Condition checkCondition(Parameter child, Condition c) {
            Parameter parent = byName.get(c.parent());
            if (parent == null) {
                throw new IllegalArgumentException("parameter '" + child.name() + "': condition on unknown parameter '"
                        + c.parent() + "'; known: " + byName.keySet());
            }
            if (c.operator() == Condition.Operator.IN) {
                List<Object> coerced = new ArrayList<>();
                for (Object v : c.values()) {
                    try {
                        coerced.add(parent.coerce(v));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("parameter '" + child.name() + "': condition " + c
                                + " names a value that '" + parent.name() + "' cannot take: " + e.getMessage(), e);
                    }
                }
                return new Condition(c.parent(), c.operator(), coerced, c.threshold());
            }
            boolean numeric = parent instanceof FloatParameter || parent instanceof IntParameter
                    || (parent instanceof CategoricalParameter cp && cp.choices().get(0) instanceof Number);
            if (!numeric) {
                throw new IllegalArgumentException("parameter '" + child.name() + "': condition " + c
                        + " compares '" + parent.name() + "', which is not numeric");
            }
            return c;
        }

        private static Parameter withConditions(Parameter p, List<Condition> conditions) {
            if (p instanceof FloatParameter f) {
                return new FloatParameter(f.name(), f.lo(), f.hi(), f.log(), f.step(), f.defaultValue(), conditions);
            }
            if (p instanceof IntParameter i) {
                return new IntParameter(i.name(), i.lo(), i.hi(), i.log(), i.step(), i.defaultValue(), conditions);
            }
            CategoricalParameter c = (CategoricalParameter) p;
            return new CategoricalParameter(c.name(), c.choices(), c.defaultValue(), conditions);
        }

        private static void visit(Parameter p, Map<String, Parameter> all, Set<String> done,
                                  LinkedHashSet<String> path, List<Parameter> out) {
            if (done.contains(p.name())) {
                return;
            }
            if (!path.add(p.name())) {
                List<String> cycle = new ArrayList<>(path);
                cycle = cycle.subList(cycle.indexOf(p.name()), cycle.size());
                throw new IllegalArgumentException("parameter '" + p.name() + "': conditions form a cycle: "
                        + String.join(" -> ", cycle) + " -> " + p.name());
            }
            for (Condition c : p.conditions()) {
                visit(all.get(c.parent()), all, done, path, out);
            }
            path.remove(p.name());
            done.add(p.name());
            out.add(p);
        }
    }
}
