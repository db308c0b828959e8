package org.hpo4j.processor;

import java.util.Locale;

/**
 * Every diagnostic the processor can report, in one place so that the wording stays consistent and
 * each message says what is wrong and how to fix it. Templates use {@link String#format} arguments.
 */
enum Message {
    CLASS_PRIVATE("%s is private, so the generated %s cannot use it; make it package-private or wider"),
    CLASS_GENERIC("%s has type parameters; hpo4j cannot generate an injector for a generic class. "
            + "Move the hyperparameters to a class without type parameters, or make the class abstract and tune its "
            + "subclasses"),

    FIELD_STATIC("field '%s' is static, but hyperparameters are set per instance; remove 'static' or the hpo4j annotation"),
    FIELD_FINAL("field '%s' is final, so the optimizer cannot set it; remove 'final' or the hpo4j annotation"),
    TWO_RANGES("field '%s' has both @%s and @%s; keep only one of them"),
    WRONG_TYPE("@%s does not fit field '%s' of type %s; use @%s on %s fields%s"),
    TYPE_NOT_ACCESSIBLE("the type %s of field '%s' is private, so the generated code cannot name it; "
            + "make it package-private or wider"),

    LO_NOT_BELOW_HI("@%s on '%s': lo (%s) must be less than hi (%s); swap or widen the bounds"),
    LOG_NEEDS_POSITIVE_LO("@%s on '%s': a log scale needs lo > 0, got lo = %s; raise lo or use a linear scale"),
    NOT_FINITE("@%s on '%s': lo and hi must be finite numbers, got [%s, %s]"),
    BAD_STEP("@%s on '%s': step must be positive and at most hi - lo (%s), got %s"),
    INT_STEP_NOT_DIVIDING("@IntUniform on '%s': hi - lo (%d) is not a multiple of step %d; values are lo + k * step, "
            + "so make hi %d or %d"),
    INT_LOG_WITH_STEP("@IntUniform on '%s': a log scale takes no step, got step = %d; use log = false with the step, "
            + "or a log scale without it"),
    INT_RANGE_EXCEEDS_INT("@IntUniform on int field '%s': [%d, %d] does not fit an int; narrow the range or make the field a long"),

    CATEGORICAL_TOO_FEW("@Categorical on '%s' needs at least two choices, got %s; list them, e.g. @Categorical({\"a\", \"b\"})"),
    CATEGORICAL_BAD_VALUE("@Categorical on '%s': \"%s\" is not a valid %s; write every choice as %s"),
    CATEGORICAL_UNKNOWN_CONSTANT("@Categorical on '%s': enum %s has no constant %s; its constants are %s"),
    CATEGORICAL_DUPLICATE("@Categorical on '%s': %s is listed twice; remove the duplicate"),

    CONDITIONAL_WITHOUT_PARAMETER("@Conditional on '%s', which is not a hyperparameter; add @Uniform, @LogUniform, "
            + "@IntUniform or @Categorical, or remove the condition"),
    CONDITIONAL_UNKNOWN_PARENT("@Conditional on '%s' names '%s', which is not a hyperparameter of this class; known: %s"),
    CONDITIONAL_OPERATOR_COUNT("@Conditional on '%s': set exactly one of equalTo, in, atLeast, greaterThan, atMost, "
            + "lessThan; found %s"),
    CONDITIONAL_IMPOSSIBLE_VALUE("@Conditional on '%s': '%s' cannot take the value \"%s\"; it takes %s"),
    CONDITIONAL_NEVER_HOLDS("@Conditional on '%s': '%s' %s %s never holds, since '%s' takes %s; change the threshold"),
    CONDITIONAL_NOT_NUMERIC("@Conditional on '%s': %s compares '%s', which is not numeric; use equalTo or in"),
    CONDITIONAL_CYCLE("@Conditional on '%s': conditions form a cycle %s; a parameter cannot depend on itself, directly or not"),

    BUDGET_TWICE("field '%s' is a second @Budget (the first is '%s'); a class has one fidelity, keep one @Budget"),
    BUDGET_MIN_NOT_POSITIVE("@Budget on '%s': min must be positive, got %s"),
    BUDGET_MIN_NOT_BELOW_MAX("@Budget on '%s': min (%s) must be less than max (%s)"),
    BUDGET_WRONG_TYPE("@Budget on '%s' of type %s: the budget must be a number; use an int, long, float or double field"),
    BUDGET_NOT_WHOLE("@Budget on integer field '%s': min and max must be whole numbers, got [%s, %s]"),
    BUDGET_AND_PARAMETER("field '%s' has @Budget and @%s; the optimizer sets the budget itself, so it cannot also be "
            + "a hyperparameter: remove one of them"),

    OBJECTIVE_TWICE("method '%s' is a second @Objective (the first is '%s'); a class has one objective, keep one"),
    OBJECTIVE_STATIC("@Objective method '%s' is static; make it an instance method, it is called on the configured instance"),
    OBJECTIVE_NOT_PUBLIC("@Objective method '%s' must be public so that the generated injector can call it"),
    OBJECTIVE_PARAMETERS("@Objective method '%s' takes (%s); it must take no parameters or one org.hpo4j.trial.TrialContext"),
    OBJECTIVE_RETURN("@Objective method '%s' returns %s; it must return double, float, int or long (or their boxes), or a record of 2 to 4 objectives marked @Minimize / @Maximize"),
    OBJECTIVE_RECORD_COUNT("@Objective method '%s' returns %s with %d objective(s) (%s); a record needs 2 to 4 components "
            + "with @Minimize or @Maximize (for one objective return a double)"),
    OBJECTIVE_RECORD_DIRECTION("@Objective method '%s' returns the record %s and sets direction; the record's components "
            + "say their directions with @Minimize / @Maximize, so remove direction"),
    OBJECTIVE_RECORD_PRIVATE("@Objective method '%s' returns %s, which is private (or inside a private class); the "
            + "generated injector cannot read it, make it package-private or public"),
    COMPONENT_UNMARKED("component '%s' of %s has neither a direction nor a bound; mark it @Minimize, @Maximize, "
            + "@AtMost or @AtLeast, or remove it from the record"),
    COMPONENT_TWO_DIRECTIONS("component '%s' of %s is both @Minimize and @Maximize; keep one"),
    COMPONENT_NOT_NUMERIC("@%s on component '%s' of %s, of type %s: objectives and bounds need a number; use double, "
            + "float, int or long"),
    COMPONENT_BOUND_NOT_FINITE("@%s on component '%s' of %s: the bound must be a finite number, got %s"),
    OBJECTIVE_THROWS("@Objective method '%s' declares 'throws %s'; it may throw exceptions and errors, not other Throwables"),

    DEFAULT_OUT_OF_RANGE("default of '%s' is %s, outside %s; change the initializer or the range"),
    DEFAULT_OFF_GRID("default of '%s' is %s, which is not on the grid %s (lo + k * step); change the initializer "
            + "to a grid value, e.g. %d or %d"),
    DEFAULT_JAVA_OFF_GRID("field '%s' has no initializer, so its default would be Java's 0, which is not on the grid %s "
            + "(lo + k * step); give it an initializer on the grid"),
    DEFAULT_NOT_A_CHOICE("default of '%s' is %s, which is not one of the choices %s; change the initializer or add the choice"),
    DEFAULT_JAVA_OUT_OF_RANGE("field '%s' has no initializer, so its default would be Java's %s, which is outside %s; "
            + "give it an initializer within the range"),
    DEFAULT_MISSING("field '%s' has no initializer, so its default would be null; give it an initializer, e.g. %s"),
    DEFAULT_NOT_CONSTANT("the initializer of '%s' (%s) is not a constant; hpo4j copies defaults into the generated search "
            + "space at compile time, so write a literal (e.g. %s), a static final constant or an enum constant"),
    DEFAULT_UNREADABLE_SOURCE("cannot read the source of '%s' (%s); its default is left to the runtime (the middle of "
            + "its range or its first choice)"),

    FIELD_HIDES_INHERITED("field '%s' of %s hides the hyperparameter field '%s' of %s; hpo4j sets fields by name and "
            + "could not tell the two apart, so rename one of them"),
    DUPLICATE_NAME("'%s' uses the name '%s', which '%s' already uses; give one of them another name"),
    BAD_NAME("name '%s' of '%s' may hold letters, digits, '_', '.', '-' and '$' only"),
    BAD_STUDY_NAME("@StudyName(\"%s\"): %s"),

    INDEX_UNWRITABLE("cannot write the objective index %s: %s"),
    FILE_UNWRITABLE("cannot write %s: %s");

    private final String template;

    Message(String template) {
        this.template = template;
    }

    /** The message with its arguments filled in. */
    String format(Object... args) {
        return String.format(Locale.ROOT, template, args);
    }
}
