package org.hpo4j.processor;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.VarType;
import java.util.Optional;

/**
 * The parts of a generated injector that call the class's {@code @Objective} method: {@code evaluate},
 * and for a method that returns a record of several objectives, {@code criteria} and {@code score}.
 */
final class ObjectiveBodies {
    private ObjectiveBodies() {
    }

    /** The body of {@code evaluate}: the objective's value, or its first objective for a record. */
    static BlockStmt evaluate(ClassModel model) {
        Optional<ClassModel.Objective> objective = model.objective();
        if (objective.isEmpty()) {
            return new BlockStmt(NodeList.nodeList(new ThrowStmt(new ObjectCreationExpr(null,
                    Ast.classType("UnsupportedOperationException"),
                    NodeList.nodeList(Ast.string(model.nameInPackage() + " has no @Objective method"))))));
        }
        ClassModel.Objective o = objective.get();
        if (o.returnsRecord()) {
            // the first objective, for callers that want one number; score() has them all
            return InjectorWriter.returning(Ast.call(Ast.callLocal("score", new NameExpr("target"), new NameExpr("context")), "first"));
        }
        return InjectorWriter.returning(objectiveCall(o));
    }

    private static Expression objectiveCall(ClassModel.Objective o) {
        NameExpr target = new NameExpr("target");
        return o.takesContext()
                ? Ast.call(target, o.methodName(), new NameExpr("context"))
                : Ast.call(target, o.methodName());
    }

    /** {@code new Criteria(List.of(new Goal(...), ...), List.of(new Constraint(...), ...))}. */
    static Expression criteria(ClassModel.Objective o) {
        NodeList<Expression> goals = new NodeList<>();
        NodeList<Expression> constraints = new NodeList<>();
        for (ClassModel.Component c : o.components()) {
            if (c.objective()) {
                goals.add(new ObjectCreationExpr(null, Ast.classType("Goal"), NodeList.nodeList(Ast.string(c.name()),
                        Ast.name(c.maximize() ? "Direction.MAXIMIZE" : "Direction.MINIMIZE"))));
            }
            for (ClassModel.Bound b : c.bounds()) {
                constraints.add(new ObjectCreationExpr(null, Ast.classType("Constraint"), NodeList.nodeList(
                        Ast.string(c.name()),
                        Ast.name(b.atMost() ? "Constraint.Kind.AT_MOST" : "Constraint.Kind.AT_LEAST"),
                        Ast.number(b.limit()))));
            }
        }
        return new ObjectCreationExpr(null, Ast.classType("Criteria"), NodeList.nodeList(
                new MethodCallExpr(Ast.name("List"), "of", goals),
                new MethodCallExpr(Ast.name("List"), "of", constraints)));
    }

    /**
     * Calls the objective once, checks that the record is there and reads every component (a
     * component with a direction and a bound is read once for each).
     */
    static BlockStmt score(ClassModel.Objective o) {
        BlockStmt body = new BlockStmt();
        body.addStatement(new ExpressionStmt(new VariableDeclarationExpr(new VariableDeclarator(
                new VarType(), "result", objectiveCall(o)))));
        body.addStatement(new IfStmt(new BinaryExpr(new NameExpr("result"), new NullLiteralExpr(), BinaryExpr.Operator.EQUALS),
                new ThrowStmt(new ObjectCreationExpr(null, Ast.classType("IllegalStateException"),
                        NodeList.nodeList(Ast.string("@Objective method " + o.methodName() + " returned null")))), null));
        NodeList<Expression> objectives = new NodeList<>();
        NodeList<Expression> constraints = new NodeList<>();
        for (ClassModel.Component c : o.components()) {
            Expression read = Ast.call("Score", "component", Ast.string(c.name()), Ast.call(new NameExpr("result"), c.name()));
            if (c.objective()) {
                objectives.add(read);
            }
            for (int i = 0; i < c.bounds().size(); i++) {
                constraints.add(read.clone());
            }
        }
        body.addStatement(new ReturnStmt(new ObjectCreationExpr(null, Ast.classType("Score"), NodeList.nodeList(
                new MethodCallExpr(Ast.name("List"), "of", objectives),
                new MethodCallExpr(Ast.name("List"), "of", constraints)))));
        return body;
    }
}
