package org.hpo4j.processor;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.hpo4j.processor.ClassModel.CategoricalParameter;
import org.hpo4j.processor.ClassModel.Condition;
import org.hpo4j.processor.ClassModel.FloatParameter;
import org.hpo4j.processor.ClassModel.IntParameter;
import org.hpo4j.processor.ClassModel.Operator;
import org.hpo4j.processor.ClassModel.Parameter;

/**
 * Writes {@code <Class>SearchSpace}: a final class whose {@code create()} builds the runtime
 * {@code SearchSpace} with one statement per parameter, so that the generated code reads like what a
 * user would write by hand.
 */
final class SearchSpaceWriter {
    CompilationUnit write(ClassModel model) {
        Map<String, Parameter> byName = new LinkedHashMap<>();
        model.parameters().forEach(p -> byName.put(p.name(), p));
        List<Statement> statements = new ArrayList<>();
        statements.add(new ExpressionStmt(new VariableDeclarationExpr(new VariableDeclarator(
                Ast.classType("SearchSpace.Builder"), "builder", Ast.call("SearchSpace", "builder")))));
        NameExpr builder = new NameExpr("builder");
        for (Parameter p : model.parameters()) {
            statements.add(new ExpressionStmt(Ast.call(builder, "add", parameter(p, byName))));
        }
        model.budget().ifPresent(b -> statements.add(new ExpressionStmt(Ast.call(builder, "budget",
                Ast.string(b.name()), Ast.number(b.min()), Ast.number(b.max()), Ast.bool(b.integer())))));
        statements.add(new ReturnStmt(Ast.call(builder, "build")));
        BlockStmt body = new BlockStmt(NodeList.nodeList(statements));

        CompilationUnit unit = new CompilationUnit();
        if (!model.packageName().isEmpty()) {
            unit.setPackageDeclaration(model.packageName());
        }
        // import only what the body names, so that the file reads cleanly
        Set<String> used = new TreeSet<>();
        body.findAll(NameExpr.class).forEach(n -> used.add(n.getNameAsString()));
        for (String candidate : List.of("java.util.List", "org.hpo4j.space.CategoricalParameter",
                "org.hpo4j.space.Condition", "org.hpo4j.space.FloatParameter", "org.hpo4j.space.IntParameter")) {
            if (used.contains(candidate.substring(candidate.lastIndexOf('.') + 1))) {
                unit.addImport(candidate);
            }
        }
        unit.addImport("org.hpo4j.space.SearchSpace");
        ClassOrInterfaceDeclaration type = unit.addClass(model.searchSpaceName(), Modifier.Keyword.PUBLIC,
                Modifier.Keyword.FINAL);
        Generation.mark(unit, type, model.markGenerated());
        type.setJavadocComment("The search space of {@link " + model.reference() + "}, built from its hpo4j "
                + "annotations;\nthe defaults are the field initializers.");
        type.addConstructor(Modifier.Keyword.PRIVATE).setJavadocComment("Not instantiable: use {@link #create()}.");

        MethodDeclaration create = type.addMethod("create", Modifier.Keyword.PUBLIC, Modifier.Keyword.STATIC);
        create.setType(Ast.classType("SearchSpace"));
        create.setJavadocComment("Builds the search space.\n\n@return a new search space with every parameter, "
                + "condition and default,\n        and the budget if the class has one");
        create.setBody(body);
        Imports.qualifyJavaLang(unit, model.hiddenJavaLang());
        return unit;
    }

    private static Expression parameter(Parameter p, Map<String, Parameter> byName) {
        Expression e;
        if (p instanceof FloatParameter f) {
            e = Ast.call("FloatParameter", f.log() ? "logUniform" : "uniform", Ast.string(f.name()), Ast.number(f.lo()),
                    Ast.number(f.hi()));
            if (f.step() > 0) {
                e = Ast.call(e, "withStep", Ast.number(f.step()));
            }
            if (f.defaultValue().isPresent()) {
                e = Ast.call(e, "withDefault", Ast.number(f.defaultValue().get()));
            }
        } else if (p instanceof IntParameter i) {
            if (i.step() > 1) {
                e = Ast.call("IntParameter", "uniform", Ast.string(i.name()), Ast.integer(i.lo(), false),
                        Ast.integer(i.hi(), false), Ast.integer(i.step(), false));
            } else {
                e = Ast.call("IntParameter", i.log() ? "logUniform" : "uniform", Ast.string(i.name()),
                        Ast.integer(i.lo(), false), Ast.integer(i.hi(), false));
            }
            if (i.defaultValue().isPresent()) {
                e = Ast.call(e, "withDefault", Ast.integer(i.defaultValue().get(), false));
            }
        } else {
            CategoricalParameter c = (CategoricalParameter) p;
            FieldType type = c.field().type();
            if (c.everyEnumConstant()) {
                e = Ast.call("CategoricalParameter", "ofEnum", Ast.string(c.name()), Ast.classLiteral(type.sourceName()));
            } else if (c.choices().equals(List.of(false, true))) {
                e = Ast.call("CategoricalParameter", "ofBoolean", Ast.string(c.name()));
            } else {
                List<Expression> choices = new ArrayList<>();
                c.choices().forEach(choice -> choices.add(value(choice, type)));
                e = Ast.call("CategoricalParameter", "of", Ast.string(c.name()),
                        Ast.call("List", "of", choices.toArray(Expression[]::new)));
            }
            if (c.defaultValue().isPresent()) {
                e = Ast.call(e, "withDefault", value(c.defaultValue().get(), type));
            }
        }
        for (Condition condition : p.conditions()) {
            e = Ast.call(e, "when", condition(condition, byName.get(condition.parent())));
        }
        return e;
    }

    private static Expression condition(Condition c, Parameter parent) {
        if (c.operator() != Operator.IN) {
            return Ast.call("Condition", c.operator().factory(), Ast.string(c.parent()), Ast.number(c.threshold()));
        }
        List<Expression> args = new ArrayList<>();
        args.add(Ast.string(c.parent()));
        for (Object v : c.values()) {
            args.add(value(v, parent.field().type()));
        }
        return Ast.call("Condition", c.values().size() == 1 ? "equalTo" : "in", args.toArray(Expression[]::new));
    }

    /**
     * A value as a literal of the runtime's value type: {@code Long}s as long literals (the runtime
     * keeps integers as {@code Long}), {@code Double}s as double literals, enum constants qualified by
     * {@code type}, the field type of the parameter the value belongs to.
     */
    private static Expression value(Object v, FieldType type) {
        if (v instanceof String s) {
            return Ast.string(s);
        }
        if (v instanceof Boolean b) {
            return Ast.bool(b);
        }
        if (v instanceof Long l) {
            return Ast.integer(l, true);
        }
        if (v instanceof Double d) {
            return Ast.number(d);
        }
        Initializer.EnumConstant e = (Initializer.EnumConstant) v;
        return Ast.name(type.sourceName() + "." + e.name());
    }
}
