package org.hpo4j.processor;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
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
 * @param fields the fields that carry an hpo4j annotation, in declaration order
 * @param objectives the methods annotated {@code @Objective}
 * @param studyName the {@code @StudyName} annotation, if any
 * @param hiddenJavaLang {@code java.lang} names that types of the class's package hide
 * @param generatedUsable whether generated files can use {@code @javax.annotation.processing.Generated}
 */
record AnnotatedClass(TypeElement element, String packageName, String nameInPackage, String binaryName,
                      boolean visible, boolean generic, List<AnnotatedField> fields,
                      List<AnnotatedMethod> objectives, Optional<Use> studyName, Set<String> hiddenJavaLang,
                      boolean generatedUsable) {

    AnnotatedClass {
        hiddenJavaLang = Set.copyOf(hiddenJavaLang);
        fields = List.copyOf(fields);
        objectives = List.copyOf(objectives);
    }

    /**
     * An annotated field.
     *
     * @param element the field
     * @param type what it holds
     * @param isStatic whether it is static
     * @param isFinal whether it is final
     * @param isPrivate whether generated code must go through a VarHandle
     * @param ranges its range annotations ({@code @Uniform}, {@code @LogUniform}, {@code @IntUniform},
     *     {@code @Categorical}) in source order; more than one is an error
     * @param conditions its {@code @Conditional}s
     * @param budget its {@code @Budget}, if any
     * @param initializer what it is initialized to
     */
    record AnnotatedField(VariableElement element, FieldType type, boolean isStatic, boolean isFinal,
                          boolean isPrivate, List<Use> ranges, List<Use> conditions, Optional<Use> budget,
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
     * A method annotated {@code @Objective}.
     *
     * @param element the method
     * @param annotation the {@code @Objective}
     * @param parameterTypes its parameter types, as qualified names
     * @param returnType its return type, as written by the compiler
     * @param thrownNonExceptions declared thrown types that are neither exceptions nor errors
     */
    record AnnotatedMethod(ExecutableElement element, Use annotation, List<String> parameterTypes,
                           String returnType, List<String> thrownNonExceptions) {
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
