package org.hpo4j.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Every kind of bad input is a compile error at the offending element with a message that says what
 * is wrong and how to fix it. In each source the line marked {@code //!} is where the error must be.
 */
class BadInputTest {

    /** Compiles {@code body} as the members of class {@code test.Bad} and checks the one error. */
    private static void assertError(String expectedMessage, String body) {
        String source = "package test;\n"
                + "import org.hpo4j.annotations.*;\n"
                + "import org.hpo4j.trial.TrialContext;\n"
                + "public class Bad {\n"
                + body
                + "}\n";
        assertErrorIn(expectedMessage, source);
    }

    private static void assertErrorIn(String expectedMessage, String source) {
        List<String> lines = source.lines().toList();
        int line = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("//!")) {
                line = i + 1;
            }
        }
        assertTrue(line > 0, "the test source marks no line with //!");
        JavaFileObject file = Compile.source("test.Bad", lines.toArray(String[]::new));
        Compilation compilation = Compile.compile(file);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining(expectedMessage).inFile(file).onLine(line);
        assertEquals(1, compilation.errors().size(), () -> "expected one error, got " + compilation.errors());
    }

    // ---- ranges ---------------------------------------------------------------------------------

    @Test
    void uniformLoNotBelowHi() {
        assertError("@Uniform on 'dropout': lo (0.5) must be less than hi (0.5)",
                "  @Uniform(lo = 0.5, hi = 0.5) double dropout = 0.5; //!\n");
    }

    @Test
    void intUniformLoAboveHi() {
        assertError("@IntUniform on 'layers': lo (5) must be less than hi (2)",
                "  @IntUniform(lo = 5, hi = 2) int layers = 3; //!\n");
    }

    @Test
    void logUniformWithNonPositiveLo() {
        assertError("@LogUniform on 'lr': a log scale needs lo > 0, got lo = 0; raise lo or use a linear scale",
                "  @LogUniform(lo = 0, hi = 1) double lr = 0.1; //!\n");
    }

    @Test
    void logIntUniformWithNonPositiveLo() {
        assertError("@IntUniform on 'hidden': a log scale needs lo > 0, got lo = -4",
                "  @IntUniform(lo = -4, hi = 512, log = true) int hidden = 64; //!\n");
    }

    @Test
    void intUniformOnDoubleField() {
        assertError("@IntUniform does not fit field 'rate' of type double; use @IntUniform on int or long fields "
                        + "(for real numbers use @Uniform or @LogUniform)",
                "  @IntUniform(lo = 1, hi = 5) //!\n"
                        + "  double rate = 2;\n");
    }

    @Test
    void uniformOnStringField() {
        assertError("@Uniform does not fit field 'optimizer' of type java.lang.String; use @Uniform on double or "
                        + "float fields (for choices use @Categorical)",
                "  @Uniform(lo = 0, hi = 1) String optimizer = \"adam\"; //!\n");
    }

    @Test
    void categoricalValueNotParseableAsTheFieldType() {
        assertError("@Categorical on 'layers': \"three\" is not a valid int; write every choice as an int, e.g. \"32\"",
                "  @Categorical({\"1\", \"2\", \"three\"}) int layers = 1; //!\n");
    }

    @Test
    void categoricalValueNotANumber() {
        assertError("@Categorical on 'decay': \"tiny\" is not a valid double; write every choice as a number",
                "  @Categorical({\"1e-3\", \"tiny\"}) //!\n"
                        + "  double decay = 1e-3;\n");
    }

    @Test
    void categoricalValueNotABoolean() {
        assertError("@Categorical on 'shuffle': \"yes\" is not a valid boolean; write every choice as true or false",
                "  @Categorical({\"yes\", \"no\"}) boolean shuffle; //!\n");
    }

    @Test
    void categoricalUnknownEnumConstant() {
        assertError("@Categorical on 'optimizer': enum Bad.Opt has no constant ADAMW; its constants are [SGD, ADAM]",
                "  enum Opt { SGD, ADAM }\n"
                        + "  @Categorical({\"SGD\", \"ADAMW\"}) Opt optimizer = Opt.SGD; //!\n");
    }

    @Test
    void categoricalWithOneChoice() {
        assertError("@Categorical on 'optimizer' needs at least two choices, got {adam}",
                "  @Categorical({\"adam\"}) String optimizer = \"adam\"; //!\n");
    }

    @Test
    void categoricalDuplicateChoice() {
        assertError("@Categorical on 'batch': 32 is listed twice; remove the duplicate",
                "  @Categorical({\"32\", \"64\", \"32\"}) long batch = 32; //!\n");
    }

    @Test
    void twoRangeAnnotationsOnOneField() {
        assertError("field 'lr' has both @Uniform and @LogUniform; keep only one of them",
                "  @Uniform(lo = 0.1, hi = 1)\n"
                        + "  @LogUniform(lo = 0.1, hi = 1) //!\n"
                        + "  double lr = 0.5;\n");
    }

    @Test
    void integerStepMustDivideTheRange() {
        assertError("@IntUniform on 'batch': hi - lo (234) is not a multiple of step 16; values are lo + k * step, "
                        + "so make hi 240 or 256",
                "  @IntUniform(lo = 16, hi = 250,\n"
                        + "      step = 16) //!\n"
                        + "  int batch = 32;\n");
    }

    @Test
    void integerStepBelowOne() {
        assertError("@IntUniform on 'batch': step must be positive and at most hi - lo (240), got 0",
                "  @IntUniform(lo = 16, hi = 256, step = 0) //!\n"
                        + "  int batch = 32;\n");
    }

    @Test
    void integerStepOnALogScale() {
        assertError("@IntUniform on 'hidden': a log scale takes no step, got step = 16; use log = false with the step, "
                        + "or a log scale without it",
                "  @IntUniform(lo = 16, hi = 512, log = true, step = 16) //!\n"
                        + "  int hidden = 64;\n");
    }

    @Test
    void integerDefaultOffTheGrid() {
        assertError("default of 'batch' is 40, which is not on the grid 16, 32, ..., 256 (lo + k * step); "
                        + "change the initializer to a grid value, e.g. 32 or 48",
                "  @IntUniform(lo = 16, hi = 256, step = 16)\n"
                        + "  int batch = 40; //!\n");
    }

    @Test
    void integerWithoutInitializerOffTheGrid() {
        assertError("field 'shift' has no initializer, so its default would be Java's 0, which is not on the grid "
                        + "-3, 1, ..., 9 (lo + k * step)",
                "  @IntUniform(lo = -3, hi = 9, step = 4)\n"
                        + "  int shift; //!\n");
    }

    @Test
    void conditionOnAValueOffTheGrid() {
        assertError("@Conditional on 'warmup': 'batch' cannot take the value \"40\"; it takes [16, 256] step 16",
                "  @IntUniform(lo = 16, hi = 256, step = 16) int batch = 32;\n"
                        + "  @Conditional(on = \"batch\", equalTo = \"40\") //!\n"
                        + "  @IntUniform(lo = 0, hi = 10) int warmup = 2;\n");
    }

    @Test
    void negativeStep() {
        assertError("@Uniform on 'dropout': step must be positive and at most hi - lo (0.5), got -0.1",
                "  @Uniform(lo = 0, hi = 0.5, step = -0.1) double dropout = 0.1; //!\n");
    }

    // ---- conditions -----------------------------------------------------------------------------

    @Test
    void conditionalOnUnknownField() {
        assertError("@Conditional on 'momentum' names 'optimiser', which is not a hyperparameter of this class; "
                        + "known: [optimizer, momentum]",
                "  @Categorical({\"sgd\", \"momentum\"}) String optimizer = \"sgd\";\n"
                        + "  @Conditional(on = \"optimiser\", equalTo = \"momentum\") //!\n"
                        + "  @Uniform(lo = 0.5, hi = 0.99) double momentum = 0.9;\n");
    }

    @Test
    void conditionalOnAValueTheParentCannotTake() {
        assertError("@Conditional on 'momentum': 'optimizer' cannot take the value \"nesterov\"; it takes {sgd, momentum}",
                "  @Categorical({\"sgd\", \"momentum\"}) String optimizer = \"sgd\";\n"
                        + "  @Conditional(on = \"optimizer\", equalTo = \"nesterov\") //!\n"
                        + "  @Uniform(lo = 0.5, hi = 0.99) double momentum = 0.9;\n");
    }

    @Test
    void conditionalComparisonThatNeverHolds() {
        assertError("@Conditional on 'init4': 'layers' >= 4 never holds, since 'layers' takes [1, 3]",
                "  @IntUniform(lo = 1, hi = 3) int layers = 2;\n"
                        + "  @Conditional(on = \"layers\", atLeast = 4) //!\n"
                        + "  @Categorical({\"he\", \"xavier\"}) String init4 = \"he\";\n");
    }

    @Test
    void conditionalComparisonOnText() {
        assertError("@Conditional on 'momentum': atLeast compares 'optimizer', which is not numeric; use equalTo or in",
                "  @Categorical({\"sgd\", \"momentum\"}) String optimizer = \"sgd\";\n"
                        + "  @Conditional(on = \"optimizer\", atLeast = 1) //!\n"
                        + "  @Uniform(lo = 0.5, hi = 0.99) double momentum = 0.9;\n");
    }

    @Test
    void conditionalWithTwoTests() {
        assertError("@Conditional on 'momentum': set exactly one of equalTo, in, atLeast, greaterThan, atMost, "
                        + "lessThan; found equalTo, atMost",
                "  @IntUniform(lo = 1, hi = 3) int layers = 2;\n"
                        + "  @Conditional(on = \"layers\", equalTo = \"2\", atMost = 2) //!\n"
                        + "  @Uniform(lo = 0.5, hi = 0.99) double momentum = 0.9;\n");
    }

    @Test
    void conditionsFormingACycle() {
        assertError("conditions form a cycle a -> b -> a",
                "  @Conditional(on = \"b\", equalTo = \"x\")\n"
                        + "  @Categorical({\"x\", \"y\"}) String a = \"x\";\n"
                        + "  @Conditional(on = \"a\", equalTo = \"x\") //!\n"
                        + "  @Categorical({\"x\", \"y\"}) String b = \"x\";\n");
    }

    @Test
    void conditionalOnAFieldThatIsNotAHyperparameter() {
        assertError("@Conditional on 'note', which is not a hyperparameter",
                "  @Categorical({\"a\", \"b\"}) String kind = \"a\";\n"
                        + "  @Conditional(on = \"kind\", equalTo = \"a\") String note = \"\"; //!\n");
    }

    // ---- budget ---------------------------------------------------------------------------------

    @Test
    void twoBudgets() {
        assertError("field 'samples' is a second @Budget (the first is 'epochs'); a class has one fidelity",
                "  @Budget(min = 1, max = 81) int epochs = 81;\n"
                        + "  @Budget(min = 100, max = 10000) int samples = 10000; //!\n");
    }

    @Test
    void budgetMinNotPositive() {
        assertError("@Budget on 'epochs': min must be positive, got 0",
                "  @Budget(min = 0, max = 81) int epochs = 81; //!\n");
    }

    @Test
    void budgetMinNotBelowMax() {
        assertError("@Budget on 'epochs': min (81) must be less than max (9)",
                "  @Budget(min = 81, max = 9) int epochs = 81; //!\n");
    }

    @Test
    void budgetOnTextField() {
        assertError("@Budget on 'epochs' of type java.lang.String: the budget must be a number",
                "  @Budget(min = 1, max = 81) String epochs = \"81\"; //!\n");
    }

    @Test
    void budgetThatIsAlsoAHyperparameter() {
        assertError("field 'epochs' has @Budget and @IntUniform; the optimizer sets the budget itself",
                "  @IntUniform(lo = 1, hi = 81)\n"
                        + "  @Budget(min = 1, max = 81) //!\n"
                        + "  int epochs = 81;\n");
    }

    // ---- objective ------------------------------------------------------------------------------

    @Test
    void objectiveWithWrongParameters() {
        assertError("@Objective method 'error' takes (int); it must take no parameters or one org.hpo4j.trial.TrialContext",
                "  @Objective public double error(int epochs) { return epochs; } //!\n");
    }

    @Test
    void objectiveReturningText() {
        assertError("@Objective method 'error' returns java.lang.String; it must return double, float, int or long",
                "  @Objective public String error() { return \"\"; } //!\n");
    }

    @Test
    void staticObjective() {
        assertError("@Objective method 'error' is static; make it an instance method",
                "  @Objective public static double error(TrialContext context) { return 0; } //!\n");
    }

    @Test
    void privateObjective() {
        assertError("@Objective method 'error' must be public so that the generated injector can call it",
                "  @Objective private double error() { return 0; } //!\n");
    }

    @Test
    void twoObjectives() {
        assertError("method 'accuracy' is a second @Objective (the first is 'error'); a class has one objective",
                "  @Objective public double error() { return 0; }\n"
                        + "  @Objective(direction = Direction.MAXIMIZE) //!\n"
                        + "  public double accuracy() { return 1; }\n");
    }

    // ---- fields and defaults --------------------------------------------------------------------

    @Test
    void staticField() {
        assertError("field 'lr' is static, but hyperparameters are set per instance",
                "  @Uniform(lo = 0, hi = 1)\n"
                        + "  static double lr = 0.5; //!\n");
    }

    @Test
    void finalField() {
        assertError("field 'lr' is final, so the optimizer cannot set it; remove 'final'",
                "  @Uniform(lo = 0, hi = 1)\n"
                        + "  final double lr = 0.5; //!\n");
    }

    @Test
    void defaultOutsideItsRange() {
        assertError("default of 'dropout' is 0.7, outside [0, 0.5]; change the initializer or the range",
                "  @Uniform(lo = 0, hi = 0.5)\n"
                        + "  double dropout = 0.7; //!\n");
    }

    @Test
    void negativeDefaultOutsideItsRange() {
        assertError("default of 'layers' is -1, outside [1, 4]",
                "  @IntUniform(lo = 1, hi = 4) int layers = -1; //!\n");
    }

    @Test
    void defaultNotAChoice() {
        assertError("default of 'optimizer' is \"rmsprop\", which is not one of the choices {sgd, adam}",
                "  @Categorical({\"sgd\", \"adam\"}) String optimizer = \"rmsprop\"; //!\n");
    }

    @Test
    void missingInitializerWhoseJavaDefaultIsOutOfRange() {
        assertError("field 'hidden' has no initializer, so its default would be Java's 0, which is outside "
                        + "[16, 512] (log); give it an initializer within the range",
                "  @IntUniform(lo = 16, hi = 512, log = true) int hidden; //!\n");
    }

    @Test
    void missingInitializerOfAText() {
        assertError("field 'optimizer' has no initializer, so its default would be null; give it an initializer, "
                        + "e.g. \"sgd\"",
                "  @Categorical({\"sgd\", \"adam\"}) String optimizer; //!\n");
    }

    @Test
    void initializerThatIsNotAConstant() {
        assertError("the initializer of 'lr' (Math.pow(10, -3)) is not a constant; hpo4j copies defaults into the "
                        + "generated search space at compile time, so write a literal",
                "  @LogUniform(lo = 1e-5, hi = 1)\n"
                        + "  double lr = Math.pow(10, -3); //!\n");
    }

    @Test
    void missingInitializerOfAnEnum() {
        assertError("field 'opt' has no initializer, so its default would be null; give it an initializer, e.g. Bad.Opt.SGD",
                "  enum Opt { SGD, ADAM }\n"
                        + "  @Categorical Opt opt; //!\n");
    }

    // ---- inherited fields -----------------------------------------------------------------------

    @Test
    void subclassFieldHidingAnInheritedHyperparameter() {
        assertErrorIn("field 'lr' of test.Bad hides the hyperparameter field 'lr' of test.Base; hpo4j sets fields by "
                        + "name and could not tell the two apart, so rename one of them",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "abstract class Base {\n"
                        + "  @LogUniform(lo = 1e-5, hi = 1) double lr = 1e-3;\n"
                        + "}\n"
                        + "public class Bad extends Base {\n"
                        + "  @Uniform(lo = 0, hi = 1) double lr = 0.5; //!\n"
                        + "  @Objective public double train() { return lr; }\n"
                        + "}\n");
    }

    @Test
    void plainSubclassFieldHidingAnInheritedHyperparameter() {
        assertErrorIn("field 'lr' of test.Bad hides the hyperparameter field 'lr' of test.Base",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "abstract class Base {\n"
                        + "  @LogUniform(lo = 1e-5, hi = 1) private double lr = 1e-3;\n"
                        + "  @Conditional(on = \"lr\", atLeast = 0.1) @Uniform(lo = 0, hi = 1) double warm = 0.5;\n"
                        + "}\n"
                        + "public class Bad extends Base {\n"
                        + "  private double lr; //!\n"
                        + "  @Objective public double train() { return lr; }\n"
                        + "}\n");
    }

    @Test
    void subclassParameterNamedLikeAnInheritedOne() {
        assertErrorIn("'rate' uses the name 'rate', which 'Base.lr' already uses; give one of them another name",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "abstract class Base {\n"
                        + "  @LogUniform(lo = 1e-5, hi = 1, name = \"rate\") double lr = 1e-3;\n"
                        + "}\n"
                        + "public class Bad extends Base {\n"
                        + "  @Uniform(lo = 0, hi = 1) double rate = 0.5; //!\n"
                        + "  @Objective public double train() { return rate; }\n"
                        + "}\n");
    }

    @Test
    void anErrorInASuperclassIsReportedOnceNotOncePerSubclass() {
        assertErrorIn("@Uniform on 'dropout': lo (0.5) must be less than hi (0.1)",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "abstract class Base {\n"
                        + "  @Uniform(lo = 0.5, hi = 0.1) double dropout = 0.2; //!\n"
                        + "}\n"
                        + "class Other extends Base {\n"
                        + "  @Objective public double f() { return dropout; }\n"
                        + "}\n"
                        + "public class Bad extends Base {\n"
                        + "  @Objective public double train() { return dropout; }\n"
                        + "}\n");
    }

    @Test
    void duplicateNames() {
        assertError("'rate' uses the name 'lr', which 'lr' already uses; give one of them another name",
                "  @Uniform(lo = 0, hi = 1) double lr = 0.5;\n"
                        + "  @Uniform(lo = 0, hi = 1, name = \"lr\") double rate = 0.5; //!\n");
    }

    @Test
    void nameWithSpaces() {
        assertError("name 'learning rate' of 'lr' may hold letters, digits, '_', '.', '-' and '$' only",
                "  @Uniform(lo = 0, hi = 1, name = \"learning rate\") double lr = 0.5; //!\n");
    }

    @Test
    void badStudyName() {
        assertErrorIn("@StudyName(\"my study\"): a study name holds letters, digits",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "@StudyName(\"my study\") //!\n"
                        + "public class Bad {\n"
                        + "  @Uniform(lo = 0, hi = 1) double lr = 0.5;\n"
                        + "}\n");
    }

    @Test
    void privateNestedClass() {
        assertErrorIn("test.Bad.Model is private, so the generated Bad_ModelInjector cannot use it",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "public class Bad {\n"
                        + "  private static class Model { //!\n"
                        + "    @Uniform(lo = 0, hi = 1) double lr = 0.5;\n"
                        + "  }\n"
                        + "}\n");
    }

    @Test
    void genericClass() {
        assertErrorIn("test.Bad has type parameters; hpo4j cannot generate an injector for a generic class",
                "package test;\n"
                        + "import org.hpo4j.annotations.*;\n"
                        + "public class Bad<T> { //!\n"
                        + "  @Uniform(lo = 0, hi = 1) double lr = 0.5;\n"
                        + "}\n");
    }

    @Test
    void privateEnumType() {
        assertError("the type Bad.Opt of field 'opt' is private, so the generated code cannot name it",
                "  private enum Opt { SGD, ADAM }\n"
                        + "  @Categorical Opt opt = Opt.SGD; //!\n");
    }

    @Test
    void objectiveThrowingThrowable() {
        assertError("@Objective method 'error' declares 'throws java.lang.Throwable'; it may throw exceptions and errors",
                "  @Objective public double error() throws Throwable { return 0; } //!\n");
    }

    @Test
    void budgetWithFractionalBoundsOnAnIntegerField() {
        assertError("@Budget on integer field 'epochs': min and max must be whole numbers, got [0.5, 10]",
                "  @Budget(min = 0.5, max = 10) int epochs = 10; //!\n");
    }

    @Test
    void categoricalOnAnUnsupportedType() {
        assertError("@Categorical does not fit field 'size' of type short",
                "  @Categorical({\"1\", \"2\"}) short size = 1; //!\n");
    }

    // ---- all errors, not only the first -----------------------------------------------------------

    @Test
    void reportsEveryErrorOfAClassAndWritesNothing() {
        JavaFileObject file = Compile.source("test.Bad",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Bad {",
                "  @Uniform(lo = 1, hi = 0) double a = 0.5;",
                "  @IntUniform(lo = 1, hi = 5) double b = 2;",
                "  @Budget(min = 0, max = 5) int c = 5;",
                "  @Uniform(lo = 0, hi = 1) double fine = 0.5;",
                "}");
        Compilation compilation = Compile.compile(file);
        assertThat(compilation).failed();
        assertThat(compilation).hadErrorContaining("lo (1) must be less than hi (0)").inFile(file).onLine(4);
        assertThat(compilation).hadErrorContaining("@IntUniform does not fit field 'b'").inFile(file).onLine(5);
        assertThat(compilation).hadErrorContaining("min must be positive, got 0").inFile(file).onLine(6);
        assertEquals(3, compilation.errors().size());
    }

    @Test
    void errorsPointAtTheAnnotationValue() {
        // lo is on its own line: the error is there, not at the annotation's first line
        JavaFileObject file = Compile.source("test.Bad",
                "package test;",
                "import org.hpo4j.annotations.*;",
                "public class Bad {",
                "  @LogUniform(",
                "      lo = -1,",
                "      hi = 1)",
                "  double lr = 0.5;",
                "}");
        Compilation compilation = Compile.compile(file);
        assertThat(compilation).hadErrorContaining("a log scale needs lo > 0").inFile(file).onLine(5);
        Diagnostic<? extends JavaFileObject> error = compilation.errors().get(0);
        assertEquals(5, error.getLineNumber());
    }
}
