package org.hpo4j.processor;

import java.util.ArrayList;
import java.util.List;
import org.hpo4j.processor.ClassModel.CategoricalParameter;
import org.hpo4j.processor.ClassModel.FloatParameter;
import org.hpo4j.processor.ClassModel.IntParameter;
import org.hpo4j.processor.ClassModel.Parameter;

/** Numbers, choices and domains as messages show them, and lenient parsing of written values. */
final class Texts {
    private Texts() {
    }

    static Long parseLong(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double parseDouble(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A number as users write it: {@code 1} rather than {@code 1.0}. */
    static String text(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    static String choiceText(Object choice) {
        if (choice instanceof Initializer.EnumConstant e) {
            return e.name();
        }
        if (choice instanceof Initializer.NullValue) {
            return "null";
        }
        if (choice instanceof Double d) {
            return text(d);
        }
        return String.valueOf(choice);
    }

    static String exampleOf(Object choice) {
        if (choice instanceof String s) {
            return "\"" + s + "\"";
        }
        return choiceText(choice);
    }

    static String describe(List<Object> choices) {
        List<String> shown = new ArrayList<>();
        choices.forEach(c -> shown.add(choiceText(c)));
        return "{" + String.join(", ", shown) + "}";
    }

    static String domainOf(Parameter p) {
        if (p instanceof FloatParameter f) {
            return "[" + text(f.lo()) + ", " + text(f.hi()) + "]";
        }
        if (p instanceof IntParameter i) {
            return "[" + i.lo() + ", " + i.hi() + "]" + (i.step() > 1 ? " step " + i.step() : "");
        }
        return describe(((CategoricalParameter) p).choices());
    }
}
