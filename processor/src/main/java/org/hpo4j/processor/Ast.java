package org.hpo4j.processor;

import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.ClassExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import java.math.BigInteger;

/** Small builders of JavaParser nodes that keep the writers readable. */
final class Ast {
    private Ast() {
    }

    /** A possibly qualified name ({@code a}, {@code Outer.Opt}) as an expression. */
    static Expression name(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot < 0) {
            return new NameExpr(dotted);
        }
        return new FieldAccessExpr(name(dotted.substring(0, dot)), dotted.substring(dot + 1));
    }

    /** A class or interface type from a possibly qualified name, without type arguments. */
    static ClassOrInterfaceType classType(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot < 0) {
            return new ClassOrInterfaceType(null, dotted);
        }
        return new ClassOrInterfaceType(classType(dotted.substring(0, dot)), dotted.substring(dot + 1));
    }

    /** A generic type such as {@code Injector<DigitsMlp>}. */
    static ClassOrInterfaceType generic(String raw, Type argument) {
        return classType(raw).setTypeArguments(NodeList.nodeList(argument));
    }

    /** A type as written in source: a primitive keyword or a class name. */
    static Type type(String name) {
        for (PrimitiveType.Primitive p : PrimitiveType.Primitive.values()) {
            if (p.asString().equals(name)) {
                return new PrimitiveType(p);
            }
        }
        return classType(name);
    }

    /** {@code T.class}. */
    static ClassExpr classLiteral(String typeName) {
        return new ClassExpr(type(typeName));
    }

    /** {@code scope.method(args)}. */
    static MethodCallExpr call(Expression scope, String method, Expression... args) {
        return new MethodCallExpr(scope, method, NodeList.nodeList(args));
    }

    /** {@code method(args)}: a method of the class being written. */
    static MethodCallExpr callLocal(String method, Expression... args) {
        return new MethodCallExpr(null, method, NodeList.nodeList(args));
    }

    /** {@code Type.method(args)} for a static method. */
    static MethodCallExpr call(String typeName, String method, Expression... args) {
        return call(name(typeName), method, args);
    }

    /** A string literal, escaped. */
    static StringLiteralExpr string(String value) {
        return new StringLiteralExpr().setString(value);
    }

    /** A double literal; negative values as unary minus, so the tree is what a parser would build. */
    static Expression number(double value) {
        if (value < 0 || (value == 0 && 1 / value < 0)) {
            return new UnaryExpr(number(-value), UnaryExpr.Operator.MINUS);
        }
        return new DoubleLiteralExpr(Double.toString(value));
    }

    /** An integer literal: {@code int} when it fits and {@code asLong} is false, else {@code long}. */
    static Expression integer(long value, boolean asLong) {
        BigInteger magnitude = BigInteger.valueOf(value).abs();
        boolean fitsInt = value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
        Expression literal = asLong || !fitsInt
                ? new LongLiteralExpr(magnitude + "L")
                : new IntegerLiteralExpr(magnitude.toString());
        return value < 0 ? new UnaryExpr(literal, UnaryExpr.Operator.MINUS) : literal;
    }

    /** {@code true} or {@code false}. */
    static BooleanLiteralExpr bool(boolean value) {
        return new BooleanLiteralExpr(value);
    }
}
