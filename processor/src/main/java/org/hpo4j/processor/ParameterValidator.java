package org.hpo4j.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hpo4j.processor.AnnotatedClass.AnnotatedField;
import org.hpo4j.processor.AnnotatedClass.Use;
import org.hpo4j.processor.ClassModel.CategoricalParameter;
import org.hpo4j.processor.ClassModel.FloatParameter;
import org.hpo4j.processor.ClassModel.IntParameter;
import org.hpo4j.processor.ClassModel.Parameter;
import org.hpo4j.processor.FieldType.Kind;

/**
 * Checks one field's range annotation ({@code @Uniform}, {@code @LogUniform}, {@code @IntUniform},
 * {@code @Categorical}) against the field's type, and its initializer against the domain; builds the
 * parameter without conditions, which {@link ConditionValidator} adds once every parameter is known.
 */
final class ParameterValidator {
    private final Diagnostics diagnostics;

    ParameterValidator(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The field's parameter, or null after reporting why there is none. */
    Parameter parameter(AnnotatedField field, Use range) {
        switch (range.simpleName()) {
            case "Uniform":
                return floatParameter(field, range, false, range.number("step"));
            case "LogUniform":
                return floatParameter(field, range, true, 0);
            case "IntUniform":
                return intParameter(field, range);
            default:
                return categorical(field, range);
        }
    }

    private boolean fits(AnnotatedField field, Use range, String allowed, String hint, Kind... kinds) {
        for (Kind kind : kinds) {
            if (field.type().kind() == kind) {
                return true;
            }
        }
        diagnostics.error(field.element(), range.mirror(), null, Message.WRONG_TYPE, range.simpleName(), field.name(),
                field.element().asType(), range.simpleName(), allowed, hint);
        return false;
    }

    private static String hintFor(FieldType type) {
        if (type.isIntegral()) {
            return " (for integers use @IntUniform)";
        }
        if (type.kind() == Kind.DOUBLE || type.kind() == Kind.FLOAT) {
            return " (for real numbers use @Uniform or @LogUniform)";
        }
        if (type.kind() == Kind.STRING || type.kind() == Kind.ENUM || type.kind() == Kind.BOOLEAN) {
            return " (for choices use @Categorical)";
        }
        return "";
    }

    private FloatParameter floatParameter(AnnotatedField field, Use range, boolean log, double step) {
        if (!fits(field, range, "double or float", hintFor(field.type()), Kind.DOUBLE, Kind.FLOAT)) {
            return null;
        }
        double lo = range.number("lo");
        double hi = range.number("hi");
        if (!Double.isFinite(lo) || !Double.isFinite(hi)) {
            diagnostics.error(field.element(), range.mirror(), null, Message.NOT_FINITE, range.simpleName(), field.name(),
                    Texts.text(lo), Texts.text(hi));
            return null;
        }
        if (!(lo < hi)) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LO_NOT_BELOW_HI, range.simpleName(),
                    field.name(), Texts.text(lo), Texts.text(hi));
            return null;
        }
        if (log && lo <= 0) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LOG_NEEDS_POSITIVE_LO,
                    range.simpleName(), field.name(), Texts.text(lo));
            return null;
        }
        if (!(step >= 0) || step > hi - lo) {
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.BAD_STEP, range.simpleName(),
                    field.name(), Texts.text(hi - lo), Texts.text(step));
            return null;
        }
        String domain = "[" + Texts.text(lo) + ", " + Texts.text(hi) + "]" + (log ? " (log)" : "");
        Default initial = initial(field, Texts.text(log ? lo : (lo + hi) / 2));
        if (initial.failed) {
            return null;
        }
        Optional<Double> value = Optional.empty();
        if (initial.value.isPresent()) {
            Object v = initial.value.get();
            double d = v instanceof Number n ? n.doubleValue() : Double.NaN;
            if (!(d >= lo && d <= hi)) {
                reportOutOfRange(field, initial, v, domain);
                return null;
            }
            value = Optional.of(d);
        }
        return new FloatParameter(givenName(field, range), target(field), lo, hi, log, step, value, List.of());
    }

    private IntParameter intParameter(AnnotatedField field, Use range) {
        if (!fits(field, range, "int or long", hintFor(field.type()), Kind.INT, Kind.LONG)) {
            return null;
        }
        long lo = range.integer("lo");
        long hi = range.integer("hi");
        boolean log = range.flag("log");
        long step = range.integer("step");
        if (lo >= hi) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LO_NOT_BELOW_HI, range.simpleName(),
                    field.name(), lo, hi);
            return null;
        }
        if (log && lo <= 0) {
            diagnostics.error(field.element(), range.mirror(), range.at("lo"), Message.LOG_NEEDS_POSITIVE_LO,
                    range.simpleName(), field.name(), lo);
            return null;
        }
        if (field.type().kind() == Kind.INT && (lo < Integer.MIN_VALUE || hi > Integer.MAX_VALUE)) {
            diagnostics.error(field.element(), range.mirror(), null, Message.INT_RANGE_EXCEEDS_INT, field.name(), lo, hi);
            return null;
        }
        if (step <= 0 || step > hi - lo) {
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.BAD_STEP, range.simpleName(),
                    field.name(), hi - lo, step);
            return null;
        }
        if ((hi - lo) % step != 0) {
            long below = hi - (hi - lo) % step;
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.INT_STEP_NOT_DIVIDING,
                    field.name(), hi - lo, step, below, below + step);
            return null;
        }
        if (log && step != 1) {
            diagnostics.error(field.element(), range.mirror(), range.at("step"), Message.INT_LOG_WITH_STEP,
                    field.name(), step);
            return null;
        }
        Default initial = initial(field, Long.toString(lo + (hi - lo) / step / 2 * step));
        if (initial.failed) {
            return null;
        }
        Optional<Long> value = Optional.empty();
        if (initial.value.isPresent()) {
            Object v = initial.value.get();
            if (!(v instanceof Long l) || l < lo || l > hi) {
                reportOutOfRange(field, initial, v, "[" + lo + ", " + hi + "]" + (step > 1 ? " step " + step : "")
                        + (log ? " (log)" : ""));
                return null;
            }
            if ((l - lo) % step != 0) {
                String grid = lo + ", " + (lo + step) + (lo + 2 * step < hi ? ", ..., " : ", ") + hi;
                if (initial.javaDefault) {
                    diagnostics.error(field.element(), Message.DEFAULT_JAVA_OFF_GRID, field.name(), grid);
                } else {
                    long below = l - (l - lo) % step;
                    String shown = field.initializer() instanceof Initializer.Constant c ? c.text() : Long.toString(l);
                    diagnostics.error(field.element(), Message.DEFAULT_OFF_GRID, field.name(), shown, grid, below,
                            below + step);
                }
                return null;
            }
            value = Optional.of(l);
        }
        return new IntParameter(givenName(field, range), target(field), lo, hi, log, step, value, List.of());
    }

    private CategoricalParameter categorical(AnnotatedField field, Use range) {
        FieldType type = field.type();
        if (!fits(field, range, "String, enum, boolean, int, long, float or double", "", Kind.STRING, Kind.ENUM,
                Kind.BOOLEAN, Kind.INT, Kind.LONG, Kind.FLOAT, Kind.DOUBLE)) {
            return null;
        }
        if (type.kind() == Kind.ENUM && !type.accessible()) {
            diagnostics.error(field.element(), Message.TYPE_NOT_ACCESSIBLE, type.sourceName(), field.name());
            return null;
        }
        List<String> written = range.texts("value");
        List<Object> choices = new ArrayList<>();
        boolean everyConstant = false;
        if (written.isEmpty() && type.kind() == Kind.ENUM) {
            type.enumConstants().forEach(c -> choices.add(new Initializer.EnumConstant(c)));
            everyConstant = true;
        } else if (written.isEmpty() && type.kind() == Kind.BOOLEAN) {
            choices.add(false);
            choices.add(true);
        } else {
            for (String text : written) {
                Object choice = parseChoice(field, range, text);
                if (choice == null) {
                    return null;
                }
                if (choices.contains(choice)) {
                    diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_DUPLICATE,
                            field.name(), Texts.choiceText(choice));
                    return null;
                }
                choices.add(choice);
            }
        }
        if (choices.size() < 2) {
            diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_TOO_FEW,
                    field.name(), Texts.describe(choices));
            return null;
        }
        Object first = choices.get(0);
        String example = first instanceof Initializer.EnumConstant e ? type.sourceName() + "." + e.name() : Texts.exampleOf(first);
        Default initial = initial(field, example);
        if (initial.failed) {
            return null;
        }
        Optional<Object> value = Optional.empty();
        if (initial.value.isPresent()) {
            Object v = initial.value.get();
            if (v instanceof Long l && (type.kind() == Kind.FLOAT || type.kind() == Kind.DOUBLE)) {
                v = l.doubleValue();
            }
            if (!choices.contains(v)) {
                reportOutOfRange(field, initial, v, Texts.describe(choices));
                return null;
            }
            value = Optional.of(v);
        }
        return new CategoricalParameter(givenName(field, range), target(field), choices, everyConstant, value, List.of());
    }

    /** A written choice as a value of the field's kind, or null after reporting why it is not one. */
    private Object parseChoice(AnnotatedField field, Use range, String text) {
        FieldType type = field.type();
        switch (type.kind()) {
            case STRING:
                return text;
            case ENUM:
                if (type.enumConstants().contains(text)) {
                    return new Initializer.EnumConstant(text);
                }
                diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_UNKNOWN_CONSTANT,
                        field.name(), type.sourceName(), text, type.enumConstants());
                return null;
            case BOOLEAN:
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.valueOf(text);
                }
                break;
            case INT:
            case LONG:
                Long l = Texts.parseLong(text);
                if (l != null && (type.kind() == Kind.LONG || (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE))) {
                    return l;
                }
                break;
            default:
                Double d = Texts.parseDouble(text);
                if (d != null && Double.isFinite(d)) {
                    return d;
                }
                break;
        }
        diagnostics.error(field.element(), range.mirror(), range.at("value"), Message.CATEGORICAL_BAD_VALUE, field.name(),
                text, type.kind().word(), spelling(type.kind()));
        return null;
    }

    /** How choices of a kind are written, for messages. */
    private static String spelling(Kind kind) {
        switch (kind) {
            case INT:
                return "an int, e.g. \"32\"";
            case LONG:
                return "a long, e.g. \"1000\"";
            case BOOLEAN:
                return "true or false";
            default:
                return "a number, e.g. \"0.1\" or \"1e-3\"";
        }
    }

    // ---- defaults ---------------------------------------------------------------------------

    /**
     * The initializer of a field, before it is checked against the domain.
     *
     * @param failed whether an error was reported
     * @param value the value; empty when the source could not be read
     * @param javaDefault whether the value is Java's default because there is no initializer
     */
    private record Default(boolean failed, Optional<Object> value, boolean javaDefault) {
    }

    private Default initial(AnnotatedField field, String example) {
        Initializer init = field.initializer();
        if (init instanceof Initializer.Unknown unknown) {
            diagnostics.note(field.element(), Message.DEFAULT_UNREADABLE_SOURCE, field.name(), unknown.reason());
            return new Default(false, Optional.empty(), false);
        }
        if (init instanceof Initializer.NotConstant notConstant) {
            diagnostics.error(field.element(), Message.DEFAULT_NOT_CONSTANT, field.name(), notConstant.text(), example);
            return new Default(true, Optional.empty(), false);
        }
        if (init instanceof Initializer.Absent) {
            FieldType type = field.type();
            if (type.nullable()) {
                diagnostics.error(field.element(), Message.DEFAULT_MISSING, field.name(), example);
                return new Default(true, Optional.empty(), true);
            }
            Object zero = type.kind() == Kind.BOOLEAN ? Boolean.FALSE : type.isIntegral() ? (Object) 0L : (Object) 0.0;
            return new Default(false, Optional.of(zero), true);
        }
        return new Default(false, Optional.of(((Initializer.Constant) init).value()), false);
    }

    private void reportOutOfRange(AnnotatedField field, Default initial, Object value, String domain) {
        boolean choices = domain.startsWith("{");
        if (initial.javaDefault) {
            diagnostics.error(field.element(), Message.DEFAULT_JAVA_OUT_OF_RANGE, field.name(), Texts.choiceText(value), domain);
        } else {
            String shown = field.initializer() instanceof Initializer.Constant c ? c.text() : Texts.choiceText(value);
            diagnostics.error(field.element(), choices ? Message.DEFAULT_NOT_A_CHOICE : Message.DEFAULT_OUT_OF_RANGE,
                    field.name(), shown, domain);
        }
    }


    /** The parameter's name: the annotation's {@code name}, else the field's. */
    static String givenName(AnnotatedField field, Use range) {
        String name = range.text("name");
        return name.isEmpty() ? field.name() : name;
    }

    /** The field a parameter or the budget is injected into. */
    static ClassModel.Field target(AnnotatedField field) {
        return new ClassModel.Field(field.name(), field.type(), field.viaVarHandle(), field.declaring().reference(),
                field.declaring().depth(), field.handleType());
    }
}
