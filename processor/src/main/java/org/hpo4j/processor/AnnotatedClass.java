package org.hpo4j.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * A class as the source wrote it: the hpo4j annotations found on it, unchecked. {@link ClassReader}
 * builds it, {@link ClassValidator} checks it and turns it into a {@link ClassModel}. It keeps the
 * elements and annotation mirrors so that errors point at them.
 *
 * @param element the class
 * @param packageName its package, empty for the default package
 * @param nameInPackage its name inside the package, {@code Outer.Inner} for nested classes
 * @param binaryName its binary name, {@code a.b.Outer$Inner}
 * @param visible whether neither it nor an enclosing class is private
 * @param generic whether it has type parameters
 * @param fields the fields that carry an hpo4j annotation: those of superclasses first (the topmost
 *     first), then the class's own, each class's in declaration order
 * @param hidden inherited annotated fields that a field of the class or of a closer superclass hides
 * @param objectives the methods annotated {@code @Objective}: the class's own, else those of the
 *     closest superclass that has any
 * @param studyName the {@code @StudyName} annotation, if any
 * @param hiddenJavaLang {@code java.lang} names that types of the class's package hide
 * @param generatedUsable whether generated files can use {@code @javax.annotation.processing.Generated}
 */
record AnnotatedClass(TypeElement element, String packageName, String nameInPackage, String binaryName,
                      boolean visible, boolean generic, List<AnnotatedField> fields, List<Hiding> hidden,
                      List<AnnotatedMethod> objectives, Optional<Use> studyName, Set<String> hiddenJavaLang,
                      boolean generatedUsable) {

    AnnotatedClass {
        hiddenJavaLang = Set.copyOf(hiddenJavaLang);
        fields = List.copyOf(fields);
        hidden = List.copyOf(hidden);
        objectives = List.copyOf(objectives);
    }

    /**
     * An annotated field.
     *
     * @param element the field
     * @param type what it holds
     * @param isStatic whether it is static
     * @param isFinal whether it is final
     * @param viaVarHandle whether generated code cannot touch the field directly (private, or inherited
     *     from another package without being public) and goes through a VarHandle
     * @param declaring the class that declares the field
     * @param handleType the field's declared type as a VarHandle finds it: {@code type}'s name, or the
     *     erasure of a superclass's type variable ({@code T value} of {@code Base<T>} is an Object field)
     * @param ranges its range annotations ({@code @Uniform}, {@code @LogUniform}, {@code @IntUniform},
     *     {@code @Categorical}) in source order; more than one is an error
     * @param conditions its {@code @Conditional}s
     * @param budget its {@code @Budget}, if any
     * @param initializer what it is initialized to
     */
    record AnnotatedField(VariableElement element, FieldType type, boolean isStatic, boolean isFinal,
                          boolean viaVarHandle, Declaring declaring, String handleType, List<Use> ranges, List<Use> conditions, Optional<Use> budget,
                          Initializer initializer) {
        AnnotatedField {
            ranges = List.copyOf(ranges);
            conditions = List.copyOf(conditions);
        }

        /** The field's name. */
        String name() {
            return element.getSimpleName().toString();
        }
    }

    /**
     * The class that declares a field, as generated code reaches it.
     *
     * @param element the declaring class
     * @param depth 0 for the annotated class itself, 1 for its superclass, and so on
     * @param reference how generated code in the annotated class's package names the declaring class;
     *     empty when it cannot (a package-private class of another package), so generated code walks
     *     {@code getSuperclass()} {@code depth} times instead
     */
    record Declaring(TypeElement element, int depth, Optional<String> reference) {
        /** Whether the field is inherited rather than the class's own. */
        boolean inherited() {
            return depth > 0;
        }
    }

    /**
     * An inherited annotated field hidden by a field of the same name further down the hierarchy;
     * generated code could not tell the two apart, so this is an error.
     *
     * @param hiding the field that hides, in the class or a closer superclass
     * @param hidden the annotated field it hides
     */
    record Hiding(VariableElement hiding, AnnotatedField hidden) {
    }

    /**
     * A method annotated {@code @Objective}.
     *
     * @param element the method
     * @param annotation the {@code @Objective}
     * @param parameterTypes its parameter types, as qualified names
     * @param returnType its return type, as written by the compiler
     * @param thrownNonExceptions declared thrown types that are neither exceptions nor errors
     * @param returnedRecord the record it returns, if it returns one (several objectives)
     */
    record AnnotatedMethod(ExecutableElement element, Use annotation, List<String> parameterTypes,
                           String returnType, List<String> thrownNonExceptions, Optional<AnnotatedRecord> returnedRecord) {
        AnnotatedMethod {
            parameterTypes = List.copyOf(parameterTypes);
            thrownNonExceptions = List.copyOf(thrownNonExceptions);
        }

        /** The method's name. */
        String name() {
            return element.getSimpleName().toString();
        }
    }

    /**
     * The record an {@code @Objective} method returns.
     *
     * @param element the record
     * @param visible whether the generated injector, in the annotated class's package, can use it
     *     (neither it nor a type enclosing it is private)
     * @param components its components in declaration order
     */
    record AnnotatedRecord(TypeElement element, boolean visible, List<AnnotatedComponent> components) {
        AnnotatedRecord {
            components = List.copyOf(components);
        }
    }

    /**
     * A component of the record an {@code @Objective} method returns.
     *
     * @param element where errors about the component go: its field (declared at the component)
     * @param type its type, as the compiler writes it
     * @param numeric whether it is a number the study can compare (a primitive number or its box)
     * @param directions its {@code @Minimize} / {@code @Maximize}
     * @param bounds its {@code @AtMost} / {@code @AtLeast}
     */
    record AnnotatedComponent(Element element, String type, boolean numeric, List<Use> directions, List<Use> bounds) {
        AnnotatedComponent {
            directions = List.copyOf(directions);
            bounds = List.copyOf(bounds);
        }

        /** The component's name. */
        String name() {
            return element.getSimpleName().toString();
        }
    }

    /**
     * One annotation on an element with its values.
     *
     * @param simpleName the annotation's simple name, e.g. {@code Uniform}
     * @param mirror where it is, for errors
     * @param values every attribute's value, defaults included, as {@link AnnotationValue#getValue()}
     *     gives it ({@code Double}, {@code Long}, {@code Boolean}, {@code String}, lists of
     *     {@code AnnotationValue}, {@code VariableElement} for enum constants)
     * @param explicit the attributes written in the source, for errors at them
     */
    record Use(String simpleName, AnnotationMirror mirror, Map<String, Object> values,
               Map<String, AnnotationValue> explicit) {
        Use {
            values = Map.copyOf(values);
            explicit = Map.copyOf(explicit);
        }

        double number(String attribute) {
            return ((Number) values.get(attribute)).doubleValue();
        }

        long integer(String attribute) {
            return ((Number) values.get(attribute)).longValue();
        }

        boolean flag(String attribute) {
            return (Boolean) values.get(attribute);
        }

        String text(String attribute) {
            return (String) values.get(attribute);
        }

        List<String> texts(String attribute) {
            return ((List<?>) values.get(attribute)).stream()
                    .map(v -> (String) ((AnnotationValue) v).getValue())
                    .toList();
        }

        String enumName(String attribute) {
            return ((VariableElement) values.get(attribute)).getSimpleName().toString();
        }

        /** The attribute's value in the source, or null if it takes its default. */
        AnnotationValue at(String attribute) {
            return explicit.get(attribute);
        }
    }
}
