package org.hpo4j.space;

import java.util.List;

/**
 * A requirement on a parent parameter for a child to be active: equality or membership for any
 * parent, or a comparison with a constant for a numeric parent. A parameter with several conditions
 * is active when all hold and every parent is itself active.
 *
 * @param parent the parent's name
 * @param operator the test
 * @param values the allowed values ({@link Operator#IN}); empty for comparisons
 * @param threshold the constant of a comparison; NaN for {@link Operator#IN}
 */
public record Condition(String parent, Operator operator, List<Object> values, double threshold) {

    /** The tests a condition can make. */
    public enum Operator {
        /** Parent is one of {@code values}. */
        IN("in"),
        /** Parent {@code >=} threshold. */
        AT_LEAST(">="),
        /** Parent {@code >} threshold. */
        GREATER_THAN(">"),
        /** Parent {@code <=} threshold. */
        AT_MOST("<="),
        /** Parent {@code <} threshold. */
        LESS_THAN("<");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in descriptions. */
        public String symbol() {
            return symbol;
        }
    }

    public Condition {
        if (parent == null || parent.isBlank()) {
            throw new IllegalArgumentException("a condition needs a parent name");
        }
        values = List.copyOf(values.stream().map(CategoricalParameter::normalize).toList());
        if (operator == Operator.IN && values.isEmpty()) {
            throw new IllegalArgumentException("condition on '" + parent + "': 'in' needs at least one value");
        }
        if (operator != Operator.IN && Double.isNaN(threshold)) {
            throw new IllegalArgumentException("condition on '" + parent + "': " + operator.symbol() + " needs a number");
        }
    }

    /** Active when the parent equals {@code value}. */
    public static Condition equalTo(String parent, Object value) {
        return new Condition(parent, Operator.IN, List.of(value), Double.NaN);
    }

    /** Active when the parent is one of {@code values}. */
    public static Condition in(String parent, Object... values) {
        return new Condition(parent, Operator.IN, List.of(values), Double.NaN);
    }

    /** Active when the numeric parent is at least {@code threshold}. */
    public static Condition atLeast(String parent, double threshold) {
        return new Condition(parent, Operator.AT_LEAST, List.of(), threshold);
    }

    /** Active when the numeric parent is greater than {@code threshold}. */
    public static Condition greaterThan(String parent, double threshold) {
        return new Condition(parent, Operator.GREATER_THAN, List.of(), threshold);
    }

    /** Active when the numeric parent is at most {@code threshold}. */
    public static Condition atMost(String parent, double threshold) {
        return new Condition(parent, Operator.AT_MOST, List.of(), threshold);
    }

    /** Active when the numeric parent is less than {@code threshold}. */
    public static Condition lessThan(String parent, double threshold) {
        return new Condition(parent, Operator.LESS_THAN, List.of(), threshold);
    }

    /** Whether the condition holds for this value of the parent. */
    public boolean test(Object parentValue) {
        if (operator == Operator.IN) {
            return values.contains(CategoricalParameter.normalize(parentValue));
        }
        double v = ((Number) parentValue).doubleValue();
        return switch (operator) {
            case AT_LEAST -> v >= threshold;
            case GREATER_THAN -> v > threshold;
            case AT_MOST -> v <= threshold;
            case LESS_THAN -> v < threshold;
            case IN -> throw new AssertionError();
        };
    }

    @Override
    public String toString() {
        return operator == Operator.IN
                ? parent + (values.size() == 1 ? " == " + values.get(0) : " in " + values)
                : parent + " " + operator.symbol() + " " + threshold;
    }
}
