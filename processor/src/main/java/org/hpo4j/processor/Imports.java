package org.hpo4j.processor;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import java.util.Set;

/**
 * Keeps generated code correct when the user's package declares a type whose simple name the
 * generated code also uses. Two cases, following Java's scoping rules:
 *
 * <ul>
 *   <li>a name the generated code imports ({@code Configuration}, {@code Condition}, ...): the import
 *       wins inside the generated file, so references to the user's type are written qualified
 *       ({@link Names#reference});</li>
 *   <li>a {@code java.lang} name ({@code Math}, {@code Double}, ...): a type of the package hides
 *       {@code java.lang}, so the generated code's own references are qualified ({@link #qualifyJavaLang}).</li>
 * </ul>
 */
final class Imports {
    /** Simple names the generated files import. */
    static final Set<String> IMPORTED = Set.of("List", "CategoricalParameter", "Condition", "FloatParameter",
            "IntParameter", "SearchSpace", "Generated", "MethodHandles", "VarHandle", "LinkedHashMap", "Map",
            "Direction", "Injector", "Configuration", "TrialContext");

    /** Simple names of {@code java.lang} types the generated files use. */
    static final Set<String> JAVA_LANG = Set.of("Class", "Double", "Float", "Integer", "Long", "Boolean", "String",
            "Object", "Math", "Override", "Exception", "UnsupportedOperationException", "IllegalStateException",
            "ReflectiveOperationException");

    private Imports() {
    }

    /** Writes {@code java.lang.X} for each {@code X} in {@code hidden}, the names the package hides. */
    static void qualifyJavaLang(CompilationUnit unit, Set<String> hidden) {
        for (String simple : hidden) {
            // unscoped references are the generator's: references to the user's types with these
            // names are written qualified by Names.reference
            for (ClassOrInterfaceType t : unit.findAll(ClassOrInterfaceType.class,
                    t -> t.getScope().isEmpty() && t.getNameAsString().equals(simple))) {
                t.replace(Ast.classType("java.lang." + simple));
            }
            for (NameExpr n : unit.findAll(NameExpr.class, n -> n.getNameAsString().equals(simple))) {
                n.replace(Ast.name("java.lang." + simple));
            }
            unit.findAll(AnnotationExpr.class, a -> a.getNameAsString().equals(simple))
                    .forEach(a -> a.setName("java.lang." + simple));
        }
    }
}
