package org.hpo4j.processor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Reads a class's hpo4j annotations into an {@link AnnotatedClass}; checks nothing. */
final class ClassReader {
    static final String PACKAGE = "org.hpo4j.annotations";
    static final Set<String> RANGES = Set.of("Uniform", "LogUniform", "IntUniform", "Categorical");

    private final Elements elements;
    private final Types types;
    private final InitializerReader initializers;

    ClassReader(Elements elements, Types types, InitializerReader initializers) {
        this.elements = elements;
        this.types = types;
        this.initializers = initializers;
    }

    /** Whether an element carries any hpo4j annotation. */
    static boolean isAnnotated(Element element) {
        return element.getAnnotationMirrors().stream().anyMatch(m -> packageOf(m).equals(PACKAGE));
    }

    AnnotatedClass read(TypeElement type) {
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String nameInPackage = Names.relativeTo(type.getQualifiedName().toString(), packageName);
        List<AnnotatedClass.AnnotatedField> fields = new ArrayList<>();
        List<AnnotatedClass.AnnotatedMethod> objectives = new ArrayList<>();
        for (Element member : type.getEnclosedElements()) {
            if (member.getKind() == ElementKind.FIELD && isAnnotated(member)) {
                fields.add(readField((VariableElement) member, packageName));
            } else if (member.getKind() == ElementKind.METHOD) {
                Optional<AnnotatedClass.Use> objective = uses(member, "Objective").stream().findFirst();
                objective.ifPresent(use -> objectives.add(readMethod((ExecutableElement) member, use)));
            }
        }
        Optional<AnnotatedClass.Use> studyName = uses(type, "StudyName").stream().findFirst();
        Set<String> hidden = new TreeSet<>();
        for (String name : Imports.JAVA_LANG) {
            if (elements.getTypeElement(packageName.isEmpty() ? name : packageName + "." + name) != null
                    && !packageName.isEmpty()) {
                hidden.add(name);
            }
        }
        return new AnnotatedClass(type, packageName, nameInPackage, elements.getBinaryName(type).toString(),
                FieldType.visibleInPackage(type), !type.getTypeParameters().isEmpty(), fields, objectives, studyName,
                hidden, generatedUsable(type));
    }

    /**
     * Whether code next to {@code type} can name {@code javax.annotation.processing.Generated}: a
     * named module must read {@code java.compiler}, which most do not.
     */
    private boolean generatedUsable(TypeElement type) {
        if (elements.getTypeElement(Hpo4jProcessor.GENERATED) == null) {
            return false;
        }
        ModuleElement module = elements.getModuleOf(type);
        if (module == null || module.isUnnamed()) {
            return true;
        }
        for (ModuleElement.Directive directive : module.getDirectives()) {
            if (directive instanceof ModuleElement.RequiresDirective requires
                    && requires.getDependency().getQualifiedName().contentEquals("java.compiler")) {
                return true;
            }
        }
        return false;
    }

    private AnnotatedClass.AnnotatedField readField(VariableElement field, String packageName) {
        List<AnnotatedClass.Use> ranges = new ArrayList<>();
        List<AnnotatedClass.Use> conditions = new ArrayList<>();
        Optional<AnnotatedClass.Use> budget = Optional.empty();
        for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
            if (!packageOf(mirror).equals(PACKAGE)) {
                continue;
            }
            String name = simpleName(mirror);
            if (RANGES.contains(name)) {
                ranges.add(use(mirror));
            } else if (name.equals("Conditional")) {
                conditions.add(use(mirror));
            } else if (name.equals("Conditionals")) {
                // the compiler's container of repeated @Conditional: unwrap it
                for (Object nested : (List<?>) use(mirror).values().get("value")) {
                    conditions.add(use((AnnotationMirror) ((AnnotationValue) nested).getValue()));
                }
            } else if (name.equals("Budget") && budget.isEmpty()) {
                budget = Optional.of(use(mirror));
            }
        }
        Set<Modifier> modifiers = field.getModifiers();
        return new AnnotatedClass.AnnotatedField(field, FieldType.of(field.asType(), packageName),
                modifiers.contains(Modifier.STATIC), modifiers.contains(Modifier.FINAL),
                modifiers.contains(Modifier.PRIVATE), ranges, conditions, budget, initializers.read(field));
    }

    private AnnotatedClass.AnnotatedMethod readMethod(ExecutableElement method, AnnotatedClass.Use annotation) {
        List<String> parameters = method.getParameters().stream()
                .map(p -> types.erasure(p.asType()).toString())
                .toList();
        TypeMirror exception = elements.getTypeElement("java.lang.Exception").asType();
        TypeMirror error = elements.getTypeElement("java.lang.Error").asType();
        List<String> odd = method.getThrownTypes().stream()
                .filter(t -> !types.isAssignable(t, exception) && !types.isAssignable(t, error))
                .map(TypeMirror::toString)
                .toList();
        return new AnnotatedClass.AnnotatedMethod(method, annotation, parameters, method.getReturnType().toString(), odd);
    }

    private List<AnnotatedClass.Use> uses(Element element, String simpleName) {
        List<AnnotatedClass.Use> found = new ArrayList<>();
        for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
            if (packageOf(mirror).equals(PACKAGE) && simpleName(mirror).equals(simpleName)) {
                found.add(use(mirror));
            }
        }
        return found;
    }

    private AnnotatedClass.Use use(AnnotationMirror mirror) {
        Map<String, Object> values = new HashMap<>();
        elements.getElementValuesWithDefaults(mirror)
                .forEach((attribute, value) -> values.put(attribute.getSimpleName().toString(), value.getValue()));
        Map<String, AnnotationValue> explicit = new HashMap<>();
        mirror.getElementValues()
                .forEach((attribute, value) -> explicit.put(attribute.getSimpleName().toString(), value));
        return new AnnotatedClass.Use(simpleName(mirror), mirror, values, explicit);
    }

    private static String simpleName(AnnotationMirror mirror) {
        return mirror.getAnnotationType().asElement().getSimpleName().toString();
    }

    private static String packageOf(AnnotationMirror mirror) {
        Element e = mirror.getAnnotationType().asElement();
        String qualified = ((TypeElement) e).getQualifiedName().toString();
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? "" : qualified.substring(0, dot);
    }
}
