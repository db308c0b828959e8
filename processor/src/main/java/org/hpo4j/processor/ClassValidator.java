package org.hpo4j.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.hpo4j.processor.AnnotatedClass.AnnotatedField;
import org.hpo4j.processor.AnnotatedClass.AnnotatedMethod;
import org.hpo4j.processor.AnnotatedClass.Use;
import org.hpo4j.processor.ClassModel.CategoricalParameter;
import org.hpo4j.processor.ClassModel.Condition;
import org.hpo4j.processor.ClassModel.FloatParameter;
import org.hpo4j.processor.ClassModel.IntParameter;
import org.hpo4j.processor.ClassModel.Operator;
import org.hpo4j.processor.ClassModel.Parameter;
import org.hpo4j.processor.FieldType.Kind;

/**
 * Checks an {@link AnnotatedClass} and turns it into a {@link ClassModel}. Every problem is
 * reported (not only the first), each at the element and annotation it concerns; a class with any
 * error gives no model, so nothing is written for it.
 */
final class ClassValidator {
    private static final String TRIAL_CONTEXT = "org.hpo4j.study.TrialContext";
    private static final Set<String> OBJECTIVE_RETURNS = Set.of("double", "float", "int", "long",
            "java.lang.Double", "java.lang.Float", "java.lang.Integer", "java.lang.Long");

    private final Diagnostics diagnostics;

    ClassValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The checked model, or empty after reporting the errors that prevent one. */
    Optional<ClassModel> validate(AnnotatedClass source) {
        int errorsBefore = diagnostics.errorCount();
        checkClass(source);

        Map<String, Parameter> parameters = new LinkedHashMap<>();
        Map<String, AnnotatedField> fieldOfParameter = new HashMap<>();
        Map<String, String> parameterOfField = new HashMap<>();
        // names of fields whose annotation failed: conditions on them are not reported as unknown parents
        Set<String> failed = new HashSet<>();
        AnnotatedField budgetField = null;
        ClassModel.Budget budget = null;

        for (AnnotatedField field : source.fields()) {
            int errorsAtField = diagnostics.errorCount();
            checkModifiers(field);
            if (field.ranges().size() > 1) {
                Use second = field.ranges().get(1);
                diagnostics.error(field.element(), second.mirror(), null, Message.TWO_RANGES,
                        field.name(), field.ranges().get(0).simpleName(), second.simpleName());
            }
            if (field.budget().isPresent()) {
                Use use = field.budget().get();
                if (!field.ranges().isEmpty()) {
                    diagnostics.error(field.element(), use.mirror(), null, Message.BUDGET_AND_PARAMETER,
                            field.name(), field.ranges().get(0).simpleName());
                } else if (budgetField != null) {
                    diagnostics.error(field.element(), use.mirror(), null, Message.BUDGET_TWICE,
                            field.name(), budgetField.name());
                } else {
                    budgetField = field;
                    budget = budget(field, use);
                }
            }
            if (field.ranges().isEmpty()) {
                if (!field.conditions().isEmpty()) {
                    diagnostics.error(field.element(), field.conditions().get(0).mirror(), null,
                            Message.CONDITIONAL_WITHOUT_PARAMETER, field.name());
                }
                continue;
            }
            Parameter parameter = diagnostics.errorCount() == errorsAtField ? parameter(field, field.ranges().get(0)) : null;
            if (parameter == null) {
                failed.add(field.name());
                failed.add(givenName(field, field.ranges().get(0)));
                continue;
            }
            Parameter previous = parameters.get(parameter.name());
            if (!Names.isValidParameterName(parameter.name())) {
                Use range = field.ranges().get(0);
                diagnostics.error(field.element(), range.mirror(), range.at("name"), Message.BAD_NAME,
                        parameter.name(), field.name());
                failed.add(field.name());
            } else if (previous != null) {
                Use range = field.ranges().get(0);
                diagnostics.error(field.element(), range.mirror(), range.at("name"), Message.DUPLICATE_NAME,
                        field.name(), parameter.name(), previous.field().name());
                failed.add(field.name());
            } else {
                parameters.put(parameter.name(), parameter);
                fieldOfParameter.put(parameter.name(), field);
                parameterOfField.put(field.name(), parameter.name());
            }
        }
        if (budget != null && parameters.containsKey(budget.name())) {
            diagnostics.error(budgetField.element(), budgetField.budget().get().mirror(), null, Message.DUPLICATE_NAME,
                    budgetField.name(), budget.name(), parameters.get(budget.name()).field().name());
        }

        Map<String, Parameter> conditioned = new LinkedHashMap<>();
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
            conditioned.put(parameter.name(), withConditions(parameter, conditions));
        }
        checkCycles(edges);

        Optional<ClassModel.Objective> objective = objective(source.objectives());
        String studyName = studyName(source);

        if (diagnostics.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ClassModel(source.element(), source.packageName(), source.nameInPackage(),
                source.binaryName(), List.copyOf(conditioned.values()), Optional.ofNullable(budget), objective,
                studyName));
    }

    private void checkClass(AnnotatedClass source) {
        if (!source.visible()) {
            diagnostics.error(source.element(), Message.CLASS_PRIVATE, source.element().getQualifiedName(),
                    Names.flat(source.nameInPackage()) + "Injector");
        }
        if (source.generic()) {
            diagnostics.error(source.element(), Message.CLASS_GENERIC, source.element().getQualifiedName());
        }
    }

    private void checkModifiers(AnnotatedField field) {
        if (field.isStatic()) {
            diagnostics.error(field.element(), Message.FIELD_STATIC, field.name());
        }
        if (field.isFinal()) {
            diagnostics.error(field.element(), Message.FIELD_FINAL, field.name());
        }
    }

    private static String givenName(AnnotatedField field, Use range) {
        String name = range.text("name");
        return name.isEmpty() ? field.name() : name;
    }

    private static ClassModel.Field target(AnnotatedField field) {
        return new ClassModel.Field(field.name(), field.type(), field.isPrivate());
    }

    // ---- parameters -------------------------------------------------------------------------

    private Parameter parameter(AnnotatedField field, Use range) {
        switch (range.simpleName()) {
            case "Uniform":
                return floatParameter(field, range, false, range.number("step"));
            case "LogUniform":
                return floatParameter(field, range, true, 0);
            case "IntUniform":
                return intParameter(field, range);
            default:
                return categorical(field, range);
        }
    }

    private boolean fits(AnnotatedField field, Use range, String allowed, String hint, Kind... kinds) {
        for (Kind kind : kinds) {
            if (field.type().kind() == kind) {
                return true;
            }
        }
        diagnostics.error(field.element(), range.mirror(), null, Message.WRONG_TYPE, range.simpleName(), field.name(),
                field.element().asType(), range.simpleName(), allowed, hint);
        return false;
    }

    private static String hintFor(FieldType type) {
        if (type.isIntegral()) {
            return " (for integers use @IntUniform)";
        }
        if (type.kind() == Kind.DOUBLE || type.kind() == Kind.FLOAT) {
            return " (for real numbers use @Uniform or @LogUniform)";
        }
        if (type.kind() == Kind.STRING || type.kind() == Kind.ENUM || type.kind() == Kind.BOOLEAN) {
            return " (for choices use @Categorical)";
        }
        return "";
    }

    private FloatParameter floatParameter(AnnotatedField field, Use range, boolean log, double step) {
        if (!fits(field, range, "double or float", hintFor(field.type()), Kind.DOUBLE, Kind.FLOAT)) {
            return null;
        }
        double lo = range.number("lo");
        double hi = range.number("hi");
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            diagnostics.error(field.element(), range.mirror(), null, Message.NOT_FINITE, range.simpleName(), field.name(),
                    text(lo), text(hi));
            return null;
        }
        if (!(lo < hi)) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LO_NOT_BELOW_HI, range.simpleName(),
                    field.name(), text(lo), text(hi));
            return null;
        }
        if (log && lo <= 0) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LOG_NEEDS_POSITIVE_LO,
                    range.simpleName(), field.name(), text(lo));
            return null;
        }
        if (!(step >= 0) || step > hi - lo) {
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.BAD_STEP, range.simpleName(),
                    field.name(), text(hi - lo), text(step));
            return null;
        }
        String domain = "[" + text(lo) + ", " + text(hi) + "]" + (log ? " (log)" : "");
        Default initial = initial(field, text(log ? lo : (lo + hi) / 2));
        if (initial.failed) {
            return null;
        }
        Optional<Double> value = Optional.empty();
        if (initial.value.isPresent()) {
            Object v = initial.value.get();
            double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!(d >= lo && d <= hi)) {
                reportOutOfRange(field, initial, v, domain);
                return null;
            }
            value = Optional.of(d);
        }
        return new FloatParameter(givenName(field, range), target(field), lo, hi, log, step, value, List.of());
    }

    private IntParameter intParameter(AnnotatedField field, Use range) {
        if (!fits(field, range, "int or long", hintFor(field.type()), Kind.INT, Kind.LONG)) {
            return null;
        }
        long lo = range.integer("lo");
        long hi = range.integer("hi");
        boolean log = range.flag("log");
        long step = range.integer("step");
        if (lo >= hi) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LO_NOT_BELOW_HI, range.simpleName(),
                    field.name(), lo, hi);
            return null;
        }
        if (log && lo <= 0) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LOG_NEEDS_POSITIVE_LO,
                    range.simpleName(), field.name(), lo);
            return null;
        }
        if (field.type().kind() == Kind.INT && (lo < Integer.MIN_VALUE || hi > Integer.MAX_VALUE)) {
            diagnostics.error(field.element(), range.mirror(), null, Message.INT_RANGE_EXCEEDS_INT, field.name(), lo, hi);
            return null;
        }
        if (step <= 0 || step > hi - lo) {
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.BAD_STEP, range.simpleName(),
                    field.name(), hi - lo, step);
            return null;
        }
        if (step != 1) {
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.INT_STEP_UNSUPPORTED,
                    field.name(), step);
            return null;
        }
        Default initial = initial(field, Long.toString(lo + (hi - lo) / 2));
        if (initial.failed) {
            return null;
        }
        Optional<Long> value = Optional.empty();
        if (initial.value.isPresent()) {
            Object v = initial.value.get();
            if (!(v instanceof Long l) || l < lo || l > hi) {
                reportOutOfRange(field, initial, v, "[" + lo + ", " + hi + "]" + (log ? " (log)" : ""));
                return null;
            }
            value = Optional.of(l);
        }
        return new IntParameter(givenName(field, range), target(field), lo, hi, log, value, List.of());
    }

    private CategoricalParameter categorical(AnnotatedField field, Use range) {
        FieldType type = field.type();
        if (!fits(field, range, "String, enum, boolean, int, long, float or double", "", Kind.STRING, Kind.ENUM,
                Kind.BOOLEAN, Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE)) {
            return null;
        }
        if (type.kind() == Kind.ENUM && !type.accessible()) {
            diagnostics.error(field.element(), Message.TYPE_NOT_ACCESSIBLE, type.sourceName(), field.name());
            return null;
        }
        List<String> written = range.texts("value");
        List<Object> choices = new ArrayList<>();
        boolean everyConstant = false;
        if (written.isEmpty() && type.kind() == Kind.ENUM) {
            type.enumConstants().forEach(c -> choices.add(new Initializer.EnumConstant(c)));
            everyConstant = true;
        } else if (written.isEmpty() && type.kind() == Kind.BOOLEAN) {
            choices.add(false);
            choices.add(true);
        } else {
            for (String text : written) {
                Object choice = parseChoice(field, range, text);
                if (choice == null) {
                    return null;
                }
                if (choices.contains(choice)) {
                    diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_DUPLICATE,
                            field.name(), choiceText(choice));
                    return null;
                }
                choices.add(choice);
            }
        }
        if (choices.size() < 2) {
            diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_TOO_FEW,
                    field.name(), describe(choices));
            return null;
        }
        Default initial = initial(field, exampleOf(choices.get(0)));
        if (initial.failed) {
            return null;
        }
        Optional<Object> value = Optional.empty();
        if (initial.value.isPresent()) {
            Object v = initial.value.get();
            if (v instanceof Long l && (type.kind() == Kind.FLOAT || type.kind() == Kind.DOUBLE)) {
                v = l.doubleValue();
            }
            if (!choices.contains(v)) {
                reportOutOfRange(field, initial, v, describe(choices));
                return null;
            }
            value = Optional.of(v);
        }
        return new CategoricalParameter(givenName(field, range), target(field), choices, everyConstant, value, List.of());
    }

    /** A written choice as a value of the field's kind, or null after reporting why it is not one. */
    private Object parseChoice(AnnotatedField field, Use range, String text) {
        FieldType type = field.type();
        switch (type.kind()) {
            case STRING:
                return text;
            case ENUM:
                if (type.enumConstants().contains(text)) {
                    return new Initializer.EnumConstant(text);
                }
                diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_UNKNOWN_CONSTANT,
                        field.name(), type.sourceName(), text, type.enumConstants());
                return null;
            case BOOLEAN:
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                break;
            case INT:
            case LONG:
                Long l = parseLong(text);
                if (l != null && (type.kind() == Kind.LONG || (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE))) {
                    return l;
                }
                break;
            default:
                Double d = parseDouble(text);
                if (d != null && Double.isFinite(d)) {
                    return d;
                }
                break;
        }
        diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_BAD_VALUE, field.name(),
                text, type.kind().word(), type.kind().word());
        return null;
    }

    // ---- defaults ---------------------------------------------------------------------------

    /**
     * The initializer of a field, before it is checked against the domain.
     *
     * @param failed whether an error was reported
     * @param value the value; empty when the source could not be read
     * @param javaDefault whether the value is Java's default because there is no initializer
     */
    private record Default(boolean failed, Optional<Object> value, boolean javaDefault) {
    }

    private Default initial(AnnotatedField field, String example) {
        Initializer init = field.initializer();
        if (init instanceof Initializer.Unknown unknown) {
            diagnostics.note(field.element(), Message.DEFAULT_UNREADABLE_SOURCE, field.name(), unknown.reason());
            return new Default(false, Optional.empty(), false);
        }
        if (init instanceof Initializer.NotConstant notConstant) {
            diagnostics.error(field.element(), Message.DEFAULT_NOT_CONSTANT, field.name(), notConstant.text(), example);
            return new Default(true, Optional.empty(), false);
        }
        if (init instanceof Initializer.Absent) {
            FieldType type = field.type();
            if (type.nullable()) {
                diagnostics.error(field.element(), Message.DEFAULT_MISSING, field.name(), example);
                return new Default(true, Optional.empty(), true);
            }
            Object zero = type.kind() == Kind.BOOLEAN ? Boolean.FALSE : type.isIntegral() ? (Object) 0L : (Object) 0.0;
            return new Default(false, Optional.of(zero), true);
        }
        return new Default(false, Optional.of(((Initializer.Constant) init).value()), false);
    }

    private void reportOutOfRange(AnnotatedField field, Default initial, Object value, String domain) {
        boolean choices = domain.startsWith("{");
        if (initial.javaDefault) {
            diagnostics.error(field.element(), Message.DEFAULT_JAVA_OUT_OF_RANGE, field.name(), choiceText(value), domain);
        } else {
            String shown = field.initializer() instanceof Initializer.Constant c ? c.text() : choiceText(value);
            diagnostics.error(field.element(), choices ? Message.DEFAULT_NOT_A_CHOICE : Message.DEFAULT_OUT_OF_RANGE,
                    field.name(), shown, domain);
        }
    }

    // ---- conditions -------------------------------------------------------------------------

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
                            field.name(), parentName, text, domainOf(parent));
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
                    field.name(), parentName, operator.symbol(), text(threshold), parentName, domainOf(parent));
            return null;
        }
        return new Condition(parentName, operator, List.of(), threshold);
    }

    /** A value of {@code parent} written as text, or null if the parent cannot take it. */
    private static Object valueOf(Parameter parent, String text) {
        if (parent instanceof FloatParameter f) {
            Double d = parseDouble(text);
            return d != null && d >= f.lo() && d <= f.hi() ? d : null;
        }
        if (parent instanceof IntParameter i) {
            Long l = parseLong(text);
            return l != null && l >= i.lo() && l <= i.hi() ? l : null;
        }
        for (Object choice : ((CategoricalParameter) parent).choices()) {
            if (choiceText(choice).equals(text)) {
                return choice;
            }
            if (choice instanceof Double d && Double.valueOf(d).equals(parseDouble(text))) {
                return choice;
            }
            if (choice instanceof Long l && l.equals(parseLong(text))) {
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
            return new IntParameter(i.name(), i.field(), i.lo(), i.hi(), i.log(), i.defaultValue(), conditions);
        }
        CategoricalParameter c = (CategoricalParameter) p;
        return new CategoricalParameter(c.name(), c.field(), c.choices(), c.everyEnumConstant(), c.defaultValue(),
                conditions);
    }

    // ---- budget, objective, study name --------------------------------------------------------

    private ClassModel.Budget budget(AnnotatedField field, Use use) {
        if (!field.type().isNumeric()) {
            diagnostics.error(field.element(), use.mirror(), null, Message.BUDGET_WRONG_TYPE, field.name(),
                    field.element().asType());
            return null;
        }
        double min = use.number("min");
        double max = use.number("max");
        if (!(min > 0) || Double.isInfinite(min)) {
            diagnostics.error(field.element(), use.mirror(), use.at("min"), Message.BUDGET_MIN_NOT_POSITIVE, field.name(),
                    text(min));
            return null;
        }
        if (!(min < max) || Double.isInfinite(max)) {
            diagnostics.error(field.element(), use.mirror(), use.at("max"), Message.BUDGET_MIN_NOT_BELOW_MAX, field.name(),
                    text(min), text(max));
            return null;
        }
        boolean integer = field.type().isIntegral();
        if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
            diagnostics.error(field.element(), use.mirror(), null, Message.BUDGET_NOT_WHOLE, field.name(), text(min),
                    text(max));
            return null;
        }
        return new ClassModel.Budget(field.name(), target(field), min, max, integer);
    }

    private Optional<ClassModel.Objective> objective(List<AnnotatedMethod> methods) {
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        AnnotatedMethod method = methods.get(0);
        for (AnnotatedMethod extra : methods.subList(1, methods.size())) {
            diagnostics.error(extra.element(), extra.annotation().mirror(), null, Message.OBJECTIVE_TWICE, extra.name(),
                    method.name());
        }
        int errorsBefore = diagnostics.errorCount();
        Set<javax.lang.model.element.Modifier> modifiers = method.element().getModifiers();
        if (modifiers.contains(javax.lang.model.element.Modifier.STATIC)) {
            diagnostics.error(method.element(), Message.OBJECTIVE_STATIC, method.name());
        }
        if (!modifiers.contains(javax.lang.model.element.Modifier.PUBLIC)) {
            diagnostics.error(method.element(), Message.OBJECTIVE_NOT_PUBLIC, method.name());
        }
        List<String> parameters = method.parameterTypes();
        boolean takesContext = parameters.size() == 1 && parameters.get(0).equals(TRIAL_CONTEXT);
        if (!parameters.isEmpty() && !takesContext) {
            diagnostics.error(method.element(), Message.OBJECTIVE_PARAMETERS, method.name(), String.join(", ", parameters));
        }
        if (!OBJECTIVE_RETURNS.contains(method.returnType())) {
            diagnostics.error(method.element(), Message.OBJECTIVE_RETURN, method.name(), method.returnType());
        }
        if (!method.thrownNonExceptions().isEmpty()) {
            diagnostics.error(method.element(), Message.OBJECTIVE_THROWS, method.name(),
                    String.join(", ", method.thrownNonExceptions()));
        }
        if (diagnostics.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        boolean maximize = method.annotation().enumName("direction").equals("MAXIMIZE");
        return Optional.of(new ClassModel.Objective(method.name(), takesContext, maximize));
    }

    private String studyName(AnnotatedClass source) {
        if (source.studyName().isEmpty()) {
            return source.element().getSimpleName().toString();
        }
        Use use = source.studyName().get();
        String name = use.text("value");
        if (!Names.isValidStudyName(name)) {
            diagnostics.error(source.element(), use.mirror(), use.at("value"), Message.BAD_STUDY_NAME, name);
        }
        return name;
    }

    // ---- text ---------------------------------------------------------------------------------

    private static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number as users write it: {@code 1} rather than {@code 1.0}. */
    static String text(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String choiceText(Object choice) {
        if (choice instanceof Initializer.EnumConstant e) {
            return e.name();
        }
        if (choice instanceof Initializer.NullValue) {
            return "null";
        }
        if (choice instanceof Double d) {
            return text(d);
        }
        return String.valueOf(choice);
    }

    private static String exampleOf(Object choice) {
        if (choice instanceof String s) {
            return "\"" + s + "\"";
        }
        return choiceText(choice);
    }

    private static String describe(List<Object> choices) {
        List<String> shown = new ArrayList<>();
        choices.forEach(c -> shown.add(choiceText(c)));
        return "{" + String.join(", ", shown) + "}";
    }

    private static String domainOf(Parameter p) {
        if (p instanceof FloatParameter f) {
            return "[" + text(f.lo()) + ", " + text(f.hi()) + "]";
        }
        if (p instanceof IntParameter i) {
            return "[" + i.lo() + ", " + i.hi() + "]";
        }
        return describe(((CategoricalParameter) p).choices());
    }
}
