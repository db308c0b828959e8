package org.hpo4j.processor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.TypeElement;

/**
 * A checked annotated class: everything the writers need and nothing they must check again.
 *
 * @param element the class, the originating element of the generated files
 * @param packageName its package, empty for the default package
 * @param nameInPackage its name inside the package, {@code Outer.Inner} for nested classes
 * @param binaryName its binary name, for the objective index
 * @param parameters the hyperparameters in declaration order
 * @param budget the fidelity, if any
 * @param objective the objective, if any
 * @param studyName the study name
 * @param hiddenJavaLang {@code java.lang} names the class's package hides with types of its own
 * @param markGenerated whether generated files can carry {@code @javax.annotation.processing.Generated}:
 *     the platform has it and the class's module, if named, reads {@code java.compiler}
 */
record ClassModel(TypeElement element, String packageName, String nameInPackage, String binaryName,
                  List<Parameter> parameters, Optional<Budget> budget, Optional<Objective> objective,
                  String studyName, Set<String> hiddenJavaLang, boolean markGenerated) {

    ClassModel {
        parameters = List.copyOf(parameters);
        hiddenJavaLang = Set.copyOf(hiddenJavaLang);
    }

    /** How generated code names the class. */
    String reference() {
        return Names.reference(packageName.isEmpty() ? nameInPackage : packageName + "." + nameInPackage, packageName);
    }

    /** The generated search space's simple name. */
    String searchSpaceName() {
        return Names.flat(nameInPackage) + "SearchSpace";
    }

    /** The generated injector's simple name. */
    String injectorName() {
        return Names.flat(nameInPackage) + "Injector";
    }

    /**
     * The field a value goes into.
     *
     * @param name the field's name
     * @param type what it holds
     * @param viaVarHandle whether generated code cannot touch it directly (private, or inherited from
     *     another package) and uses a VarHandle
     * @param owner how generated code names the class that declares it; empty when it cannot
     * @param ownerDepth how many {@code getSuperclass()} steps lead from the annotated class to the
     *     declaring class (0 for the class's own fields)
     * @param handleType the type a VarHandle on the field is looked up with (the declared type, erased)
     */
    record Field(String name, FieldType type, boolean viaVarHandle, Optional<String> owner, int ownerDepth,
                 String handleType) {
    }

    /** A hyperparameter. */
    sealed interface Parameter {
        /** The key in configurations. */
        String name();

        /** The field it is injected into. */
        Field field();

        /** The conditions for it to be active, all of which must hold. */
        List<Condition> conditions();
    }

    /**
     * A real-valued hyperparameter.
     *
     * @param defaultValue the initializer, empty when the source could not be read
     */
    record FloatParameter(String name, Field field, double lo, double hi, boolean log, double step,
                          Optional<Double> defaultValue, List<Condition> conditions) implements Parameter {
        FloatParameter {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * An integer hyperparameter.
     *
     * @param step distance between neighbouring values, 1 for every integer; {@code hi - lo} is a multiple
     * @param defaultValue the initializer, on the grid; empty when the source could not be read
     */
    record IntParameter(String name, Field field, long lo, long hi, boolean log, long step, Optional<Long> defaultValue,
                        List<Condition> conditions) implements Parameter {
        IntParameter {
            conditions = List.copyOf(conditions);
        }
    }

    /**
     * A hyperparameter with unordered choices.
     *
     * @param choices the choices: {@code String}, {@code Boolean}, {@code Long}, {@code Double}, or
     *     {@link Initializer.EnumConstant} for enums
     * @param everyEnumConstant whether the choices are all of an enum's constants, in order
     * @param defaultValue the initializer, one of the choices; empty when the source could not be read
     */
    record CategoricalParameter(String name, Field field, List<Object> choices, boolean everyEnumConstant,
                                Optional<Object> defaultValue, List<Condition> conditions) implements Parameter {
        CategoricalParameter {
            choices = List.copyOf(choices);
            conditions = List.copyOf(conditions);
        }

        /** Whether every choice is a number, so comparisons apply. */
        boolean numeric() {
            return choices.get(0) instanceof Long || choices.get(0) instanceof Double;
        }
    }

    /** The tests a condition makes, as the runtime's {@code Condition} factories name them. */
    enum Operator {
        IN("in", "in"), AT_LEAST("atLeast", ">="), GREATER_THAN("greaterThan", ">"), AT_MOST("atMost", "<="),
        LESS_THAN("lessThan", "<");

        private final String factory;
        private final String symbol;

        Operator(String factory, String symbol) {
            this.factory = factory;
            this.symbol = symbol;
        }

        /** The {@code Condition} factory method (and the annotation attribute) of this test. */
        String factory() {
            return factory;
        }

        /** The test as a symbol, for messages. */
        String symbol() {
            return symbol;
        }
    }

    /**
     * A condition on a parent parameter.
     *
     * @param parent the parent's parameter name
     * @param operator the test
     * @param values for {@link Operator#IN}: values of the parent's own value type (see
     *     {@link CategoricalParameter#choices()}; {@code Long} or {@code Double} for numeric parents)
     * @param threshold for comparisons
     */
    record Condition(String parent, Operator operator, List<Object> values, double threshold) {
        Condition {
            values = List.copyOf(values);
        }
    }

    /**
     * The fidelity.
     *
     * @param name the budget's name (its field's name)
     * @param integer whether the field holds integers
     */
    record Budget(String name, Field field, double min, double max, boolean integer) {
    }

    /**
     * The objective method.
     *
     * @param methodName the method
     * @param takesContext whether it takes a {@code TrialContext}
     * @param maximize whether larger values are better (for a record: whether its first objective is maximized)
     * @param components the components of the record it returns, in declaration order; empty when it
     *     returns a number
     */
    record Objective(String methodName, boolean takesContext, boolean maximize, List<Component> components) {
        Objective {
            components = List.copyOf(components);
        }

        /** Whether the method returns a record of several objectives. */
        boolean returnsRecord() {
            return !components.isEmpty();
        }
    }

    /**
     * A component of the record an objective returns.
     *
     * @param name the component (its accessor has the same name)
     * @param objective whether it is an objective ({@code @Minimize} or {@code @Maximize})
     * @param maximize whether it is maximized
     * @param bounds its constraints
     */
    record Component(String name, boolean objective, boolean maximize, List<Bound> bounds) {
        Component {
            bounds = List.copyOf(bounds);
        }
    }

    /**
     * A constraint on a component.
     *
     * @param atMost whether it is {@code @AtMost} (else {@code @AtLeast})
     * @param limit the bound
     */
    record Bound(boolean atMost, double limit) {
    }
}
