package org.hpo4j.processor;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.DoubleLiteralExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LongLiteralExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;

/**
 * Reads a field's initializer from its source file: javac's tree API gives the file and the
 * initializer's position, JavaParser parses the text. Names ({@code DEFAULT_LR}, {@code ADAM} from a
 * static import, {@code Opt.ADAM}) are resolved by javac, which knows what they refer to.
 */
final class InitializerReader {
    /** The reason of {@link Initializer.Unknown} for a field the compiler has no source tree of. */
    static final String NO_TREE = "no source tree for the field";

    private final Trees trees;
    private final String noTreesReason;
    private final JavaParser parser;
    private final Map<CompilationUnitTree, CharSequence> sources = new HashMap<>();

    InitializerReader(ProcessingEnvironment env) {
        Trees found = null;
        String reason = null;
        try {
            found = Trees.instance(env);
        } catch (IllegalArgumentException | LinkageError e) {
            // not javac (e.g. Eclipse's compiler): defaults are then left to the runtime
            reason = "the compiler offers no source trees: " + e.getMessage();
        }
        this.trees = found;
        this.noTreesReason = reason;
        // JavaParser's default language level is older than the Java 17 sources it will see
        this.parser = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17));
    }

    /** The initializer of {@code field}. */
    Initializer read(VariableElement field) {
        if (trees == null) {
            return new Initializer.Unknown(noTreesReason);
        }
        TreePath path = trees.getPath(field);
        if (path == null || !(path.getLeaf() instanceof VariableTree variable)) {
            return new Initializer.Unknown(NO_TREE);
        }
        ExpressionTree init = variable.getInitializer();
        if (init == null) {
            return new Initializer.Absent();
        }
        CompilationUnitTree unit = path.getCompilationUnit();
        Optional<String> text = sourceText(unit, init);
        if (text.isEmpty()) {
            return new Initializer.Unknown("no source positions for the initializer");
        }
        ParseResult<Expression> parsed = parser.parseExpression(text.get());
        if (!parsed.isSuccessful() || parsed.getResult().isEmpty()) {
            return new Initializer.NotConstant(text.get());
        }
        Object value = evaluate(parsed.getResult().get(), new TreePath(path, init));
        return value == null ? new Initializer.NotConstant(text.get()) : new Initializer.Constant(value, text.get());
    }

    private Optional<String> sourceText(CompilationUnitTree unit, Tree tree) {
        SourcePositions positions = trees.getSourcePositions();
        long start = positions.getStartPosition(unit, tree);
        long end = positions.getEndPosition(unit, tree);
        CharSequence source = sources.computeIfAbsent(unit, u -> {
            try {
                return u.getSourceFile().getCharContent(true);
            } catch (IOException e) {
                return null;
            }
        });
        if (source == null || start < 0 || end <= start || end > source.length()) {
            return Optional.empty();
        }
        return Optional.of(source.subSequence((int) start, (int) end).toString());
    }

    /**
     * The constant value of an expression, or null when it is not one. {@code javacPath} points at
     * the same expression in javac's tree, used to resolve names.
     */
    private Object evaluate(Expression expression, TreePath javacPath) {
        if (expression instanceof EnclosedExpr enclosed) {
            return evaluate(enclosed.getInner(), javacChild(javacPath));
        }
        if (expression instanceof CastExpr cast) {
            Object inner = evaluate(cast.getExpression(), javacChild(javacPath));
            if (!cast.getType().isPrimitiveType()) {
                return inner;
            }
            // a cast to an integer type truncates, one to a floating type widens
            switch (cast.getType().asPrimitiveType().getType()) {
                case INT:
                case LONG:
                case SHORT:
                case BYTE:
                    return inner instanceof Double d ? Long.valueOf((long) d.doubleValue()) : inner;
                case FLOAT:
                case DOUBLE:
                    return inner instanceof Long l ? Double.valueOf(l) : inner;
                default:
                    return inner;
            }
        }
        if (expression instanceof UnaryExpr unary) {
            if (unary.getOperator() == UnaryExpr.Operator.MINUS) {
                if (unary.getExpression() instanceof IntegerLiteralExpr || unary.getExpression() instanceof LongLiteralExpr) {
                    // parse with the sign so that -2147483648 and Long.MIN_VALUE work
                    return integer(unary.getExpression().toString(), true);
                }
                Object inner = evaluate(unary.getExpression(), javacChild(javacPath));
                return negate(inner);
            }
            if (unary.getOperator() == UnaryExpr.Operator.PLUS) {
                Object inner = evaluate(unary.getExpression(), javacChild(javacPath));
                return inner instanceof Long || inner instanceof Double ? inner : null;
            }
            return null;
        }
        if (expression instanceof IntegerLiteralExpr || expression instanceof LongLiteralExpr) {
            return integer(expression.toString(), false);
        }
        if (expression instanceof DoubleLiteralExpr d) {
            // Double.parseDouble accepts the f/d suffixes; 0.1f is kept as the decimal 0.1 the user wrote
            return Double.parseDouble(d.getValue().replace("_", ""));
        }
        if (expression instanceof StringLiteralExpr s) {
            return s.asString();
        }
        if (expression instanceof TextBlockLiteralExpr t) {
            return t.asString();
        }
        if (expression instanceof BooleanLiteralExpr b) {
            return b.getValue();
        }
        if (expression instanceof NullLiteralExpr) {
            return new Initializer.NullValue();
        }
        if (expression instanceof NameExpr || expression instanceof FieldAccessExpr) {
            return resolveName(javacPath);
        }
        return null;
    }

    /** The operand of a javac unary, parenthesized or cast expression, or null. */
    private static TreePath javacChild(TreePath path) {
        if (path == null) {
            return null;
        }
        Tree leaf = path.getLeaf();
        if (leaf instanceof ParenthesizedTree p) {
            return new TreePath(path, p.getExpression());
        }
        if (leaf instanceof UnaryTree u) {
            return new TreePath(path, u.getExpression());
        }
        if (leaf instanceof TypeCastTree c) {
            return new TreePath(path, c.getExpression());
        }
        return null;
    }

    private Object resolveName(TreePath javacPath) {
        if (javacPath == null) {
            return null;
        }
        Element element = trees.getElement(javacPath);
        if (element == null) {
            return null;
        }
        if (element.getKind() == ElementKind.ENUM_CONSTANT) {
            return new Initializer.EnumConstant(element.getSimpleName().toString());
        }
        if (element instanceof VariableElement variable && variable.getConstantValue() != null) {
            return normalize(variable.getConstantValue());
        }
        return null;
    }

    private static Object normalize(Object constant) {
        if (constant instanceof Integer || constant instanceof Short || constant instanceof Byte) {
            return ((Number) constant).longValue();
        }
        if (constant instanceof Character c) {
            return (long) c;
        }
        if (constant instanceof Float f) {
            // the decimal the user wrote, not the binary float widened
            return Double.parseDouble(Float.toString(f));
        }
        return constant;
    }

    private static Object negate(Object value) {
        if (value instanceof Long l) {
            return -l;
        }
        if (value instanceof Double d) {
            return -d;
        }
        return null;
    }

    /**
     * Parses an integer literal (decimal, hex, octal, binary, underscores, L suffix) as Java does:
     * hex, octal and binary literals are two's complement in 32 bits ({@code int}) or 64 bits
     * ({@code long}). Returns null when the value does not fit a long.
     */
    static Long integer(String literal, boolean negative) {
        String s = literal.replace("_", "").toLowerCase(Locale.ROOT);
        boolean isLong = s.endsWith("l");
        if (isLong) {
            s = s.substring(0, s.length() - 1);
        }
        int radix = 10;
        if (s.startsWith("0x")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.startsWith("0b")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            s = s.substring(1);
        }
        BigInteger value = new BigInteger(s, radix);
        int bits = isLong ? 64 : 32;
        if (radix != 10 && value.bitLength() == bits) {
            value = value.subtract(BigInteger.ONE.shiftLeft(bits));
        }
        if (negative) {
            value = value.negate();
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
