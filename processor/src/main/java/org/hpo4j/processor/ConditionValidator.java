package org.hpo4j.processor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hpo4j.processor.AnnotatedClass.AnnotatedField;
import org.hpo4j.processor.AnnotatedClass.Use;
import org.hpo4j.processor.ClassModel.CategoricalParameter;
import org.hpo4j.processor.ClassModel.Condition;
import org.hpo4j.processor.ClassModel.FloatParameter;
import org.hpo4j.processor.ClassModel.IntParameter;
import org.hpo4j.processor.ClassModel.Operator;
import org.hpo4j.processor.ClassModel.Parameter;

/**
 * Checks {@code @Conditional}s once every parameter of the class is known: the parent exists, the
 * values are ones it can take, comparisons are on numbers and can hold, and no cycle forms.
 */
final class ConditionValidator {
    private final Diagnostics diagnostics;

    ConditionValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /**
     * The parameters with their conditions, in the same order.
     *
     * @param fieldOfParameter the field of each parameter, by parameter name
     * @param parameterOfField the parameter name of each field, by field name
     * @param failed names of fields and parameters whose own annotation failed: conditions on them are
     *     not reported again as naming unknown parents
     */
    List<Parameter> withConditions(Map<String, Parameter> parameters, Map<String, AnnotatedField> fieldOfParameter,
                                   Map<String, String> parameterOfField, Set<String> failed) {
        List<Parameter> conditioned = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (Parameter parameter : parameters.values()) {
            AnnotatedField field = fieldOfParameter.get(parameter.name());
            List<Condition> conditions = new ArrayList<>();
            for (Use use : field.conditions()) {
                Condition condition = condition(field, use, parameters, parameterOfField, failed);
                if (condition != null) {
                    conditions.add(condition);
                    edges.add(new Edge(parameter.name(), condition.parent(), field, use));
                }
            }
            conditioned.add(withConditions(parameter, conditions));
        }
        checkCycles(edges);
        return conditioned;
    }

    private record Edge(String child, String parent, AnnotatedField field, Use use) {
    }

    private Condition condition(AnnotatedField field, Use use, Map<String, Parameter> parameters,
                                Map<String, String> parameterOfField, Set<String> failed) {
        List<String> set = new ArrayList<>();
        if (!use.text("equalTo").isEmpty()) {
            set.add("equalTo");
        }
        if (!use.texts("in").isEmpty()) {
            set.add("in");
        }
        for (Operator op : List.of(Operator.AT_LEAST, Operator.GREATER_THAN, Operator.AT_MOST, Operator.LESS_THAN)) {
            if (!Double.isNaN(use.number(op.factory()))) {
                set.add(op.factory());
            }
        }
        if (set.size() != 1) {
            diagnostics.error(field.element(), use.mirror(), null, Message.CONDITIONAL_OPERATOR_COUNT, field.name(),
                    set.isEmpty() ? "none" : String.join(", ", set));
            return null;
        }
        String on = use.text("on");
        String parentName = parameters.containsKey(on) ? on : parameterOfField.get(on);
        if (parentName == null) {
            if (!failed.contains(on)) {
                diagnostics.error(field.element(), use.mirror(), use.at("on"), Message.CONDITIONAL_UNKNOWN_PARENT,
                        field.name(), on, parameters.keySet());
            }
            return null;
        }
        Parameter parent = parameters.get(parentName);
        String attribute = set.get(0);
        if (attribute.equals("equalTo") || attribute.equals("in")) {
            List<String> written = attribute.equals("equalTo") ? List.of(use.text("equalTo")) : use.texts("in");
            List<Object> values = new ArrayList<>();
            for (String text : written) {
                Object value = valueOf(parent, text);
                if (value == null) {
                    diagnostics.error(field.element(), use.mirror(), use.at(attribute), Message.CONDITIONAL_IMPOSSIBLE_VALUE,
                            field.name(), parentName, text, Texts.domainOf(parent));
                    return null;
                }
                values.add(value);
            }
            return new Condition(parentName, Operator.IN, values, Double.NaN);
        }
        Operator operator = null;
        for (Operator op : Operator.values()) {
            if (op.factory().equals(attribute)) {
                operator = op;
            }
        }
        double threshold = use.number(attribute);
        boolean numeric = parent instanceof FloatParameter || parent instanceof IntParameter
                || (parent instanceof CategoricalParameter c && c.numeric());
        if (!numeric) {
            diagnostics.error(field.element(), use.mirror(), use.at(attribute), Message.CONDITIONAL_NOT_NUMERIC,
                    field.name(), attribute, parentName);
            return null;
        }
        if (!canHold(parent, operator, threshold)) {
            diagnostics.error(field.element(), use.mirror(), use.at(attribute), Message.CONDITIONAL_NEVER_HOLDS,
                    field.name(), parentName, operator.symbol(), Texts.text(threshold), parentName, Texts.domainOf(parent));
            return null;
        }
        return new Condition(parentName, operator, List.of(), threshold);
    }

    /** A value of {@code parent} written as text, or null if the parent cannot take it. */
    private static Object valueOf(Parameter parent, String text) {
        if (parent instanceof FloatParameter f) {
            Double d = Texts.parseDouble(text);
            return d != null && d >= f.lo() && d <= f.hi() ? d : null;
        }
        if (parent instanceof IntParameter i) {
            Long l = Texts.parseLong(text);
            return l != null && l >= i.lo() && l <= i.hi() && (l - i.lo()) % i.step() == 0 ? l : null;
        }
        for (Object choice : ((CategoricalParameter) parent).choices()) {
            if (Texts.choiceText(choice).equals(text)) {
                return choice;
            }
            if (choice instanceof Double d && Double.valueOf(d).equals(Texts.parseDouble(text))) {
                return choice;
            }
            if (choice instanceof Long l && l.equals(Texts.parseLong(text))) {
                return choice;
            }
        }
        return null;
    }

    private static boolean canHold(Parameter parent, Operator operator, double threshold) {
        List<Double> extremes = new ArrayList<>();
        if (parent instanceof FloatParameter f) {
            extremes.add(f.lo());
            extremes.add(f.hi());
        } else if (parent instanceof IntParameter i) {
            extremes.add((double) i.lo());
            extremes.add((double) i.hi());
        } else {
            ((CategoricalParameter) parent).choices().forEach(c -> extremes.add(((Number) c).doubleValue()));
        }
        for (double v : extremes) {
            boolean holds;
            switch (operator) {
                case AT_LEAST:
                    holds = v >= threshold;
                    break;
                case GREATER_THAN:
                    holds = v > threshold;
                    break;
                case AT_MOST:
                    holds = v <= threshold;
                    break;
                default:
                    holds = v < threshold;
                    break;
            }
            if (holds) {
                return true;
            }
        }
        return false;
    }

    /** Reports each cycle of conditions once, at the condition that closes it. */
    private void checkCycles(List<Edge> edges) {
        Map<String, List<Edge>> parentsOf = new LinkedHashMap<>();
        for (Edge e : edges) {
            parentsOf.computeIfAbsent(e.child(), k -> new ArrayList<>()).add(e);
        }
        Set<String> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (String start : parentsOf.keySet()) {
            visit(start, parentsOf, done, new LinkedHashSet<>(), reported);
        }
    }

    private void visit(String node, Map<String, List<Edge>> parentsOf, Set<String> done, LinkedHashSet<String> path,
                       Set<Set<String>> reported) {
        if (done.contains(node)) {
            return;
        }
        path.add(node);
        for (Edge edge : parentsOf.getOrDefault(node, List.of())) {
            if (path.contains(edge.parent())) {
                List<String> members = new ArrayList<>(path);
                members = members.subList(members.indexOf(edge.parent()), members.size());
                if (reported.add(new TreeSet<>(members))) {
                    List<String> shown = new ArrayList<>(members);
                    shown.add(edge.parent());
                    diagnostics.error(edge.field().element(), edge.use().mirror(), edge.use().at("on"),
                            Message.CONDITIONAL_CYCLE, edge.field().name(), String.join(" -> ", shown));
                }
            } else {
                visit(edge.parent(), parentsOf, done, path, reported);
            }
        }
        path.remove(node);
        done.add(node);
    }

    private static Parameter withConditions(Parameter p, List<Condition> conditions) {
        if (p instanceof FloatParameter f) {
            return new FloatParameter(f.name(), f.field(), f.lo(), f.hi(), f.log(), f.step(), f.defaultValue(), conditions);
        }
        if (p instanceof IntParameter i) {
            return new IntParameter(i.name(), i.field(), i.lo(), i.hi(), i.log(), i.step(), i.defaultValue(), conditions);
        }
        CategoricalParameter c = (CategoricalParameter) p;
        return new CategoricalParameter(c.name(), c.field(), c.choices(), c.everyEnumConstant(), c.defaultValue(),
                conditions);
    }

}
