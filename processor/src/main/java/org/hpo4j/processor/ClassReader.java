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
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
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
    /** The primitive types an objective's record component may have (or their boxes). */
    private static final Set<TypeKind> NUMBERS = Set.of(TypeKind.DOUBLE, TypeKind.FLOAT, TypeKind.INT, TypeKind.LONG);

    static boolean isAnnotated(Element element) {
        return element.getAnnotationMirrors().stream().anyMatch(m -> packageOf(m).equals(PACKAGE));
    }

    /**
     * The superclasses of {@code type}, closest first, without {@code java.lang.Object}; stops at a
     * superclass the compiler cannot resolve (yet).
     */
    static List<TypeElement> superclasses(TypeElement type) {
        List<TypeElement> chain = new ArrayList<>();
        for (TypeMirror s = type.getSuperclass(); s.getKind() == TypeKind.DECLARED; ) {
            TypeElement e = (TypeElement) ((DeclaredType) s).asElement();
            if (e.getQualifiedName().contentEquals("java.lang.Object")) {
                break;
            }
            chain.add(e);
            s = e.getSuperclass();
        }
        return chain;
    }

    AnnotatedClass read(TypeElement type) {
        String packageName = elements.getPackageOf(type).getQualifiedName().toString();
        String nameInPackage = Names.relativeTo(type.getQualifiedName().toString(), packageName);
        // hierarchy.get(d) is the class at depth d: the class itself, then its superclasses
        List<TypeElement> hierarchy = new ArrayList<>();
        hierarchy.add(type);
        hierarchy.addAll(superclasses(type));
        List<AnnotatedClass.AnnotatedField> fields = new ArrayList<>();
        List<AnnotatedClass.Hiding> hidings = new ArrayList<>();
        // the topmost superclass first, as Java initializes them
        for (int depth = hierarchy.size() - 1; depth >= 0; depth--) {
            TypeElement owner = hierarchy.get(depth);
            for (Element member : owner.getEnclosedElements()) {
                if (member.getKind() != ElementKind.FIELD || !isAnnotated(member)) {
                    continue;
                }
                AnnotatedClass.AnnotatedField field = readField((VariableElement) member, type, packageName, owner, depth);
                Optional<VariableElement> hiding = hidingField(hierarchy, depth, field.name());
                if (hiding.isPresent()) {
                    hidings.add(new AnnotatedClass.Hiding(hiding.get(), field));
                } else {
                    fields.add(field);
                }
            }
        }
        List<AnnotatedClass.AnnotatedMethod> objectives = new ArrayList<>();
        // the class's own @Objective, else the closest superclass's (a call on the instance reaches overrides)
        for (int depth = 0; depth < hierarchy.size() && objectives.isEmpty(); depth++) {
            for (Element member : hierarchy.get(depth).getEnclosedElements()) {
                if (member.getKind() == ElementKind.METHOD) {
                    Optional<AnnotatedClass.Use> objective = uses(member, "Objective").stream().findFirst();
                    objective.ifPresent(use -> objectives.add(readMethod((ExecutableElement) member, use)));
                }
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
                FieldType.visibleInPackage(type), !type.getTypeParameters().isEmpty(), fields, hidings, objectives, studyName,
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

    /** A field named {@code name} in a class closer to {@code hierarchy.get(0)} than depth {@code depth}. */
    private static Optional<VariableElement> hidingField(List<TypeElement> hierarchy, int depth, String name) {
        // the closest hiding field is the one a reader of the subclass sees
        for (int d = 0; d < depth; d++) {
            for (Element member : hierarchy.get(d).getEnclosedElements()) {
                if (member.getKind() == ElementKind.FIELD && member.getSimpleName().contentEquals(name)) {
                    return Optional.of((VariableElement) member);
                }
            }
        }
        return Optional.empty();
    }

    /** {@code owner} as generated code in {@code packageName} sees it: named if it can be, else only by depth. */
    private AnnotatedClass.Declaring declaring(TypeElement owner, int depth, String packageName) {
        String ownerPackage = elements.getPackageOf(owner).getQualifiedName().toString();
        boolean nameable = ownerPackage.equals(packageName) ? FieldType.visibleInPackage(owner) : isPublicEverywhere(owner);
        Optional<String> reference = nameable
                ? Optional.of(Names.reference(owner.getQualifiedName().toString(), packageName))
                : Optional.empty();
        return new AnnotatedClass.Declaring(owner, depth, reference);
    }

    /**
     * The type a VarHandle on the field is looked up with: what the class declares, erased, which
     * differs from the field's type in the subclass only for a superclass's type variable.
     */
    private String handleType(VariableElement field, FieldType asMember) {
        if (field.asType().getKind() != TypeKind.TYPEVAR) {
            return asMember.sourceName();
        }
        return types.erasure(field.asType()).toString();
    }

    /** Whether the type and every type enclosing it are public. */
    private static boolean isPublicEverywhere(Element element) {
        for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (!e.getModifiers().contains(Modifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private AnnotatedClass.AnnotatedField readField(VariableElement field, TypeElement type, String packageName,
                                                    TypeElement owner, int depth) {
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
        AnnotatedClass.Declaring declaring = declaring(owner, depth, packageName);
        // direct access needs the field accessible from the injector's package: not private, and in that
        // package or public in a public class; anything else goes through a VarHandle
        boolean samePackage = elements.getPackageOf(owner).equals(elements.getPackageOf(type));
        boolean direct = !modifiers.contains(Modifier.PRIVATE)
                && (samePackage || (modifiers.contains(Modifier.PUBLIC) && isPublicEverywhere(owner)));
        // as a member of the annotated class, so that a superclass's type variable reads as its argument
        TypeMirror fieldType = depth == 0 ? field.asType() : types.asMemberOf((DeclaredType) type.asType(), field);
        Initializer initializer = initializers.read(field);
        // javac has trees for every source of the compilation, so a missing one means a class file
        if (depth > 0 && initializer instanceof Initializer.Unknown unknown && unknown.reason().equals(InitializerReader.NO_TREE)) {
            initializer = new Initializer.Unknown("it is inherited from " + owner.getQualifiedName()
                    + ", which this compilation has as a class file, not as source");
        }
        FieldType kind = FieldType.of(fieldType, packageName);
        return new AnnotatedClass.AnnotatedField(field, kind, modifiers.contains(Modifier.STATIC),
                modifiers.contains(Modifier.FINAL), !direct, declaring, handleType(field, kind), ranges, conditions,
                budget, initializer);
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
        return new AnnotatedClass.AnnotatedMethod(method, annotation, parameters, method.getReturnType().toString(), odd,
                returnedRecord(method.getReturnType()));
    }

    private Optional<AnnotatedClass.AnnotatedRecord> returnedRecord(TypeMirror returned) {
        if (returned.getKind() != TypeKind.DECLARED || ((DeclaredType) returned).asElement().getKind() != ElementKind.RECORD) {
            return Optional.empty();
        }
        TypeElement record = (TypeElement) ((DeclaredType) returned).asElement();
        List<AnnotatedClass.AnnotatedComponent> components = new ArrayList<>();
        for (RecordComponentElement component : record.getRecordComponents()) {
            List<AnnotatedClass.Use> directions = new ArrayList<>(uses(component, "Minimize"));
            directions.addAll(uses(component, "Maximize"));
            List<AnnotatedClass.Use> bounds = new ArrayList<>(uses(component, "AtMost"));
            bounds.addAll(uses(component, "AtLeast"));
            TypeMirror type = component.asType();
            boolean numeric = NUMBERS.contains(type.getKind())
                    || NUMBERS.stream().anyMatch(kind -> types.isSameType(type, types.boxedClass(types.getPrimitiveType(kind)).asType()));
            // javac places no diagnostic at a record component, but at its field, which is declared at the component
            Element where = record.getEnclosedElements().stream().<Element>map(e -> e)
                    .filter(e -> e.getKind() == ElementKind.FIELD && e.getSimpleName().equals(component.getSimpleName()))
                    .findFirst().orElse(component);
            components.add(new AnnotatedClass.AnnotatedComponent(where, type.toString(), numeric, directions, bounds));
        }
        return Optional.of(new AnnotatedClass.AnnotatedRecord(record, FieldType.visibleInPackage(record), components));
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
