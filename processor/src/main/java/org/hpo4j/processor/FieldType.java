package org.hpo4j.processor;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * What a field holds, as far as hpo4j cares: a number, text, a boolean or an enum, and whether it
 * is a box (which may be null and needs an initializer).
 *
 * @param kind the kind of value
 * @param boxed whether the field is a box ({@code Double}, ...) rather than a primitive
 * @param sourceName the type as written in generated code, e.g. {@code double}, {@code Integer},
 *     {@code Outer.Opt}
 * @param enumConstants the constants, in declaration order, when the kind is {@link Kind#ENUM}
 * @param accessible whether generated code in the field's package can name the type
 */
record FieldType(Kind kind, boolean boxed, String sourceName, List<String> enumConstants, boolean accessible) {

    /** Kinds of field values hpo4j can set. */
    enum Kind {
        DOUBLE("double"), FLOAT("float"), INT("int"), LONG("long"), BOOLEAN("boolean"), STRING("String"),
        ENUM("enum"), OTHER("other");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The kind as users write it, for messages. */
        String word() {
            return word;
        }
    }

    FieldType {
        enumConstants = List.copyOf(enumConstants);
    }

    /** Whether the kind is an integer or floating-point number. */
    boolean isNumeric() {
        return kind == Kind.DOUBLE || kind == Kind.FLOAT || kind == Kind.INT || kind == Kind.LONG;
    }

    /** Whether the kind is {@code int} or {@code long} (boxed or not). */
    boolean isIntegral() {
        return kind == Kind.INT || kind == Kind.LONG;
    }

    /** Whether the field is a reference that Java initializes to null. */
    boolean nullable() {
        return boxed || kind == Kind.STRING || kind == Kind.ENUM || kind == Kind.OTHER;
    }

    /** Classifies a field's declared type; {@code packageName} is where generated code will live. */
    static FieldType of(TypeMirror type, String packageName) {
        switch (type.getKind()) {
            case DOUBLE:
                return primitive(Kind.DOUBLE);
            case FLOAT:
                return primitive(Kind.FLOAT);
            case INT:
                return primitive(Kind.INT);
            case LONG:
                return primitive(Kind.LONG);
            case BOOLEAN:
                return primitive(Kind.BOOLEAN);
            case DECLARED:
                return declared((TypeElement) ((DeclaredType) type).asElement(), type, packageName);
            default:
                return new FieldType(Kind.OTHER, false, type.toString(), List.of(), true);
        }
    }

    private static FieldType primitive(Kind kind) {
        return new FieldType(kind, false, kind.word(), List.of(), true);
    }

    private static FieldType declared(TypeElement element, TypeMirror type, String packageName) {
        String name = element.getQualifiedName().toString();
        switch (name) {
            case "java.lang.Double":
                return new FieldType(Kind.DOUBLE, true, "Double", List.of(), true);
            case "java.lang.Float":
                return new FieldType(Kind.FLOAT, true, "Float", List.of(), true);
            case "java.lang.Integer":
                return new FieldType(Kind.INT, true, "Integer", List.of(), true);
            case "java.lang.Long":
                return new FieldType(Kind.LONG, true, "Long", List.of(), true);
            case "java.lang.Boolean":
                return new FieldType(Kind.BOOLEAN, true, "Boolean", List.of(), true);
            case "java.lang.String":
                return new FieldType(Kind.STRING, false, "String", List.of(), true);
            default:
                break;
        }
        if (element.getKind() != ElementKind.ENUM) {
            return new FieldType(Kind.OTHER, false, type.toString(), List.of(), true);
        }
        List<String> constants = element.getEnclosedElements().stream()
                .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                .map(e -> e.getSimpleName().toString())
                .toList();
        return new FieldType(Kind.ENUM, false, Names.reference(name, packageName), constants, visibleInPackage(element));
    }

    /** Whether neither the type nor any type enclosing it is private. */
    static boolean visibleInPackage(Element element) {
        for (Element e = element; e != null && e.getKind() != ElementKind.PACKAGE; e = e.getEnclosingElement()) {
            if (e.getModifiers().contains(Modifier.PRIVATE)) {
                return false;
            }
        }
        return true;
    }
}
