package org.hpo4j.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Modifier;
import org.hpo4j.inject.StudyNames;
import org.hpo4j.processor.AnnotatedClass.AnnotatedField;
import org.hpo4j.processor.AnnotatedClass.AnnotatedMethod;
import org.hpo4j.processor.AnnotatedClass.Use;
import org.hpo4j.processor.ClassModel.Parameter;

/**
 * Checks an {@link AnnotatedClass} and turns it into a {@link ClassModel}. Every problem is
 * reported (not only the first), each at the element and annotation it concerns; a class with any
 * error gives no model, so nothing is written for it.
 */
final class ClassValidator {
    private static final String TRIAL_CONTEXT = "org.hpo4j.trial.TrialContext";
    private static final Set<String> OBJECTIVE_RETURNS = Set.of("double", "float", "int", "long",
            "java.lang.Double", "java.lang.Float", "java.lang.Integer", "java.lang.Long");

    private final Diagnostics diagnostics;
    private final ParameterValidator parameters;
    private final ConditionValidator conditions;

    ClassValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
        this.parameters = new ParameterValidator(diagnostics);
        this.conditions = new ConditionValidator(diagnostics);
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
        for (AnnotatedClass.Hiding h : source.hidden()) {
            AnnotatedField hidden = h.hidden();
            diagnostics.error(h.hiding(), Message.FIELD_HIDES_INHERITED, h.hiding().getSimpleName(),
                    h.hiding().getEnclosingElement(), hidden.name(), hidden.declaring().element().getQualifiedName());
            // conditions on it are not reported as unknown parents as well
            failed.add(hidden.name());
            if (!hidden.ranges().isEmpty()) {
                failed.add(ParameterValidator.givenName(hidden, hidden.ranges().get(0)));
            }
        }

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
            Parameter parameter = diagnostics.errorCount() == errorsAtField ? this.parameters.parameter(field, field.ranges().get(0)) : null;
            if (parameter == null) {
                failed.add(field.name());
                failed.add(ParameterValidator.givenName(field, field.ranges().get(0)));
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
                        shown(field), parameter.name(), shown(fieldOfParameter.get(previous.name())));
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

        List<Parameter> conditioned = conditions.withConditions(parameters, fieldOfParameter, parameterOfField, failed);

        Optional<ClassModel.Objective> objective = objective(source.objectives());
        String studyName = studyName(source);

        if (diagnostics.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        return Optional.of(new ClassModel(source.element(), source.packageName(), source.nameInPackage(),
                source.binaryName(), conditioned, Optional.ofNullable(budget), objective,
                studyName, source.hiddenJavaLang(), source.generatedUsable()));
    }

    /** A field as messages name it: inherited ones with their class, so that both places can be found. */
    private static String shown(AnnotatedField field) {
        return field.declaring().inherited()
                ? field.declaring().element().getSimpleName() + "." + field.name()
                : field.name();
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
                    Texts.text(min));
            return null;
        }
        if (!(min < max) || Double.isInfinite(max)) {
            diagnostics.error(field.element(), use.mirror(), use.at("max"), Message.BUDGET_MIN_NOT_BELOW_MAX, field.name(),
                    Texts.text(min), Texts.text(max));
            return null;
        }
        boolean integer = field.type().isIntegral();
        if (integer && (min != Math.rint(min) || max != Math.rint(max))) {
            diagnostics.error(field.element(), use.mirror(), null, Message.BUDGET_NOT_WHOLE, field.name(), Texts.text(min),
                    Texts.text(max));
            return null;
        }
        return new ClassModel.Budget(field.name(), ParameterValidator.target(field), min, max, integer);
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
        Set<Modifier> modifiers = method.element().getModifiers();
        if (modifiers.contains(Modifier.STATIC)) {
            diagnostics.error(method.element(), Message.OBJECTIVE_STATIC, method.name());
        }
        if (!modifiers.contains(Modifier.PUBLIC)) {
            diagnostics.error(method.element(), Message.OBJECTIVE_NOT_PUBLIC, method.name());
        }
        List<String> parameters = method.parameterTypes();
        boolean takesContext = parameters.size() == 1 && parameters.get(0).equals(TRIAL_CONTEXT);
        if (!parameters.isEmpty() && !takesContext) {
            diagnostics.error(method.element(), Message.OBJECTIVE_PARAMETERS, method.name(), String.join(", ", parameters));
        }
        List<ClassModel.Component> components = List.of();
        if (method.returnedRecord().isPresent()) {
            components = components(method, method.returnedRecord().get());
        } else if (!OBJECTIVE_RETURNS.contains(method.returnType())) {
            diagnostics.error(method.element(), Message.OBJECTIVE_RETURN, method.name(), method.returnType());
        }
        if (!method.thrownNonExceptions().isEmpty()) {
            diagnostics.error(method.element(), Message.OBJECTIVE_THROWS, method.name(),
                    String.join(", ", method.thrownNonExceptions()));
        }
        if (diagnostics.errorCount() != errorsBefore) {
            return Optional.empty();
        }
        boolean maximize = components.isEmpty()
                ? method.annotation().enumName("direction").equals("MAXIMIZE")
                : components.stream().filter(ClassModel.Component::objective).findFirst().orElseThrow().maximize();
        return Optional.of(new ClassModel.Objective(method.name(), takesContext, maximize, components));
    }

    /** The checked components of the record an objective returns; errors at the components they concern. */
    private List<ClassModel.Component> components(AnnotatedMethod method, AnnotatedClass.AnnotatedRecord record) {
        String recordName = record.element().getSimpleName().toString();
        if (!record.visible()) {
            diagnostics.error(method.element(), Message.OBJECTIVE_RECORD_PRIVATE, method.name(),
                    record.element().getQualifiedName());
        }
        if (method.annotation().explicit().containsKey("direction")) {
            diagnostics.error(method.element(), method.annotation().mirror(), method.annotation().at("direction"),
                    Message.OBJECTIVE_RECORD_DIRECTION, method.name(), recordName);
        }
        List<ClassModel.Component> components = new ArrayList<>();
        List<String> objectives = new ArrayList<>();
        for (AnnotatedClass.AnnotatedComponent c : record.components()) {
            int errorsBefore = diagnostics.errorCount();
            if (c.directions().isEmpty() && c.bounds().isEmpty()) {
                diagnostics.error(c.element(), Message.COMPONENT_UNMARKED, c.name(), recordName);
                continue;
            }
            if (c.directions().size() > 1) {
                diagnostics.error(c.element(), Message.COMPONENT_TWO_DIRECTIONS,
                        c.name(), recordName);
            }
            List<Use> marks = new ArrayList<>(c.directions());
            marks.addAll(c.bounds());
            if (!c.numeric()) {
                diagnostics.error(c.element(), Message.COMPONENT_NOT_NUMERIC,
                        marks.get(0).simpleName(), c.name(), recordName, c.type());
            }
            List<ClassModel.Bound> bounds = new ArrayList<>();
            for (Use bound : c.bounds()) {
                double limit = bound.number("value");
                if (!Double.isFinite(limit)) {
                    diagnostics.error(c.element(), Message.COMPONENT_BOUND_NOT_FINITE,
                            bound.simpleName(), c.name(), recordName, Texts.text(limit));
                }
                bounds.add(new ClassModel.Bound(bound.simpleName().equals("AtMost"), limit));
            }
            boolean objective = !c.directions().isEmpty();
            if (objective) {
                objectives.add(c.name());
            }
            if (diagnostics.errorCount() == errorsBefore) {
                components.add(new ClassModel.Component(c.name(), objective,
                        objective && c.directions().get(0).simpleName().equals("Maximize"), bounds));
            }
        }
        if (objectives.size() < 2 || objectives.size() > 4) {
            diagnostics.error(record.element(), Message.OBJECTIVE_RECORD_COUNT, method.name(), recordName,
                    objectives.size(), objectives.isEmpty() ? "none" : String.join(", ", objectives));
        }
        return components;
    }

    private String studyName(AnnotatedClass source) {
        if (source.studyName().isEmpty()) {
            return source.element().getSimpleName().toString();
        }
        Use use = source.studyName().get();
        String name = use.text("value");
        if (!StudyNames.isValid(name)) {
            diagnostics.error(source.element(), use.mirror(), use.at("value"), Message.BAD_STUDY_NAME, name,
                    StudyNames.RULE);
        }
        return StudyNames.normalize(name);
    }
}
