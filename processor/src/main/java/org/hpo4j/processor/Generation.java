package org.hpo4j.processor;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.printer.DefaultPrettyPrinter;

/** What every generated file shares: the {@code @Generated} mark and the printing. */
final class Generation {
    /** The value of {@code @Generated}: the processor that wrote the file. */
    static final String GENERATOR = "org.hpo4j.processor.Hpo4jProcessor";

    private Generation() {
    }

    /** Marks a generated class {@code @Generated} when {@code markGenerated} (see {@link ClassModel#markGenerated()}). */
    static void mark(CompilationUnit unit, ClassOrInterfaceDeclaration type, boolean markGenerated) {
        if (markGenerated) {
            unit.addImport("javax.annotation.processing.Generated");
            type.addAnnotation(new SingleMemberAnnotationExpr(new Name("Generated"),
                    Ast.string(GENERATOR)));
        }
    }

    /** The unit as Java source, through JavaParser's pretty printer. */
    static String print(CompilationUnit unit) {
        return new DefaultPrettyPrinter().print(unit);
    }
}
